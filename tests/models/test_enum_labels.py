"""Every member of every labelled enum has its own label (issue: labels collided across enums)."""

from __future__ import annotations

import pytest

import matchmaker.models  # noqa: F401  (imports every enum)
from matchmaker.models import AccessStatus, MatchStatus, OrgKind, OutboxStatus, ReviewStatus, Role
from matchmaker.models.enums import LabelledEnum, labelled


def _all_enums() -> list[type[LabelledEnum]]:
    found, todo = [], list(LabelledEnum.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


@pytest.mark.parametrize("enum_cls", _all_enums(), ids=lambda c: c.__name__)
def test_every_member_has_a_chinese_label(app, enum_cls):
    with app.test_request_context("/"):
        for member in enum_cls:
            label = member.label
            assert label and label != member.value, (enum_cls.__name__, member)


def test_members_with_equal_values_keep_their_own_labels(app):
    with app.test_request_context("/"):
        assert AccessStatus.PENDING.label == "待审批"
        assert OutboxStatus.PENDING.label == "待发送"
        assert OrgKind.FIRM.label == "企业"
        assert Role.FIRM.label == "企业用户"
        assert ReviewStatus.DONE.label == "已评审"
        assert MatchStatus.DECLINED.label == "已婉拒"
        assert AccessStatus.DECLINED.label == "已拒绝"


def test_labels_for_another_enum_are_refused():
    with pytest.raises(ValueError):
        labelled(AccessStatus, {OutboxStatus.PENDING: "x", AccessStatus.APPROVED: "y", AccessStatus.DECLINED: "z"})
