"""Writes are throttled per token with the standard error body (429); reads are not."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_writes_are_throttled_per_token():
    run = subprocess.run(
        [sys.executable, "-m", "tests.api.rate_limit_probe"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    outcome = json.loads(run.stdout.strip().splitlines()[-1])
    statuses = [status for status, _body in outcome["writes"]]
    assert statuses == [422, 422, 429, 422]  # the third write of token 一 is refused; token 二 has its own budget
    assert outcome["writes"][2][1] == {"error": {"code": "rate_limited", "message": "请求过于频繁，请稍后再试。"}}
    assert outcome["read"] == 200
