from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from matchmaker.authz import PUBLIC, Role, allow
from matchmaker.capabilities import queries
from matchmaker.capabilities.kind import CAPABILITY
from matchmaker.models import CooperationMode
from matchmaker.models.enums import TRL_LABELS
from matchmaker.pagination import paginate
from matchmaker.posts import search_page
from matchmaker.posts.views import PostPages

bp = Blueprint("capabilities", __name__, url_prefix="/capabilities")
PAGES = PostPages(
    kind=CAPABILITY,
    folder="capabilities",
    conflict=_l("该成果已被他人修改，请刷新后重新编辑；您填写的内容已保留在下方"),
    published=_l("已发布。平台将为您推荐合适的企业需求。"),
    withdrawn=_l("已撤回。撤回的成果不再公开展示，可改为草稿后重新发布。"),
    shown={
        "trl": lambda v: TRL_LABELS.get(v, v),
        "cooperation_modes": lambda v: "、".join(str(CooperationMode(m).label) for m in v or []),
    },
)


@bp.route("/")
@allow(PUBLIC)
def index():
    statuses = CAPABILITY.statuses_for(current_user)
    filters = queries.request_filters(statuses)
    page = paginate(queries.listed(filters))
    return render_template(
        "capabilities/index.html",
        page=page,
        filters=filters,
        statuses=statuses,
        trl_labels=TRL_LABELS,
        **search_page.around(queries.listed, filters, page),
    )


@bp.route("/mine")
@allow(Role.TEAM)
def mine():
    return PAGES.mine()


@bp.route("/<int:capability_id>")
@allow(PUBLIC)
def detail(capability_id: int):
    capability = PAGES.visible_or_404(capability_id)
    known = {m.value for m in CooperationMode}
    modes = [CooperationMode(m).label for m in capability.cooperation_modes if m in known]
    return PAGES.detail(capability, trl_label=TRL_LABELS[capability.trl], modes=modes)


@bp.route("/new", methods=["GET", "POST"])
@allow(Role.TEAM)
def new():
    return PAGES.new()


@bp.route("/<int:capability_id>/edit", methods=["GET", "POST"])
@allow(Role.TEAM)
def edit(capability_id: int):
    return PAGES.edit(capability_id)


@bp.route("/<int:capability_id>/publish", methods=["POST"])
@allow(Role.TEAM)
def publish(capability_id: int):
    return PAGES.publish(capability_id)


@bp.route("/<int:capability_id>/withdraw", methods=["POST"])
@allow(Role.TEAM)
def withdraw(capability_id: int):
    return PAGES.withdraw(capability_id)


@bp.route("/<int:capability_id>/to-draft", methods=["POST"])
@allow(Role.TEAM)
def to_draft(capability_id: int):
    return PAGES.to_draft(capability_id)
