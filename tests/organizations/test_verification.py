import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import AuditLog, OrgKind, Role, User


def test_queue_lists_pending_orgs_and_verify_moves_them_out(client, make_org, make_user, login_as):
    pending = make_org(OrgKind.FIRM, verified=False, name="待审核企业甲")
    make_org(OrgKind.FIRM, name="已审核企业乙")
    organiser = make_user(Role.ORGANISER)
    login_as(organiser)
    page = client.get("/organiser/verification").get_data(as_text=True)
    assert "待审核企业甲" in page and "已审核企业乙" not in page
    client.post(f"/organiser/organizations/{pending.id}/verify")
    db.session.refresh(pending)
    assert pending.is_verified and pending.verified_by_id == organiser.id
    assert "没有待审核的单位" in client.get("/organiser/verification").get_data(as_text=True)
    entry = db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "organization.verified"))
    assert entry.entity_id == pending.id and entry.actor_id == organiser.id


def test_organiser_deactivates_and_reactivates_a_user(client, make_user, login_as):
    target = make_user(Role.TEAM)
    login_as(make_user(Role.ORGANISER))
    client.post(f"/organiser/users/{target.id}/active", data={"active": "0"})
    assert db.session.get(User, target.id).active is False
    client.post(f"/organiser/users/{target.id}/active", data={"active": "1"})
    assert db.session.get(User, target.id).active is True


def test_organiser_cannot_deactivate_themselves(client, make_user, login_as):
    organiser = make_user(Role.ORGANISER)
    login_as(organiser)
    response = client.post(f"/organiser/users/{organiser.id}/active", data={"active": "0"}, follow_redirects=True)
    assert "不能停用自己的账号" in response.get_data(as_text=True)
    assert db.session.get(User, organiser.id).active is True


def test_users_search(client, make_user, login_as):
    make_user(Role.FIRM, name="独特的名字")
    login_as(make_user(Role.ORGANISER))
    page = client.get("/organiser/users?q=独特").get_data(as_text=True)
    assert "独特的名字" in page
