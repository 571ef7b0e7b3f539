import pytest

from matchmaker.organizations.credit_code import CITY_DIVISION_CODES, CreditCodeError, fictional, validate

# Published example codes whose check characters are known to be right (GB 32100-2015 format).
VALID = ["91350100M000100Y43", "91110000802100433B"]


@pytest.mark.parametrize("code", VALID)
def test_known_valid_codes(code):
    assert validate(code) == code


def test_normalises_spaces_dashes_case_and_fullwidth():
    assert validate(" 9135 0100-m000100y43 ") == "91350100M000100Y43"
    assert validate("９１３５０１００Ｍ０００１００Ｙ４３") == "91350100M000100Y43"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("9135010", "应为18位"),
        ("91350100M000100Y4I", "不允许的字符"),
        ("E1350100M000100Y43", "前两位"),
        ("94350100M000100Y43", "前两位"),
        ("9135A100M000100Y43", "行政区划"),
        ("91350100M000100Y44", "校验位"),
    ],
)
def test_rejects_with_a_message_saying_what_is_wrong(code, message):
    with pytest.raises(CreditCodeError, match=message):
        validate(code)


def test_every_single_character_change_is_caught():
    code = VALID[0]
    for position in range(17):
        for replacement in "0123456789ABCDEFGHJKLMNPQRTUWXY":
            if replacement == code[position]:
                continue
            changed = code[:position] + replacement + code[position + 1 :]
            with pytest.raises(CreditCodeError):
                validate(changed)


def test_fictional_codes_are_valid_deterministic_and_carry_the_city():
    codes = {fictional(f"org-{i}", "青岛市") for i in range(200)}
    assert len(codes) == 200
    assert all(validate(c) == c and c[2:8] == CITY_DIVISION_CODES["青岛市"] for c in codes)
    assert fictional("same", "济南市") == fictional("same", "济南市")
