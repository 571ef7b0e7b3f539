"""Hypothesis profiles for the fuzz tests: `ci` (the default) replays the same examples every run,
so a failure in CI is a real regression and reproducible; HYPOTHESIS_PROFILE=explore draws new
random examples, ten times as many, to hunt for new faults on a desktop."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]}
settings.register_profile("ci", derandomize=True, database=None, **COMMON)
settings.register_profile("explore", max_examples=1000, **COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def examples(n: int) -> int:
    """n examples in CI, ten times n when exploring."""
    return n * 10 if os.environ.get("HYPOTHESIS_PROFILE") == "explore" else n
