"""The web pages both kinds of post share: the owner's list, the form (new and edit), the status
buttons (publish, withdraw, back to draft) and the detail page's owner parts. Each kind's routes.py
keeps its URLs, endpoint names and @allow rules, and calls these."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.authz import can_edit, can_publish, can_view, is_organiser, owns, require
from matchmaker.extensions import db
from matchmaker.listing import ListFilters
from matchmaker.pagination import paginate
from matchmaker.posts import queries
from matchmaker.posts.chains import chain_choices
from matchmaker.posts.history import field_labels, history
from matchmaker.posts.kind import PostKind
from matchmaker.posts.writes import EditConflict, PostingError


@dataclass(frozen=True)
class PostPages:
    kind: PostKind
    folder: str  # the blueprint's name and its templates' folder, e.g. "challenges"
    conflict: str  # shown above the kept input when someone else saved the post first
    published: str  # flashed when the form publishes: what the platform does next
    withdrawn: str  # flashed on withdrawing: what that means for the public
    shown: Mapping[str, Callable[[Any], Any]]  # a stored value → what the edit history shows

    def mine(self) -> str:
        filters = ListFilters.from_request(statuses=[s.value for s in self.kind.statuses])
        page = paginate(queries.of_organization(self.kind.model, current_user.organization_id, filters.status))
        return render_template(
            f"{self.folder}/mine.html",
            page=page,
            filters=filters,
            statuses=self.kind.statuses,
            can_publish=can_publish(current_user),
        )

    def visible_or_404(self, post_id: int) -> Any:
        post = db.get_or_404(self.kind.model, post_id)
        if not can_view(current_user, post):
            abort(404)  # a draft's existence is not disclosed
        return post

    def detail(self, post: Any, **context: Any) -> str:
        """The detail page with the kind's own `context`, the owner's buttons and, for the owner
        and organisers, the edit history."""
        curator = owns(current_user, post) or is_organiser(current_user)
        return render_template(
            f"{self.folder}/detail.html",
            **{self.kind.name: post},
            editable=can_edit(current_user, post),
            can_publish=can_publish(current_user),
            history=self._history(post) if curator else [],
            **context,
        )

    def new(self) -> ResponseReturnValue:
        form = self._form(None)
        if form.validate_on_submit():
            post = self.kind.operations.create(form, current_user)
            self._save_message(post, publishing=form.strict)
            db.session.commit()
            return self._to_detail(post)
        return self._render_form(form, None)

    def edit(self, post_id: int) -> ResponseReturnValue:
        post = self._editable(post_id)
        if refusal := self.kind.operations.edit_refusal(post):
            flash(refusal, "warning")
            return self._to_detail(post)
        form = self._form(post)
        if form.validate_on_submit():
            try:
                self.kind.operations.update(post, form, current_user)
            except EditConflict:
                db.session.rollback()
                form.form_errors.append(self.conflict)
                return self._render_form(form, post), 409
            self._save_message(post, publishing="publish" in request.form)
            db.session.commit()
            return self._to_detail(post)
        return self._render_form(form, post)

    def publish(self, post_id: int) -> ResponseReturnValue:
        return self._act(post_id, self.kind.operations.publish, _("已发布。"))

    def withdraw(self, post_id: int) -> ResponseReturnValue:
        return self._act(post_id, self.kind.operations.withdraw, str(self.withdrawn))

    def to_draft(self, post_id: int) -> ResponseReturnValue:
        return self._act(post_id, self.kind.operations.to_draft, _("已改为草稿，修改后可重新发布。"))

    def _editable(self, post_id: int) -> Any:
        """The post, if the signed-in user may edit it (404 when missing, 403 when not theirs)."""
        post = db.get_or_404(self.kind.model, post_id)
        require(can_edit(current_user, post))
        return post

    def _form(self, post: Any) -> Any:
        """The kind's form for `post` (None: a new one), with chain choices. Strict (everything needed
        to publish is required) when the post is already public or the user presses publish."""
        if post is None:
            form = self.kind.form()
        else:
            extra = [c.id for c in post.chains if c.id != post.primary_chain_id]
            form = self.kind.form(
                obj=post, chain=str(post.primary_chain_id), chain_extra=str(extra[0]) if extra else ""
            )
        form.chain.choices = chain_choices(post, blank=_("请选择"))
        form.chain_extra.choices = chain_choices(post, blank=_("无"))
        form.strict = (post is not None and post.status in tuple(self.kind.listed)) or "publish" in request.form
        return form

    def _render_form(self, form: Any, post: Any) -> str:
        return render_template(
            f"{self.folder}/form.html", form=form, **{self.kind.name: post}, can_publish=can_publish(current_user)
        )

    def _save_message(self, post: Any, publishing: bool) -> None:
        """Publish when asked (the draft is kept when publishing is refused) and say what happened."""
        if publishing and post.status == self.kind.statuses.DRAFT:
            try:
                self.kind.operations.publish(post, current_user)
            except PostingError as error:
                flash(_("已保存为草稿，但暂不能发布：%(why)s", why=error), "warning")
                return
            flash(str(self.published), "success")
        else:
            flash(_("已保存。"), "success")

    def _act(self, post_id: int, action: Callable[[Any, Any], None], done: str) -> ResponseReturnValue:
        post = self._editable(post_id)
        try:
            action(post, current_user)
        except PostingError as error:
            flash(str(error), "warning")
        else:
            db.session.commit()
            flash(done, "success")
        if request.form.get("back") == "mine":
            return redirect(url_for(".mine"))
        return self._to_detail(post)

    def _to_detail(self, post: Any) -> ResponseReturnValue:
        return redirect(url_for(".detail", **{self.kind.id_arg: post.id}))

    def _history(self, post: Any) -> list[dict[str, Any]]:
        return history(post, self.kind.operations.FIELDS, field_labels(self.kind.form), self.shown)
