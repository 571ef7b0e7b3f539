"""The password rule: 10–128 characters and not common or easily guessed.

zxcvbn (maintained port of Dropbox's estimator) carries the common-password, name and word
lists and spots keyboard walks, dates and repeats; a password it rates below 3 ("safely
unguessable", about 10^8 guesses or more) is refused. The account's own e-mail, name and
organisation count as guessable words.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from wtforms import Field
from wtforms.validators import ValidationError
from zxcvbn import zxcvbn

MIN_LENGTH = 10
MAX_LENGTH = 128
MIN_SCORE = 3


def is_guessable(password: str, personal: Iterable[str] = ()) -> bool:
    if not password or len(password) > MAX_LENGTH:
        return False  # the length rule answers these
    words = [w for w in personal if w]
    return zxcvbn(password, user_inputs=words)["score"] < MIN_SCORE


class NotGuessable:
    """WTForms validator; `personal` names form fields whose values the password must not echo."""

    def __init__(self, *personal: str) -> None:
        self.personal = personal

    def __call__(self, form: object, field: Field) -> None:
        words = [str(getattr(form, name).data or "") for name in self.personal if hasattr(form, name)]
        words += [part for w in words for part in w.replace("@", " ").replace(".", " ").split()]
        if is_guessable(field.data or "", words + list(_signed_in_words())):
            raise ValidationError(_l("该密码过于常见或容易被猜到，请换一个更难猜的密码（例如几个不相关的词加数字）。"))


def _signed_in_words() -> Iterable[str]:
    from flask_login import current_user

    if current_user and current_user.is_authenticated:
        yield from (current_user.email, current_user.name, current_user.organization.name)
