"""Batch import and list export; the yearly key-problem list (public pages, curation, English text)."""

from datetime import UTC, datetime

from tests.route_access import FORBIDDEN, LOGIN, MISSING, OK, REDIRECT, every, only, signed_in

POSTERS = ("firm_a", "firm_b", "team")


def _preview_url(world, action: str = "") -> str:
    """A staged (unconfirmed) import of firm A, with one valid row."""
    from matchmaker.extensions import db
    from matchmaker.imports.operations import PREVIEW_KIND
    from matchmaker.models import TaskRun, TaskStatus

    run = TaskRun(
        kind=PREVIEW_KIND,
        status=TaskStatus.QUEUED,
        requested_by_id=world.firm_a.id,
        result={
            "kind": "challenges",
            "organization_id": world.firm_a.organization_id,
            "filename": "a.csv",
            "encoding": "utf-8-sig",
            "ignored_headings": [],
            "rows": [
                {
                    "line": 2,
                    "label": "路由测试需求",
                    "values": {
                        "title": "路由测试需求",
                        "problem": "问题",
                        "chains": [world.published.primary_chain_id],
                    },
                    "errors": [],
                    "duplicate_of": "",
                    "example": False,
                }
            ],
        },
    )
    db.session.add(run)
    db.session.commit()
    return f"/imports/{run.id}{action}"


def _only_firm_a(ok: object) -> dict[str, object]:
    return {"anon": LOGIN, "firm_a": ok, "firm_b": MISSING, "team": MISSING, "organiser": FORBIDDEN}


def _list(world, published: bool = True):
    from matchmaker.extensions import db
    from matchmaker.models import KeyProblemEntry, KeyProblemList

    kp_list = KeyProblemList(
        year=2025,
        target=100,
        title="2025年度产业关键技术难题榜单",
        published_at=datetime.now(UTC) if published else None,
    )
    entry = KeyProblemEntry(list=kp_list, challenge=world.published, position=1, title_en="Thermal error")
    db.session.add_all([kp_list, entry])
    db.session.commit()
    return kp_list, entry


def _year_url(suffix: str = "", published: bool = True, prefix: str = "/key-problems/"):
    def url(world) -> str:
        kp_list, _entry = _list(world, published)
        return f"{prefix}{kp_list.year}{suffix}"

    return url


def _manage_url(suffix: str = "", published: bool = False):
    return _year_url(suffix, published, prefix="/key-problems/manage/")


def _entry_url(suffix: str):
    def url(world) -> str:
        kp_list, entry = _list(world, published=False)
        return f"/key-problems/manage/{kp_list.year}/entries/{entry.id}{suffix}"

    return url


def _english_url(world) -> str:
    _kp_list, entry = _list(world)
    return f"/key-problems/entries/{entry.id}/english"


ORGANISER_REDIRECT = only(("organiser",), REDIRECT)

ROUTES = {
    "imports.index": ("GET", lambda w: "/imports/", only(POSTERS)),
    "imports.template": ("GET", lambda w: "/imports/template/challenges.xlsx", signed_in(OK)),
    "imports.template#csv": ("GET", lambda w: "/imports/template/capabilities.csv", signed_in(OK)),
    "imports.preview": ("GET", _preview_url, _only_firm_a(OK)),
    "imports.confirm": ("POST", lambda w: _preview_url(w, "/confirm"), _only_firm_a(REDIRECT)),
    "imports.cancel": ("POST", lambda w: _preview_url(w, "/cancel"), _only_firm_a(REDIRECT)),
    "imports.export_list": ("GET", lambda w: "/imports/export/challenges.xlsx", every(OK)),
    "imports.export_list#capabilities": ("GET", lambda w: "/imports/export/capabilities.xlsx?chain=x", every(OK)),
    "key_problems.public_list": ("GET", lambda w: "/key-problems/", every(OK)),
    "key_problems.public_list#published": ("GET", lambda w: _year_url()(w) and "/key-problems/?lang=en", every(OK)),
    "key_problems.public_year": ("GET", _year_url(), every(OK)),
    "key_problems.public_year#unpublished": ("GET", _year_url(published=False), every(MISSING)),
    "key_problems.download": ("GET", _year_url(".xlsx"), every(OK)),
    "key_problems.download#unpublished": ("GET", _year_url(".xlsx", published=False), every(MISSING)),
    "key_problems.print_view": ("GET", _year_url("/print"), every(OK)),
    "key_problems.manage": ("GET", lambda w: "/key-problems/manage", only(("organiser",))),
    "key_problems.edit": ("GET", _manage_url(), only(("organiser",))),
    "key_problems.add_entry": ("POST", _manage_url("/entries"), ORGANISER_REDIRECT),
    "key_problems.remove_entry": ("POST", _entry_url("/remove"), ORGANISER_REDIRECT),
    "key_problems.move_entry": ("POST", _entry_url("/up"), ORGANISER_REDIRECT),
    "key_problems.publish": ("POST", _manage_url("/publish"), ORGANISER_REDIRECT),
    "key_problems.unpublish": ("POST", _manage_url("/unpublish", published=True), ORGANISER_REDIRECT),
    "key_problems.english": (
        "GET",
        _english_url,
        {"anon": LOGIN, "firm_a": OK, "firm_b": FORBIDDEN, "team": FORBIDDEN, "organiser": OK},
    ),
    "key_problems.mine": ("GET", lambda w: "/key-problems/mine", only(("firm_a", "firm_b"))),
}

__all__ = ["ROUTES"]
