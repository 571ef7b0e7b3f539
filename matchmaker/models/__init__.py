"""All models, imported here so Alembic and the app see one complete metadata."""

from matchmaker.models.api_token import ApiToken
from matchmaker.models.audit import AuditLog
from matchmaker.models.background import IndexArtifact, OutboxMessage, Setting, TaskRun
from matchmaker.models.base import Base
from matchmaker.models.capability import Capability
from matchmaker.models.chain import Chain
from matchmaker.models.challenge import Challenge
from matchmaker.models.enums import (
    AccessStatus,
    CapabilityStatus,
    ChallengeMode,
    ChallengeStatus,
    CooperationMode,
    MatchFeedback,
    MatchSource,
    MatchStatus,
    OrgKind,
    OutboxStatus,
    ProposalStatus,
    ReviewStatus,
    Role,
    SolutionMode,
    TaskStatus,
)
from matchmaker.models.key_problems import KeyProblemEntry, KeyProblemList
from matchmaker.models.match import Match
from matchmaker.models.notification import Notification
from matchmaker.models.organization import Organization
from matchmaker.models.revision import Revision
from matchmaker.models.user import User
from matchmaker.models.workflow import AccessRequest, Agreement, Proposal, Review

__all__ = [
    "AccessRequest",
    "AccessStatus",
    "Agreement",
    "ApiToken",
    "AuditLog",
    "Base",
    "Capability",
    "CapabilityStatus",
    "Chain",
    "Challenge",
    "ChallengeMode",
    "ChallengeStatus",
    "CooperationMode",
    "IndexArtifact",
    "KeyProblemEntry",
    "KeyProblemList",
    "Match",
    "MatchFeedback",
    "MatchSource",
    "MatchStatus",
    "Notification",
    "OrgKind",
    "Organization",
    "OutboxMessage",
    "OutboxStatus",
    "Proposal",
    "ProposalStatus",
    "Review",
    "ReviewStatus",
    "Revision",
    "Role",
    "Setting",
    "SolutionMode",
    "TaskRun",
    "TaskStatus",
    "User",
]
