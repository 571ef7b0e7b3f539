from __future__ import annotations

import random
import sys
import unicodedata

from recommenders.normalize import nfkc, normalize_text


def _every_code_point() -> list[str]:
    return [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]


def test_nfkc_equals_unicodedata_for_every_code_point_alone_and_in_context() -> None:
    # The fast path maps full-width forms first; context checks that composition with the
    # neighbours (a full-width letter before a combining mark) still matches NFKC.
    for ch in _every_code_point():
        for text in (ch, "Ａ" + ch + "，", "碳" + ch + "\u0301"):
            assert nfkc(text) == unicodedata.normalize("NFKC", text), repr(text)


def test_nfkc_equals_unicodedata_on_random_mixtures() -> None:
    pool = [
        chr(c) for c in [*range(0x300, 0x370), *range(0xFF00, 0xFFEF), *range(0x3000, 0x3100), *range(0x1100, 0x1200)]
    ] + list("aA1 ，。碳가")
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 12)))
        assert nfkc(text) == unicodedata.normalize("NFKC", text), repr(text)


def test_normalize_text() -> None:
    assert normalize_text("") == ""
    assert normalize_text("ＳｉＣ　功率模块，“散热”—（IGBT）") == 'sic 功率模块,"散热"-(igbt)'
    assert normalize_text("碳化\u200b硅\ufeff") == "碳化 硅 "
