"""PostKind: what the shared post code needs to know about one kind of post. Each kind's package
describes itself with one (challenges/kind.py, capabilities/kind.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from matchmaker.authz import is_organiser
from matchmaker.models import Capability, CapabilityStatus, Challenge, ChallengeStatus, User
from matchmaker.posts.forms import PostForm


class PostOperations(Protocol):
    """The writes module of a kind (challenges.operations, capabilities.operations): each write
    flushes, audits and tells the recommender; a refused one raises PostingError."""

    FIELDS: tuple[str, ...]  # what the form writes, and so what a revision keeps

    def create(self, form: Any, user: User) -> Any: ...
    def update(self, post: Any, form: Any, user: User) -> None: ...
    def publish(self, post: Any, user: User) -> None: ...
    def withdraw(self, post: Any, user: User) -> None: ...
    def to_draft(self, post: Any, user: User) -> None: ...
    def edit_refusal(self, post: Any) -> str | None: ...


@dataclass(frozen=True)
class PostKind:
    model: type[Challenge] | type[Capability]
    statuses: type[ChallengeStatus] | type[CapabilityStatus]
    form: type[PostForm]
    operations: PostOperations
    listed: Sequence[Any]  # the statuses the public sees; a post in one is edited with the whole form

    @property
    def name(self) -> str:
        """'challenge' or 'capability': the templates' variable and the stem of the URLs' id argument."""
        return self.model.__name__.lower()

    @property
    def id_arg(self) -> str:
        return f"{self.name}_id"

    def statuses_for(self, user: User) -> Sequence[Any]:
        """The statuses a user may list posts in: every one for organisers, the public ones for others."""
        return tuple(self.statuses) if is_organiser(user) else self.listed

    def move_to(self, status: Any) -> Callable[[Any, User], None]:
        """The owner's operation that moves a post to `status` (published, withdrawn or draft)."""
        ops, s = self.operations, self.statuses
        return {s.PUBLISHED: ops.publish, s.WITHDRAWN: ops.withdraw, s.DRAFT: ops.to_draft}[status]
