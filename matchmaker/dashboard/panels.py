"""Every dashboard table, built from the queries: the page shows them, dashboard.js draws them
and export.py writes them, so a chart, its table and its .xlsx cannot disagree."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from matchmaker.dashboard import cities, deal_board, events_chart, funnel, key_problems, supply
from matchmaker.dashboard.filters import Filters
from matchmaker.dashboard.tables import Table
from matchmaker.dashboard.targets import for_year
from matchmaker.deals.settings import deal_stale_days
from matchmaker.extensions import db
from matchmaker.models import Chain, DealStage
from matchmaker.timezones import local_dt


def _chains() -> dict[int, Chain]:
    return {c.id: c for c in db.session.scalars(sa.select(Chain).order_by(Chain.sort_order, Chain.id))}


def _chain_name(chains: dict[int, Chain], chain_id: int | None) -> str:
    return chains[chain_id].name if chain_id in chains else _("未归属产业链")


def events(filters: Filters) -> Table:
    held, planned = events_chart.by_month(filters)
    target = for_year(filters.year).events
    rows, running = [], 0
    for month in range(1, 13):
        running += held[month] + planned[month]
        rows.append([_("%(month)d月", month=month), held[month], planned[month], running, target])
    return Table(
        "events",
        _("对接活动：已举办与计划（年度目标 %(target)d 场）", target=target),
        [_("月份"), _("已举办"), _("计划中"), _("累计"), _("年度目标")],
        rows,
        chart="events",
        note=_("已举办：已标记举办或结束，或已发布且活动日已到；计划中：已发布、尚未举办。累计含计划中的活动。"),
        extra={"target": target},
    )


def _stage_columns() -> list[str]:
    return [str(funnel.LABELS[s]) for s in funnel.STAGES] + [_("签约金额（万元）")]


def funnel_year(filters: Filters, per_chain: dict | None = None) -> Table:
    whole = funnel.total(per_chain if per_chain is not None else funnel.by_chain(filters))
    rows = [[str(funnel.LABELS[s]), whole.counts[s], whole.amount if s == "agreements" else ""] for s in funnel.STAGES]
    return Table(
        "funnel",
        _("%(year)d年对接漏斗", year=filters.year),
        [_("环节"), _("数量"), _("签约金额（万元）")],
        rows,
        chart="funnel",
        note=_("各环节的口径见下方说明；签约含揭榜挂帅直接签约的协议，可能多于合作意向。"),
    )


def funnel_chains(filters: Filters, per_chain: dict | None = None) -> Table:
    per_chain = per_chain if per_chain is not None else funnel.by_chain(filters)
    chains = _chains()
    order = [c for c in chains if c in per_chain] + ([None] if None in per_chain else [])
    rows = [[_chain_name(chains, c), *per_chain[c].row()] for c in order]
    return Table(
        "funnel_chains",
        _("各产业链对接漏斗"),
        [_("产业链"), *_stage_columns()],
        rows,
        chart="bars",
        extra={"series": [1, 2, 3, 4, 5]},
        note=_("需求按主产业链，洽谈按活动的第一个主题产业链，签约按跟进项目的产业链计。"),
    )


def funnel_events(filters: Filters) -> Table:
    rows = [[e.title, e.starts_on.isoformat(), *f.row()] for e, f in funnel.by_event(filters)]
    return Table(
        "funnel_events",
        _("各场活动对接漏斗"),
        [_("活动"), _("日期"), *_stage_columns()],
        rows,
        chart="bars",
        extra={"series": [2, 3, 4, 5, 6]},
        note=_("需求与推荐为参会企业的在架需求及其与参会团队成果的推荐对接；签约为该活动产生的跟进项目的签约。"),
    )


def heatmap(filters: Filters) -> Table:
    m = supply.matrix(filters)
    names = [c.name for c in m.chains]
    shown = [c for c in m.chains if filters.chain is None or c.id == filters.chain.id]
    rows = []
    for row_chain in shown:
        cells = [m.pairs.get((row_chain.id, col.id), 0) for col in m.chains]
        ratio = m.ratio(row_chain.id)
        rows.append([row_chain.name, *cells, m.demand.get(row_chain.id, 0), m.supply.get(row_chain.id, 0), ratio or ""])
    return Table(
        "supply",
        _("开放需求与成果供给（产业链 × 产业链）"),
        [_("需求产业链 \\ 成果产业链"), *names, _("开放需求"), _("已发布成果"), _("需求/供给")],
        rows,
        chart="heatmap",
        extra={"size": len(names)},
        note=_(
            "格子：需求产业链的开放需求与成果产业链的已发布成果之间的推荐对接数。"
            "某行需求多、供给少且对接少：下一场活动应邀请其他产业链的团队；对角线外的高值：适合跨链活动。"
        ),
    )


def key_problem_list(filters: Filters) -> Table:
    kp_list, per_chain = key_problems.entries_by_chain(filters)
    target = for_year(filters.year).key_problems
    chains = _chains()
    rows = [[chains[c].name, per_chain[c]] for c in chains if per_chain[c]]
    total = sum(per_chain.values())
    state = (
        _("尚未建立%(year)d年榜单", year=filters.year)
        if kp_list is None
        else (_("已发布") if kp_list.published_at else _("未发布"))
    )
    return Table(
        "key_problems",
        _("年度难题榜单：%(total)d / %(target)d 项（%(state)s）", total=total, target=target, state=state),
        [_("产业链"), _("入选难题")],
        rows,
        chart="gauge",
        extra={"total": total, "target": target, "label": _("入选难题")},
        note=_("按难题的主产业链计；目标可在“年度目标”中修改。"),
    )


def city_activity(filters: Filters) -> Table:
    made = cities.activity(filters)
    rows = [[city, *(made[m][city] for m in cities.MEASURES)] for city in cities.cities_shown(filters)]
    return Table(
        "cities",
        _("各市活跃度"),
        [_("城市"), _("发布需求"), _("发布成果"), _("参会单位"), _("签约")],
        rows,
        chart="hbars",
        extra={"series": [1, 2, 3, 4]},
        note=_(
            "按单位所在城市计：当年首次发布的需求与成果、参加当年已举办活动的单位（每场一次）、当年签约（企业所在城市）。"
        ),
    )


def deals(filters: Filters) -> Table:
    stages = list(DealStage)
    rows = [
        [manager.name if manager else _("未分配"), *(per[s] for s in stages), stale]
        for manager, per, stale in deal_board.by_manager(filters)
    ]
    return Table(
        "deals",
        _("跟进项目：按阶段与技术经理人"),
        [_("技术经理人"), *(s.label for s in stages), _("停滞")],
        rows,
        chart="stacked",
        extra={"series": [1, 2, 3, 4], "apart": [5]},
        note=_("停滞：处于对接或会商阶段、%(days)d天内没有任何跟进记录。", days=deal_stale_days()),
    )


def stale(filters: Filters) -> Table:
    shown, total = deal_board.stale_deals(filters)
    now = datetime.now(UTC)
    rows = [
        [
            d.title,
            d.firm.name,
            d.team.name,
            d.stage.label,
            d.manager.name if d.manager else _("未分配"),
            local_dt(d.last_action_at, "%Y-%m-%d"),
            (now - (d.last_action_at if d.last_action_at.tzinfo else d.last_action_at.replace(tzinfo=UTC))).days,
        ]
        for d in shown
    ]
    return Table(
        "stale",
        _("停滞的跟进项目（共 %(total)d 项）", total=total),
        [_("跟进项目"), _("企业"), _("团队"), _("阶段"), _("技术经理人"), _("最近跟进"), _("停滞天数")],
        rows,
        note=_("最久未跟进的前%(n)d项。", n=deal_board.STALE_SHOWN) if total > len(rows) else "",
    )


def build(filters: Filters) -> list[Table]:
    per_chain = funnel.by_chain(filters)  # shared by the year's funnel and the per-chain one
    return [
        events(filters),
        funnel_year(filters, per_chain),
        funnel_chains(filters, per_chain),
        funnel_events(filters),
        heatmap(filters),
        key_problem_list(filters),
        city_activity(filters),
        deals(filters),
        stale(filters),
    ]


BY_KEY: dict[str, Callable[[Filters], Table]] = {
    "events": events,
    "funnel": funnel_year,
    "funnel_chains": funnel_chains,
    "funnel_events": funnel_events,
    "supply": heatmap,
    "key_problems": key_problem_list,
    "cities": city_activity,
    "deals": deals,
    "stale": stale,
}
