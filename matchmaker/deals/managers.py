"""Technology managers (技术经理人): organisers appoint and retire them (a 职称 and the chains
they follow), and hand deals to them one by one or by chain. Callers commit."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from matchmaker import audit
from matchmaker.deals.errors import DealError
from matchmaker.deals.opening import touch
from matchmaker.extensions import db
from matchmaker.models import Chain, Deal, DealStage, Role, User, manager_chains
from matchmaker.notifications.operations import notify

OPEN = (DealStage.CONTACT, DealStage.NEGOTIATING)  # still being worked on: workload, staleness
ELIGIBLE_ROLES = (Role.ORGANISER, Role.ADMIN, Role.TEAM)  # not a firm: a manager stands between


def chains_of(user: User) -> list[Chain]:
    return list(
        db.session.scalars(
            sa.select(Chain)
            .join(manager_chains, manager_chains.c.chain_id == Chain.id)
            .where(manager_chains.c.user_id == user.id)
            .order_by(Chain.sort_order)
        )
    )


def appoint(user: User, title: str, chain_ids: Iterable[int], organiser: User) -> None:
    title = (title or "").strip()
    if user.role not in ELIGIBLE_ROLES:
        raise DealError(_("技术经理人须来自组织方、高校院所或服务机构，不能是企业账号。"))
    if not user.active:
        raise DealError(_("该账号已停用，不能聘任为技术经理人。"))
    if not title:
        raise DealError(_("请填写职称，如“高级技术经理人”。"))
    user.is_tech_manager, user.title = True, title[:40]
    wanted = set(chain_ids)
    db.session.execute(sa.delete(manager_chains).where(manager_chains.c.user_id == user.id))
    if wanted:
        db.session.execute(manager_chains.insert(), [{"user_id": user.id, "chain_id": c} for c in sorted(wanted)])
    audit.record("manager.appointed", user, organiser, title=user.title, chains=sorted(wanted))
    notify([user], "manager_appointed", _("您已被聘任为技术经理人"), link=url_for("deals.board"))


def retire(user: User, organiser: User) -> int:
    """The flag goes; the deals stay with nobody so that an organiser hands them on. Returns how many."""
    user.is_tech_manager = False
    released = list(db.session.scalars(sa.select(Deal).where(Deal.manager_id == user.id, Deal.stage.in_(OPEN))))
    for deal in released:
        deal.manager_id = None
    audit.record("manager.retired", user, organiser, released=len(released))
    return len(released)


def is_party(manager: User, deal: Deal) -> bool:
    return manager.organization_id in (deal.firm_org_id, deal.team_org_id)


def assign(deal: Deal, manager: User | None, organiser: User, tell: bool = True) -> None:
    if manager is not None:
        if not (manager.is_tech_manager and manager.active):
            raise DealError(_("只能交给在任的技术经理人。"))
        if is_party(manager, deal):
            raise DealError(_("技术经理人不能跟进本单位参与的对接。"))
    deal.manager_id = manager.id if manager is not None else None
    touch(deal)
    audit.record("deal.assigned", deal, organiser, manager_id=deal.manager_id)
    if manager is not None and tell:
        notify(
            [manager],
            "deal_assigned",
            _("新的对接跟进：%(t)s", t=deal.title),
            link=url_for("deals.detail", deal_id=deal.id),
        )


def open_load() -> Counter:
    rows = db.session.execute(
        sa.select(Deal.manager_id, sa.func.count())
        .where(Deal.manager_id.is_not(None), Deal.stage.in_(OPEN))
        .group_by(Deal.manager_id)
    )
    return Counter(dict(rows.all()))


def assign_by_chain(organiser: User) -> tuple[int, int]:
    """Every unassigned deal not ended goes to a manager of its chain with the fewest open deals
    (ties: by name). Returns (assigned, left without a manager of their chain)."""
    managers = list(
        db.session.scalars(sa.select(User).where(User.is_tech_manager, User.active).order_by(User.name, User.id))
    )
    by_chain: dict[int, list[User]] = {}
    for m in managers:
        for chain in chains_of(m):
            by_chain.setdefault(chain.id, []).append(m)
    load = open_load()
    given: Counter = Counter()
    left = 0
    waiting = db.session.scalars(
        sa.select(Deal).where(Deal.manager_id.is_(None), Deal.stage != DealStage.FAILED).order_by(Deal.id)
    )
    for deal in waiting:
        fit = [m for m in by_chain.get(deal.chain_id, []) if not is_party(m, deal)]
        if not fit:
            left += 1
            continue
        chosen = min(fit, key=lambda m: load[m.id])  # stable: the first by name wins a tie
        assign(deal, chosen, organiser, tell=False)
        if deal.stage in OPEN:
            load[chosen.id] += 1
        given[chosen.id] += 1
    for m in managers:
        if given[m.id]:
            notify(
                [m],
                "deal_assigned",
                ngettext("您有 %(num)d 项新的对接跟进", "您有 %(num)d 项新的对接跟进", given[m.id]),
                link=url_for("deals.board"),
            )
    return sum(given.values()), left
