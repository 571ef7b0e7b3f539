"""The organiser's events: create and edit, move through the lifecycle, invite from the
suggestions, decide on registrations, and the participant list with its .xlsx."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker import audit
from matchmaker.authz import allow
from matchmaker.events import export, lifecycle, participants, plans, queries, suggestions
from matchmaker.events.blueprint import ORGANISERS, bp
from matchmaker.events.errors import EventError
from matchmaker.events.forms import AddOrganizationForm, ButtonForm, EventForm, ReasonForm
from matchmaker.events.loading import event_or_404, participant_or_404
from matchmaker.events.posts import theme_posts
from matchmaker.extensions import db
from matchmaker.form_choices import choices
from matchmaker.form_fields import parse_id
from matchmaker.imports import xlsx
from matchmaker.models import (
    Chain,
    Event,
    EventStatus,
    Organization,
    OrgKind,
    ParticipantSource,
    ParticipantStatus,
    Side,
)
from matchmaker.pagination import paginate
from matchmaker.view_writes import attempt


def _event_form(event: Event | None = None) -> EventForm:
    form = EventForm(obj=event)
    form.chains.choices = choices(
        (c.code, c.name) for c in db.session.scalars(sa.select(Chain).where(Chain.active).order_by(Chain.sort_order))
    )
    hosts = db.session.scalars(
        sa.select(Organization)
        .where(Organization.verified_at.is_not(None), Organization.kind != OrgKind.AGENCY)
        .order_by(Organization.kind, Organization.name)
    )
    form.host.choices = choices([("", _("（不指定）")), *((str(o.id), f"{o.name}（{o.city}）") for o in hosts)])
    if event is not None and request.method == "GET":
        form.chains.data = [c.code for c in event.chains]
        form.host.data = str(event.host_organization_id or "")
        form.format.data, form.style.data = event.format.value, event.style.value
    return form


def _apply(form: EventForm, event: Event) -> None:
    by_code = {c.code: c for c in db.session.scalars(sa.select(Chain).where(Chain.code.in_(form.chains.data)))}
    event.chains = [by_code[code] for code in form.chains.data if code in by_code]
    for name in (
        "title",
        "title_en",
        "starts_on",
        "start_time",
        "end_time",
        "city",
        "venue",
        "venue_en",
        "capacity_firms",
        "capacity_teams",
        "registration_deadline",
        "agenda_outline",
        "agenda_outline_en",
    ):
        setattr(event, name, getattr(form, name).data)
    event.ends_on = form.ends_on.data or form.starts_on.data
    event.format, event.style = form.format.data, form.style.data
    event.host_organization_id = int(form.host.data) if form.host.data else None


@bp.route("/manage")
@allow(*ORGANISERS)
def manage():
    return render_template("events/manage.html", page=paginate(queries.all_for_organiser()), button=ButtonForm())


@bp.route("/new", methods=["GET", "POST"])
@allow(*ORGANISERS)
def new():
    form = _event_form()
    year = request.args.get("year", "")
    plan = plans.by_year(int(year)) if year.isascii() and year.isdigit() and len(year) == 4 else None
    if form.validate_on_submit():
        event = Event(plan=plan or plans.by_year(form.starts_on.data.year))
        _apply(form, event)
        db.session.add(event)
        db.session.flush()
        audit.record("event.create", event, current_user)
        db.session.commit()
        flash(_("活动已保存为草稿。"), "success")
        return redirect(url_for(".organise", event_id=event.id))
    return render_template("events/form.html", form=form, event=None)


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@allow(*ORGANISERS)
def edit(event_id: int):
    event = event_or_404(event_id)
    if event.status in (EventStatus.CLOSED, EventStatus.CANCELLED):
        flash(_("已结束或已取消的活动不能再修改。"), "warning")
        return redirect(url_for(".organise", event_id=event.id))
    form = _event_form(event)
    if form.validate_on_submit():
        _apply(form, event)
        audit.record("event.edit", event, current_user)
        db.session.commit()
        flash(_("活动信息已保存。"), "success")
        return redirect(url_for(".organise", event_id=event.id))
    return render_template("events/form.html", form=form, event=event)


@bp.route("/<int:event_id>/organise")
@allow(*ORGANISERS)
def organise(event_id: int):
    event = event_or_404(event_id)
    return render_template(
        "events/organise.html",
        event=event,
        counts=queries.counts(event),
        places={side: participants.places_left(event, side) for side in Side},
        problems=lifecycle.problems_before_publishing(event) if event.status == EventStatus.DRAFT else [],
        moves=[s for s in lifecycle.ALLOWED[event.status]],
        reason_form=ReasonForm(),
        button=ButtonForm(),
    )


@bp.route(
    "/<int:event_id>/status/<any(published, registration_closed, held, closed, cancelled, draft):target>",
    methods=["POST"],
)
@allow(*ORGANISERS)
def move(event_id: int, target: str):
    event = event_or_404(event_id)
    form = ReasonForm()
    if form.validate_on_submit():
        attempt(
            lambda: lifecycle.move(event, EventStatus(target), current_user, form.reason.data or ""),
            EventError,
            lambda _moved: _("活动状态已改为“%(s)s”。", s=event.status.label),
        )
    return redirect(url_for(".organise", event_id=event.id))


@bp.route("/<int:event_id>/delete", methods=["POST"])
@allow(*ORGANISERS)
def delete(event_id: int):
    event = event_or_404(event_id)
    if ButtonForm().validate_on_submit():
        if event.status != EventStatus.DRAFT or event.participants:
            flash(_("只能删除没有参会单位的草稿活动；已发布的活动请取消。"), "warning")
            return redirect(url_for(".organise", event_id=event.id))
        year = event.plan.year if event.plan else None
        audit.record("event.delete", event, current_user, title=event.title)
        db.session.delete(event)
        db.session.commit()
        flash(_("草稿活动已删除。"), "info")
        return redirect(url_for(".plan", year=year) if year else url_for(".manage"))
    return redirect(url_for(".organise", event_id=event.id))


# ---------------------------------------------------------------- invitations


@bp.route("/<int:event_id>/invite", methods=["GET", "POST"])
@allow(*ORGANISERS)
def invite(event_id: int):
    event = event_or_404(event_id)
    found = suggestions.suggest(event)
    if request.method == "POST" and ButtonForm().validate_on_submit():
        chosen = _chosen_ids(request.form.getlist("org"))
        known = suggestions.by_org_ids(found)
        orgs = [known[i].organization for i in chosen if i in known]
        why = {i: suggestions.as_record(known[i]) for i in chosen if i in known}
        if attempt(
            lambda: participants.invite(event, orgs, ParticipantSource.SUGGESTED, current_user, why),
            EventError,
            lambda made: _("已向 %(n)d 家单位发出邀请（站内通知和邮件）。", n=len(made)),
        ):
            return redirect(url_for(".participants_list", event_id=event.id))
    add_form = AddOrganizationForm()
    add_form.organization.choices = _addable(event)
    return render_template(
        "events/invite.html",
        event=event,
        found=found,
        places={side: participants.places_left(event, side) for side in Side},
        button=ButtonForm(),
        add_form=add_form,
    )


def _chosen_ids(values: list[str]) -> list[int]:
    return [number for v in values if (number := parse_id(v)) is not None]


def _addable(event: Event):
    taken = {p.organization_id for p in event.participants}
    orgs = db.session.scalars(
        sa.select(Organization)
        .where(Organization.verified_at.is_not(None), Organization.kind != OrgKind.AGENCY)
        .order_by(Organization.kind, Organization.name)
    )
    return choices(
        [("", _("选择单位…")), *((str(o.id), f"{o.name}（{o.kind.label}）") for o in orgs if o.id not in taken)]
    )


@bp.route("/<int:event_id>/participants/add", methods=["POST"])
@allow(*ORGANISERS)
def add_participant(event_id: int):
    event = event_or_404(event_id)
    form = AddOrganizationForm()
    form.organization.choices = _addable(event)
    if form.validate_on_submit():
        org = db.session.get(Organization, int(form.organization.data))
        done = attempt(lambda: participants.invite(event, [org], ParticipantSource.MANUAL, current_user), EventError)
        if done:
            made = done.value
            flash(
                _("已邀请：%(org)s", org=org.name) if made else _("该单位已在名单中。"), "success" if made else "info"
            )
    else:
        flash(_("请从列表中选择一家已审核的单位。"), "warning")
    return redirect(url_for(".invite", event_id=event.id))


# ---------------------------------------------------------------- participant list


@bp.route("/<int:event_id>/participants")
@allow(*ORGANISERS)
def participants_list(event_id: int):
    event = event_or_404(event_id)
    side = _enum_arg(Side, "side")
    status = _enum_arg(ParticipantStatus, "status")
    rows = queries.participants(event, side, status)
    return render_template(
        "events/participants.html",
        event=event,
        rows=[(p, theme_posts(event, p)) for p in rows],
        counts=queries.counts(event),
        places={s: participants.places_left(event, s) for s in Side},
        side=side,
        status=status,
        status_labels={s.value: s.label for s in ParticipantStatus},
        reason_form=ReasonForm(),
        button=ButtonForm(),
    )


def _enum_arg(enum_cls, name: str):
    value = request.args.get(name, "")
    return enum_cls(value) if value in {m.value for m in enum_cls} else None


@bp.route("/<int:event_id>/participants.xlsx")
@allow(*ORGANISERS)
def participants_xlsx(event_id: int):
    event = event_or_404(event_id)
    rows = [(p, [post.title for post in theme_posts(event, p)]) for p in queries.participants(event)]
    return xlsx.download(export.workbook(event, rows), xlsx.dated(f"参会名单-{event.id}"))


@bp.route("/<int:event_id>/participants/<int:participant_id>/<any(approve, reject):decision>", methods=["POST"])
@allow(*ORGANISERS)
def decide(event_id: int, participant_id: int, decision: str):
    event = event_or_404(event_id)
    participant = participant_or_404(event, participant_id)
    form = ReasonForm()
    if form.validate_on_submit():
        attempt(
            lambda: participants.decide(participant, decision == "approve", current_user, form.reason.data or ""),
            EventError,
            lambda _decided: _("%(org)s：%(s)s", org=participant.organization.name, s=participant.status.label),
        )
    return redirect(url_for(".participants_list", event_id=event.id))


@bp.route("/<int:event_id>/participants/<int:participant_id>/remove", methods=["POST"])
@allow(*ORGANISERS)
def remove_participant(event_id: int, participant_id: int):
    event = event_or_404(event_id)
    participant = participant_or_404(event, participant_id)
    if ButtonForm().validate_on_submit():
        name = participant.organization.name
        attempt(
            lambda: participants.remove(participant, current_user),
            EventError,
            _("已移出名单：%(org)s", org=name),
            "info",
        )
    return redirect(url_for(".participants_list", event_id=event.id))
