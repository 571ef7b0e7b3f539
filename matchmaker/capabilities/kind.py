"""The capability (科研能力 / 科技成果) as a kind of post, for the code both kinds share (matchmaker/posts)."""

from __future__ import annotations

from matchmaker.capabilities import operations, queries
from matchmaker.capabilities.forms import CapabilityForm
from matchmaker.models import Capability, CapabilityStatus
from matchmaker.posts.kind import PostKind

CAPABILITY = PostKind(
    model=Capability, statuses=CapabilityStatus, form=CapabilityForm, operations=operations, listed=queries.LISTED
)
