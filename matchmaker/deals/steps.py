"""What a technology manager (or an organiser) does on a deal: move its stage, set the next
action, write a note. Each step is audited and restarts the stale clock. Callers commit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask_babel import gettext as _

from matchmaker import audit
from matchmaker.deals.errors import DealError
from matchmaker.deals.opening import touch
from matchmaker.extensions import db
from matchmaker.models import Deal, DealNote, DealStage, User
from matchmaker.timezones import local_today


def move(
    deal: Deal,
    stage: DealStage,
    actor: User,
    reason: str = "",
    amount: Decimal | None = None,
    signed_on: date | None = None,
) -> None:
    """Any stage may follow any other (a manager corrects a mistake too), but 未成 needs a reason
    and 落实 needs the agreement's sum and date unless a signed Agreement or a reported sum is there."""
    reason = (reason or "").strip()
    if stage == deal.stage:
        raise DealError(_("跟进已处于“%(s)s”阶段。", s=stage.label))
    if stage == DealStage.FAILED and not reason:
        raise DealError(_("请填写未成的原因。"))
    if stage == DealStage.IMPLEMENTING and deal.agreement_id is None:
        if amount is not None:
            if not amount.is_finite() or amount < 0:
                raise DealError(_("金额应为不小于0的数字（万元）。"))
            if signed_on is None or signed_on > local_today():
                raise DealError(_("请填写协议日期，且不能晚于今天。"))
            deal.amount, deal.signed_on = amount, signed_on
        elif deal.amount is None:
            raise DealError(_("进入“落实”须填写协议金额（万元）和日期；已登记签约的会自动进入落实。"))
    before, deal.stage = deal.stage, stage
    deal.failed_reason = reason if stage == DealStage.FAILED else ""
    touch(deal)
    audit.record("deal.stage", deal, actor, before=before.value, after=stage.value, why=reason)


def plan_next(deal: Deal, action: str, on: date | None, actor: User) -> None:
    deal.next_action, deal.next_action_on = (action or "").strip()[:200], on
    touch(deal)
    audit.record("deal.next_action", deal, actor, what=deal.next_action, on=on.isoformat() if on else None)


def note(deal: Deal, body: str, actor: User) -> DealNote:
    body = (body or "").strip()
    if not body:
        raise DealError(_("请填写跟进记录。"))
    made = DealNote(deal_id=deal.id, author_id=actor.id, body=body)
    db.session.add(made)
    db.session.flush()
    touch(deal)
    audit.record("deal.note", deal, actor, note_id=made.id, body=body[:500])
    return made
