from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from matchmaker.authz import PUBLIC, Role, allow, can_view_confidential
from matchmaker.challenges import queries
from matchmaker.challenges.kind import CHALLENGE
from matchmaker.models import ChallengeMode, SolutionMode
from matchmaker.pagination import paginate
from matchmaker.posts import search_page
from matchmaker.posts.views import PostPages

bp = Blueprint("challenges", __name__, url_prefix="/challenges")
PAGES = PostPages(
    kind=CHALLENGE,
    folder="challenges",
    conflict=_l("该需求已被他人修改，请刷新后重新编辑；您填写的内容已保留在下方"),
    published=_l("已发布。平台将为您推荐合适的高校团队。"),
    withdrawn=_l("已撤回。撤回的需求不再公开展示，可改为草稿后重新发布。"),
    shown={"mode": lambda v: ChallengeMode(v).label, "solution_mode": lambda v: SolutionMode(v).label},
)


@bp.route("/")
@allow(PUBLIC)
def index():
    statuses = CHALLENGE.statuses_for(current_user)
    filters = queries.request_filters(statuses)
    page = paginate(queries.listed(filters))
    return render_template(
        "challenges/index.html",
        page=page,
        filters=filters,
        statuses=statuses,
        modes=ChallengeMode,
        **search_page.around(queries.listed, filters, page),
    )


@bp.route("/mine")
@allow(Role.FIRM)
def mine():
    return PAGES.mine()


@bp.route("/<int:challenge_id>")
@allow(PUBLIC)
def detail(challenge_id: int):
    challenge = PAGES.visible_or_404(challenge_id)
    return PAGES.detail(challenge, show_confidential=can_view_confidential(current_user, challenge))


@bp.route("/new", methods=["GET", "POST"])
@allow(Role.FIRM)
def new():
    return PAGES.new()


@bp.route("/<int:challenge_id>/edit", methods=["GET", "POST"])
@allow(Role.FIRM)
def edit(challenge_id: int):
    return PAGES.edit(challenge_id)


@bp.route("/<int:challenge_id>/publish", methods=["POST"])
@allow(Role.FIRM)
def publish(challenge_id: int):
    return PAGES.publish(challenge_id)


@bp.route("/<int:challenge_id>/withdraw", methods=["POST"])
@allow(Role.FIRM)
def withdraw(challenge_id: int):
    return PAGES.withdraw(challenge_id)


@bp.route("/<int:challenge_id>/to-draft", methods=["POST"])
@allow(Role.FIRM)
def to_draft(challenge_id: int):
    return PAGES.to_draft(challenge_id)
