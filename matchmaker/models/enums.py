"""Closed vocabularies of the domain. Values are stored; labels are shown (Chinese first)."""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry their own label. Labels are kept per enum class: members of
    different enums with the same value compare equal, so one shared dict would mix them up."""

    @property
    def label(self) -> str:
        return str(type(self)._labels()[self.value])

    @classmethod
    def _labels(cls) -> dict:
        return _LABELS[cls]


_LABELS: dict[type, dict] = {}


def labelled(enum_cls: type[LabelledEnum], labels: dict) -> None:
    """Attach labels to one enum; every member must have exactly one."""
    by_value = {member.value: label for member, label in labels.items() if isinstance(member, enum_cls)}
    missing = {m.value for m in enum_cls} - by_value.keys()
    if missing or len(by_value) != len(labels):
        raise ValueError(f"{enum_cls.__name__}: labels missing for {sorted(missing)} or given for another enum")
    _LABELS[enum_cls] = by_value


class OrgKind(LabelledEnum):
    FIRM = "firm"
    UNIVERSITY = "university"
    INSTITUTE = "institute"
    AGENCY = "agency"


class Role(LabelledEnum):
    FIRM = "firm"
    TEAM = "team"
    ORGANISER = "organiser"
    ADMIN = "admin"


class ChallengeStatus(LabelledEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    IN_REVIEW = "in_review"
    CONTRACTED = "contracted"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


class CapabilityStatus(LabelledEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


class ChallengeMode(LabelledEnum):
    MATCHMAKING = "matchmaking"
    OPEN_CALL = "open_call"
    HORSE_RACE = "horse_race"


class SolutionMode(LabelledEnum):
    INDEPENDENT = "independent"
    COMMISSIONED = "commissioned"
    COOPERATIVE = "cooperative"
    OTHER = "other"


class CooperationMode(LabelledEnum):
    TRANSFER = "transfer"
    LICENSE = "license"
    JOINT_DEVELOPMENT = "joint_development"
    EQUITY = "equity"


class ResultCategory(LabelledEnum):
    """山东好成果: what kind of result, as the evaluation says."""

    BASIC = "basic"
    APPLIED = "applied"
    TRANSFER_READY = "transfer_ready"


class ResultEntryStatus(LabelledEnum):
    NOMINATED = "nominated"  # put forward by its team, awaiting the organisers
    SELECTED = "selected"


class MatchSource(LabelledEnum):
    RECOMMENDER = "recommender"
    MANUAL = "manual"


class MatchStatus(LabelledEnum):
    SUGGESTED = "suggested"
    INTERESTED = "interested"
    MEETING = "meeting"
    AGREEMENT = "agreement"
    DECLINED = "declined"


class MatchFeedback(LabelledEnum):
    RELEVANT = "relevant"
    IRRELEVANT = "irrelevant"
    CONTACTED = "contacted"


labelled(
    OrgKind,
    {
        OrgKind.FIRM: _l("企业"),
        OrgKind.UNIVERSITY: _l("高校"),
        OrgKind.INSTITUTE: _l("科研院所"),
        OrgKind.AGENCY: _l("主管部门"),
    },
)
labelled(
    Role,
    {
        Role.FIRM: _l("企业用户"),
        Role.TEAM: _l("科研团队"),
        Role.ORGANISER: _l("组织方"),
        Role.ADMIN: _l("系统管理员"),
    },
)
labelled(
    ChallengeStatus,
    {
        ChallengeStatus.DRAFT: _l("草稿"),
        ChallengeStatus.PUBLISHED: _l("已发布"),
        ChallengeStatus.IN_REVIEW: _l("评审中"),
        ChallengeStatus.CONTRACTED: _l("已签约"),
        ChallengeStatus.CLOSED: _l("已验收"),
        ChallengeStatus.WITHDRAWN: _l("已撤回"),
    },
)
labelled(
    CapabilityStatus,
    {
        CapabilityStatus.DRAFT: _l("草稿"),
        CapabilityStatus.PUBLISHED: _l("已发布"),
        CapabilityStatus.WITHDRAWN: _l("已撤回"),
    },
)
labelled(
    ChallengeMode,
    {
        ChallengeMode.MATCHMAKING: _l("精准对接"),
        ChallengeMode.OPEN_CALL: _l("揭榜挂帅"),
        ChallengeMode.HORSE_RACE: _l("赛马"),
    },
)
labelled(
    SolutionMode,
    {
        SolutionMode.INDEPENDENT: _l("独立研发"),
        SolutionMode.COMMISSIONED: _l("委托研发"),
        SolutionMode.COOPERATIVE: _l("合作研发"),
        SolutionMode.OTHER: _l("其他"),
    },
)
labelled(
    CooperationMode,
    {
        CooperationMode.TRANSFER: _l("转让"),
        CooperationMode.LICENSE: _l("许可"),
        CooperationMode.JOINT_DEVELOPMENT: _l("合作开发"),
        CooperationMode.EQUITY: _l("作价入股"),
    },
)
labelled(
    MatchSource,
    {
        MatchSource.RECOMMENDER: _l("系统推荐"),
        MatchSource.MANUAL: _l("人工推荐"),
    },
)
labelled(
    MatchStatus,
    {
        MatchStatus.SUGGESTED: _l("推荐"),
        MatchStatus.INTERESTED: _l("有意向"),
        MatchStatus.MEETING: _l("已约谈"),
        MatchStatus.AGREEMENT: _l("已达成合作"),
        MatchStatus.DECLINED: _l("已婉拒"),
    },
)
labelled(
    MatchFeedback,
    {
        MatchFeedback.RELEVANT: _l("相关"),
        MatchFeedback.IRRELEVANT: _l("不相关"),
        MatchFeedback.CONTACTED: _l("已联系"),
    },
)

# 技术成熟度 (TRL): the nine-level ladder in its usual Chinese wording (cf. GB/T 22900 Annex A).
TRL_LABELS = {
    1: _l("1级 基本原理清晰"),
    2: _l("2级 技术概念和应用设想明确"),
    3: _l("3级 技术概念和应用设想通过可行性论证"),
    4: _l("4级 关键功能在实验室环境中验证"),
    5: _l("5级 部件或模块在相关环境中验证"),
    6: _l("6级 系统原型在相关环境中验证"),
    7: _l("7级 系统原型在真实使用环境中验证"),
    8: _l("8级 实际系统完成定型试验"),
    9: _l("9级 实际系统通过应用验证，可批量生产"),
}


class AccessStatus(LabelledEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"


class ProposalStatus(LabelledEnum):
    SUBMITTED = "submitted"
    SHORTLISTED = "shortlisted"
    SELECTED = "selected"
    NOT_SELECTED = "not_selected"
    WITHDRAWN = "withdrawn"


class ReviewStatus(LabelledEnum):
    REQUESTED = "requested"
    DONE = "done"


class OutboxStatus(LabelledEnum):
    PENDING = "pending"
    DISPATCHED = "dispatched"
    DONE = "done"
    FAILED = "failed"


class TaskStatus(LabelledEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


labelled(
    AccessStatus,
    {
        AccessStatus.PENDING: _l("待审批"),
        AccessStatus.APPROVED: _l("已授权"),
        AccessStatus.DECLINED: _l("已拒绝"),
    },
)
labelled(
    ProposalStatus,
    {
        ProposalStatus.SUBMITTED: _l("已提交"),
        ProposalStatus.SHORTLISTED: _l("入围"),
        ProposalStatus.SELECTED: _l("中选"),
        ProposalStatus.NOT_SELECTED: _l("未中选"),
        ProposalStatus.WITHDRAWN: _l("已撤回"),
    },
)
labelled(
    ReviewStatus,
    {
        ReviewStatus.REQUESTED: _l("待评审"),
        ReviewStatus.DONE: _l("已评审"),
    },
)
labelled(
    OutboxStatus,
    {
        OutboxStatus.PENDING: _l("待发送"),
        OutboxStatus.DISPATCHED: _l("已派发"),
        OutboxStatus.DONE: _l("已完成"),
        OutboxStatus.FAILED: _l("失败"),
    },
)
labelled(
    TaskStatus,
    {
        TaskStatus.QUEUED: _l("排队中"),
        TaskStatus.RUNNING: _l("进行中"),
        TaskStatus.SUCCEEDED: _l("已完成"),
        TaskStatus.FAILED: _l("失败"),
    },
)


class PlanStatus(LabelledEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class EventStatus(LabelledEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    REGISTRATION_CLOSED = "registration_closed"
    HELD = "held"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class EventFormat(LabelledEnum):
    OFFLINE = "offline"
    ONLINE = "online"
    HYBRID = "hybrid"


class EventStyle(LabelledEnum):
    """Who travels: firms visit a university, or professor teams visit a cluster / 链主 firm."""

    FIRM_VISITS_UNIVERSITY = "visit_university"
    UNIVERSITY_VISITS_CLUSTER = "visit_cluster"


class Side(LabelledEnum):
    FIRM = "firm"
    TEAM = "team"


class ParticipantStatus(LabelledEnum):
    INVITED = "invited"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    REGISTERED = "registered"
    APPROVED = "approved"
    REJECTED = "rejected"
    WAITING = "waiting"


class ParticipantSource(LabelledEnum):
    SUGGESTED = "suggested"
    MANUAL = "manual"
    SELF = "self"


labelled(PlanStatus, {PlanStatus.DRAFT: _l("草案"), PlanStatus.PUBLISHED: _l("已发布")})
labelled(
    EventStatus,
    {
        EventStatus.DRAFT: _l("草稿"),
        EventStatus.PUBLISHED: _l("报名中"),
        EventStatus.REGISTRATION_CLOSED: _l("报名截止"),
        EventStatus.HELD: _l("已举办"),
        EventStatus.CLOSED: _l("已结束"),
        EventStatus.CANCELLED: _l("已取消"),
    },
)
labelled(
    EventFormat,
    {EventFormat.OFFLINE: _l("线下"), EventFormat.ONLINE: _l("线上"), EventFormat.HYBRID: _l("线上线下结合")},
)
labelled(
    EventStyle,
    {
        EventStyle.FIRM_VISITS_UNIVERSITY: _l("企业走进高校"),
        EventStyle.UNIVERSITY_VISITS_CLUSTER: _l("专家走进园区"),
    },
)
labelled(Side, {Side.FIRM: _l("需求方（企业）"), Side.TEAM: _l("供给方（科研团队）")})
labelled(
    ParticipantStatus,
    {
        ParticipantStatus.INVITED: _l("已邀请"),
        ParticipantStatus.ACCEPTED: _l("已接受邀请"),
        ParticipantStatus.DECLINED: _l("已谢绝"),
        ParticipantStatus.REGISTERED: _l("待审核"),
        ParticipantStatus.APPROVED: _l("已通过"),
        ParticipantStatus.REJECTED: _l("未通过"),
        ParticipantStatus.WAITING: _l("候补"),
    },
)
labelled(
    ParticipantSource,
    {
        ParticipantSource.SUGGESTED: _l("系统建议"),
        ParticipantSource.MANUAL: _l("组织方添加"),
        ParticipantSource.SELF: _l("自主报名"),
    },
)


# ---------------------------------------------------------------- one-to-one meetings (洽谈)


class RequestStatus(LabelledEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


class MeetingSource(LabelledEnum):
    REQUEST = "request"
    ORGANISER = "organiser"
    WALK_IN = "walk_in"


class MeetingStatus(LabelledEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


labelled(
    RequestStatus,
    {
        RequestStatus.PENDING: _l("待答复"),
        RequestStatus.ACCEPTED: _l("已接受"),
        RequestStatus.DECLINED: _l("已谢绝"),
        RequestStatus.EXPIRED: _l("已过期"),
        RequestStatus.CANCELLED: _l("已取消"),
    },
)
labelled(
    MeetingSource,
    {
        MeetingSource.REQUEST: _l("双方约定"),
        MeetingSource.ORGANISER: _l("组织方安排"),
        MeetingSource.WALK_IN: _l("现场临时安排"),
    },
)
labelled(
    MeetingStatus,
    {
        MeetingStatus.SCHEDULED: _l("已安排"),
        MeetingStatus.CANCELLED: _l("已取消"),
        MeetingStatus.NO_SHOW: _l("因缺席取消"),
    },
)


# ---------------------------------------------------------------- outcomes and deals (成果与跟进)


class OutcomeKind(LabelledEnum):
    """What one side (or the organiser) says came of a meeting."""

    NO_INTEREST = "no_interest"
    FOLLOW_UP = "follow_up"
    INTENT = "intent"
    AGREEMENT = "agreement"


class OutcomeSide(LabelledEnum):
    FIRM = "firm"
    TEAM = "team"
    ORGANISER = "organiser"


class DealStage(LabelledEnum):
    """对接 → 会商 → 落实, or 未成 (ended, with a reason)."""

    CONTACT = "contact"
    NEGOTIATING = "negotiating"
    IMPLEMENTING = "implementing"
    FAILED = "failed"


class DealSource(LabelledEnum):
    MEETING = "meeting"
    MATCH = "match"
    PROPOSAL = "proposal"
    MANUAL = "manual"


labelled(
    OutcomeKind,
    {
        OutcomeKind.NO_INTEREST: _l("无合作意向"),
        OutcomeKind.FOLLOW_UP: _l("希望继续沟通"),
        OutcomeKind.INTENT: _l("有合作意向"),
        OutcomeKind.AGREEMENT: _l("达成协议"),
    },
)
labelled(
    OutcomeSide,
    {OutcomeSide.FIRM: _l("企业"), OutcomeSide.TEAM: _l("团队"), OutcomeSide.ORGANISER: _l("组织方")},
)
labelled(
    DealStage,
    {
        DealStage.CONTACT: _l("对接"),
        DealStage.NEGOTIATING: _l("会商"),
        DealStage.IMPLEMENTING: _l("落实"),
        DealStage.FAILED: _l("未成"),
    },
)
labelled(
    DealSource,
    {
        DealSource.MEETING: _l("洽谈成果"),
        DealSource.MATCH: _l("推荐已联系"),
        DealSource.PROPOSAL: _l("揭榜入选"),
        DealSource.MANUAL: _l("组织方录入"),
    },
)
labelled(
    ResultCategory,
    {
        ResultCategory.BASIC: _l("基础研究"),
        ResultCategory.APPLIED: _l("应用研究"),
        ResultCategory.TRANSFER_READY: _l("可转化"),
    },
)
labelled(ResultEntryStatus, {ResultEntryStatus.NOMINATED: _l("待遴选"), ResultEntryStatus.SELECTED: _l("已入选")})
