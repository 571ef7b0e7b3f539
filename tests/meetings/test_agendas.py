"""Personal agendas (page, printable, .ics) and the organiser's grid (printable, .xlsx, per table)."""

from __future__ import annotations

import io

from icalendar import Calendar
from openpyxl import load_workbook

from matchmaker.extensions import db
from matchmaker.meetings import scheduling
from matchmaker.models import Meeting
from tests.meetings.conftest import accepted


def _published(setup, organiser, match_between):
    s = setup(firms=2, teams=2, online_meetings=True)
    match_between(s.firms[0], s.teams[0], 0.7, ["热误差", "补偿"])
    accepted(s.event, s.firms[0], s.teams[0])
    scheduling.force(s.event, s.firms[1], s.teams[1], 2, None, organiser)  # an online one
    scheduling.force(s.event, s.firms[0], s.teams[0], 1, "A2", organiser)
    scheduling.publish(s.event, organiser)
    db.session.commit()
    return s


def test_a_participant_sees_prints_and_imports_the_published_agenda(setup, organiser, match_between, client, login_as):
    s = _published(setup, organiser, match_between)
    login_as(s.user(s.firms[0]))
    page = client.get(f"/events/{s.event.id}/meetings/agenda").get_data(as_text=True)
    assert "team-0" in page and "A2" in page and "13:50–14:10" in page and "热误差" in page
    printed = client.get(f"/events/{s.event.id}/meetings/agenda/print").get_data(as_text=True)
    assert printed.count('class="print-page"') == 1 and "热误差" in printed and "css/meetings.css" in printed
    response = client.get(f"/events/{s.event.id}/meetings/agenda.ics")
    assert response.mimetype == "text/calendar"
    cal = Calendar.from_ical(response.data)
    (item,) = [c for c in cal.walk("VEVENT")]
    assert str(item["summary"]) == "洽谈：team-0"
    start = item.decoded("dtstart")
    assert start.hour == 13 and start.minute == 50 and str(start.tzinfo) == "Asia/Shanghai"
    assert "热误差" in str(item["description"]) and "A2" in str(item["location"])
    assert any(c.name == "VTIMEZONE" for c in cal.walk())


def test_an_unpublished_draft_is_not_shown_to_participants(setup, organiser, client, login_as):
    s = setup(firms=1, teams=1)
    scheduling.force(s.event, s.firms[0], s.teams[0], 1, "A1", organiser)
    db.session.commit()
    login_as(s.user(s.teams[0]))
    page = client.get(f"/events/{s.event.id}/meetings/agenda").get_data(as_text=True)
    assert "洽谈日程尚未发布" in page and "firm-0" not in page
    cal = Calendar.from_ical(client.get(f"/events/{s.event.id}/meetings/agenda.ics").data)
    assert list(cal.walk("VEVENT")) == []


def test_the_organiser_prints_every_agenda_one_page_each(setup, organiser, match_between, client, login_as):
    s = _published(setup, organiser, match_between)
    login_as(organiser)
    printed = client.get(f"/events/{s.event.id}/meetings/agenda/print").get_data(as_text=True)
    assert printed.count('class="print-page"') == 4  # every confirmed participant
    one = client.get(f"/events/{s.event.id}/meetings/agenda/print?participant={s.teams[1].id}").get_data(as_text=True)
    assert one.count('class="print-page"') == 1 and "线上" in one
    assert client.get(f"/events/{s.event.id}/meetings/agenda/print?participant=999999").status_code == 404
    assert client.get(f"/events/{s.event.id}/meetings/agenda/print?participant=x").status_code == 404


def test_the_grid_prints_and_exports_with_a_sheet_per_table(setup, organiser, match_between, client, login_as):
    s = _published(setup, organiser, match_between)
    login_as(organiser)
    grid = client.get(f"/events/{s.event.id}/meetings/grid/print").get_data(as_text=True)
    assert "firm-0 × team-0" in grid and "firm-1 × team-1" in grid
    tables = client.get(f"/events/{s.event.id}/meetings/tables/print").get_data(as_text=True)
    assert tables.count('class="print-page"') == 3  # A1, A2, online
    book = load_workbook(io.BytesIO(client.get(f"/events/{s.event.id}/meetings/grid.xlsx").data))
    assert book.sheetnames == ["洽谈总表", "A1", "A2", "线上"]
    rows = list(book["洽谈总表"].values)
    assert rows[1][:4] == ("场次", "时间", "A1", "A2")
    assert rows[3][3] == "firm-0 × team-0"  # slot 2 (from 1), table A2
    assert [r[2:4] for r in book["A2"].values][2] == ("firm-0", "team-0")


def test_print_css_puts_one_participant_per_a4_page():
    from matchmaker.config import REPO_ROOT

    css = (REPO_ROOT / "static/css/meetings.css").read_text()
    assert "size: A4" in css and "@media print" in css and "break-after: page" in css
    assert Meeting is not None
