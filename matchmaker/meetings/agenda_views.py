"""Agendas: a participant's page, printable sheet and .ics; the organiser's grid (printable,
.xlsx) and the per-table sheets for the table hosts."""

from __future__ import annotations

from flask import Response, abort, render_template, request
from flask_login import current_user

from matchmaker.authz import allow, is_organiser
from matchmaker.events.loading import event_or_404
from matchmaker.imports import xlsx
from matchmaker.meetings import agendas, calendar, export, grid, queries
from matchmaker.meetings.blueprint import ORGANISERS, PARTICIPANTS, bp
from matchmaker.meetings.loading import my_place, participant_of


@bp.route("/agenda")
@allow(*PARTICIPANTS)
def agenda(event_id: int):
    event, mine = my_place(event_id)
    return render_template(
        "meetings/agenda.html", event=event, mine=mine, rows=agendas.personal(event, mine), grid_set=grid.is_set(event)
    )


@bp.route("/agenda/print")
@allow(*PARTICIPANTS, *ORGANISERS)
def agenda_print(event_id: int):
    """One A4 page per participant: a participant prints its own; the organiser prints everybody's
    (or one: ?participant=<id>)."""
    if is_organiser(current_user):
        event = event_or_404(event_id)
        people = queries.confirmed(event)
        if request.args.get("participant"):
            one = participant_of(event, request.args["participant"])
            if one is None or one not in people:
                abort(404)
            people = [one]
    else:
        event, mine = my_place(event_id)
        people = [mine]
    pages = [(p, agendas.personal(event, p)) for p in people]
    return render_template("meetings/agenda_print.html", event=event, pages=pages)


@bp.route("/agenda.ics")
@allow(*PARTICIPANTS)
def agenda_ics(event_id: int):
    event, mine = my_place(event_id)
    rows = [r for r in agendas.personal(event, mine) if r.slot is not None]
    return Response(
        calendar.agenda_calendar(event, rows),
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="meetings-{event.id}.ics"'},
    )


def _grid_args(event):
    tables = [*event.tables, *([None] if grid.online(event) else [])]
    return {"event": event, "slots": grid.slots(event), "tables": tables, "cells": queries.grid(event)}


@bp.route("/grid/print")
@allow(*ORGANISERS)
def grid_print(event_id: int):
    return render_template("meetings/grid_print.html", **_grid_args(event_or_404(event_id)))


@bp.route("/tables/print")
@allow(*ORGANISERS)
def tables_print(event_id: int):
    return render_template("meetings/tables_print.html", **_grid_args(event_or_404(event_id)))


@bp.route("/grid.xlsx")
@allow(*ORGANISERS)
def grid_xlsx(event_id: int):
    args = _grid_args(event_or_404(event_id))
    data = export.workbook(args["event"], args["cells"], args["tables"])
    return xlsx.download(data, xlsx.dated(f"洽谈日程-{event_id}"))
