"""Sign-in throttling: slow down, never lock an account out.

Three limits, checked before the password is: every attempt per address (LOGIN_RATE_LIMIT),
failed attempts per account and address (LOGIN_ACCOUNT_ADDRESS_LIMIT), and failed attempts per
account from anywhere (LOGIN_ACCOUNT_LIMIT, high enough that one address alone cannot reach it).
The account is the e-mail as typed, registered or not, so the answer (429, one message) and its
timing are the same for every e-mail: the throttle reveals nothing about who has an account.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from flask import Response, current_app, request
from flask_limiter.util import get_remote_address

from matchmaker.extensions import limiter

MESSAGE = "登录尝试过于频繁，请稍后再试。"


def _account() -> str:
    email = (request.form.get("email") or "").strip().lower()[:254]
    return hashlib.sha256(email.encode("utf-8", "replace")).hexdigest()[:32]


def _account_key() -> str:
    return "login-account:" + _account()


def _account_address_key() -> str:
    return f"login-account-address:{_account()}:{get_remote_address()}"


def _failed(response: Response) -> bool:
    return response.status_code != 302  # a successful sign-in redirects


def _config(name: str) -> Callable[[], str]:
    return lambda: current_app.config[name]


def sign_in_limits(view: Callable[..., Any]) -> Callable[..., Any]:
    limits = (
        limiter.limit(_config("LOGIN_RATE_LIMIT"), methods=["POST"], error_message=MESSAGE),
        limiter.limit(
            _config("LOGIN_ACCOUNT_ADDRESS_LIMIT"),
            key_func=_account_address_key,
            methods=["POST"],
            deduct_when=_failed,
            error_message=MESSAGE,
        ),
        limiter.limit(
            _config("LOGIN_ACCOUNT_LIMIT"),
            key_func=_account_key,
            methods=["POST"],
            deduct_when=_failed,
            error_message=MESSAGE,
        ),
    )
    for limit in limits:
        view = limit(view)
    return view
