"""All models, imported here so Alembic and the app see one complete metadata."""

from matchmaker.models.audit import AuditLog
from matchmaker.models.base import Base
from matchmaker.models.capability import Capability
from matchmaker.models.chain import Chain
from matchmaker.models.challenge import Challenge
from matchmaker.models.enums import (
    CapabilityStatus,
    ChallengeMode,
    ChallengeStatus,
    CooperationMode,
    MatchFeedback,
    MatchSource,
    MatchStatus,
    OrgKind,
    Role,
    SolutionMode,
)
from matchmaker.models.match import Match
from matchmaker.models.organization import Organization
from matchmaker.models.user import User

__all__ = [
    "AuditLog",
    "Base",
    "Capability",
    "CapabilityStatus",
    "Chain",
    "Challenge",
    "ChallengeMode",
    "ChallengeStatus",
    "CooperationMode",
    "Match",
    "MatchFeedback",
    "MatchSource",
    "MatchStatus",
    "OrgKind",
    "Organization",
    "Role",
    "SolutionMode",
    "User",
]
