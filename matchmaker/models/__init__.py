"""All models, imported here so Alembic and the app see one complete metadata."""

from matchmaker.models.api_token import ApiToken
from matchmaker.models.audit import AuditLog
from matchmaker.models.background import IndexArtifact, OutboxMessage, Setting, TaskRun
from matchmaker.models.base import Base
from matchmaker.models.capability import Capability
from matchmaker.models.chain import Chain
from matchmaker.models.challenge import Challenge
from matchmaker.models.deals import Deal, DealNote, EventFeedback, MeetingOutcome, manager_chains
from matchmaker.models.enums import (
    AccessStatus,
    CapabilityStatus,
    ChallengeMode,
    ChallengeStatus,
    CooperationMode,
    DealSource,
    DealStage,
    EventFormat,
    EventStatus,
    EventStyle,
    MatchFeedback,
    MatchSource,
    MatchStatus,
    MeetingSource,
    MeetingStatus,
    OrgKind,
    OutboxStatus,
    OutcomeKind,
    OutcomeSide,
    ParticipantSource,
    ParticipantStatus,
    PlanStatus,
    ProposalStatus,
    RequestStatus,
    ResultCategory,
    ResultEntryStatus,
    ReviewStatus,
    Role,
    Side,
    SolutionMode,
    TaskStatus,
)
from matchmaker.models.events import Event, EventParticipant, YearPlan, event_chains
from matchmaker.models.good_results import GoodResultEntry, GoodResultList
from matchmaker.models.key_problems import KeyProblemEntry, KeyProblemList
from matchmaker.models.match import Match
from matchmaker.models.meetings import AgendaRun, Meeting, MeetingRequest
from matchmaker.models.notification import Notification
from matchmaker.models.organization import Organization
from matchmaker.models.pending_signup import PendingSignup
from matchmaker.models.revision import Revision
from matchmaker.models.user import User
from matchmaker.models.workflow import AccessRequest, Agreement, Proposal, Review

__all__ = [
    "AccessRequest",
    "AccessStatus",
    "AgendaRun",
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
    "Deal",
    "DealNote",
    "DealSource",
    "DealStage",
    "Event",
    "EventFeedback",
    "EventFormat",
    "EventParticipant",
    "EventStatus",
    "EventStyle",
    "GoodResultEntry",
    "GoodResultList",
    "IndexArtifact",
    "KeyProblemEntry",
    "KeyProblemList",
    "Match",
    "MatchFeedback",
    "MatchSource",
    "MatchStatus",
    "Meeting",
    "MeetingOutcome",
    "MeetingRequest",
    "MeetingSource",
    "MeetingStatus",
    "Notification",
    "OrgKind",
    "Organization",
    "OutboxMessage",
    "OutboxStatus",
    "OutcomeKind",
    "OutcomeSide",
    "ParticipantSource",
    "ParticipantStatus",
    "PendingSignup",
    "PlanStatus",
    "Proposal",
    "ProposalStatus",
    "RequestStatus",
    "ResultCategory",
    "ResultEntryStatus",
    "Review",
    "ReviewStatus",
    "Revision",
    "Role",
    "Setting",
    "Side",
    "SolutionMode",
    "TaskRun",
    "TaskStatus",
    "User",
    "YearPlan",
    "event_chains",
    "manager_chains",
]
