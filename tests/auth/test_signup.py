import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.models import AuditLog, Organization, OrgKind, Role, User
from matchmaker.organizations.credit_code import fictional
from tests.auth.mailbox import confirmation_path


def form(**changes):
    data = {
        "kind": "firm",
        "org_name": "山东测试精工有限公司",
        "credit_code": fictional("signup", "淄博市"),
        "city": "淄博市",
        "chains": ["equipment"],
        "name": "陈工",
        "email": "chen@example.cn",
        "password": "a-long-password",
        "confirm": "a-long-password",
    }
    data.update(changes)
    return data


def test_signup_creates_a_pending_org_and_its_first_user_once_confirmed(client, chains):
    response = client.post("/signup", data=form())
    assert response.status_code == 302 and response.headers["Location"].endswith("/signup/sent")
    # Nothing exists until the e-mailed link is followed.
    assert db.session.scalar(sa.select(User).where(User.email == "chen@example.cn")) is None
    assert client.get(confirmation_path("chen@example.cn")).status_code == 302
    org = db.session.scalar(sa.select(Organization).where(Organization.name == "山东测试精工有限公司"))
    assert org.kind == OrgKind.FIRM and not org.is_verified
    assert [c.code for c in org.chains] == ["equipment"]
    user = db.session.scalar(sa.select(User).where(User.email == "chen@example.cn"))
    assert user.role == Role.FIRM and user.organization_id == org.id
    assert db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "organization.signed_up"))
    home = client.get("/").get_data(as_text=True)
    assert "等待组织方审核" in home


def test_university_signup_gets_the_team_role(client, chains):
    client.post("/signup", data=form(kind="university", org_name="某大学", email="t@example.cn"))
    client.get(confirmation_path("t@example.cn"))
    assert db.session.scalar(sa.select(User).where(User.email == "t@example.cn")).role == Role.TEAM


def test_bad_credit_code_is_rejected_next_to_the_field_and_input_kept(client, chains):
    response = client.post("/signup", data=form(credit_code="91370100MA3C0000X0"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "校验位不正确" in page
    assert "山东测试精工有限公司" in page and "chen@example.cn" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Organization)) == 0


def test_duplicate_credit_code_is_refused(client, chains, make_user):
    existing = make_user(Role.FIRM)
    response = client.post("/signup", data=form(credit_code=existing.organization.credit_code))
    assert "统一社会信用代码已注册" in response.get_data(as_text=True)


def test_short_password_and_mismatch(client, chains):
    page = client.post("/signup", data=form(password="short", confirm="short")).get_data(as_text=True)
    assert "10至128个字符" in page
    page = client.post("/signup", data=form(confirm="different-password")).get_data(as_text=True)
    assert "两次输入的密码不一致" in page
