"""Helpers for the import tests: files written the way Excel and WPS write them."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from matchmaker.extensions import db as _db
from matchmaker.imports.columns import CAPABILITY_COLUMNS, CHALLENGE_COLUMNS
from matchmaker.models import Challenge, Role, TaskRun

CHALLENGE_HEADINGS = [c.heading for c in CHALLENGE_COLUMNS]
CAPABILITY_HEADINGS = [c.heading for c in CAPABILITY_COLUMNS]


def challenge_row(**values: str) -> dict[str, str]:
    row = {
        "需求名称": "风电主轴承滚道疲劳寿命提升",
        "所属产业链": "高端装备",
        "主要问题": "主轴承滚道早期剥落，寿命不足设计值的60%。",
        "技术关键与主要指标": "接触疲劳寿命≥20年",
        "预期目标": "完成台架验证",
        "关键字": "轴承、疲劳寿命",
        "拟投入资金下限（万元）": "50",
        "拟投入资金上限（万元）": "120",
        "解决方式": "委托研发",
        "需求时限": "2099-12-31",
        "联系人": "李工",
        "联系电话": "0531-88880000",
        "对接方式": "揭榜挂帅",
        "保密信息": "现用轴承供应商及失效数据",
    }
    row.update(values)
    return row


def capability_row(**values: str) -> dict[str, str]:
    row = {
        "成果名称": "锂电池极片缺陷在线检测",
        "所属产业链": "new-energy",
        "团队名称": "智能检测团队",
        "负责人": "陈教授",
        "职称": "教授",
        "成果介绍": "基于深度学习的极片表面缺陷识别，检出率99%。",
        "技术成熟度": "6级",
        "合作方式": "许可、合作开发",
        "知识产权": "发明专利3项",
        "关键字": "锂离子电池、缺陷检测",
        "应用领域": "动力电池制造",
    }
    row.update(values)
    return row


def csv_bytes(headings: Sequence[str], rows: Sequence[dict[str, str]], encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(headings)
    for row in rows:
        writer.writerow([row.get(h, "") for h in headings])
    return buffer.getvalue().encode(encoding)


def upload(client: FlaskClient, name: str, data: bytes):
    return client.post("/imports/", data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def latest_run(user) -> TaskRun:
    return _db.session.scalars(
        sa.select(TaskRun).where(TaskRun.requested_by_id == user.id).order_by(TaskRun.id.desc())
    ).first()


def challenges_of(org_id: int) -> list[Challenge]:
    _db.session.expire_all()
    return list(_db.session.scalars(sa.select(Challenge).where(Challenge.organization_id == org_id)))


@pytest.fixture
def firm(make_user, chains):
    return make_user(Role.FIRM)


@pytest.fixture
def team(make_user, chains):
    return make_user(Role.TEAM)
