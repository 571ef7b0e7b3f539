"""Text normalisation applied before segmentation, so that variants compare equal."""

from __future__ import annotations

import re
import unicodedata

# Characters that never carry meaning for matching (controls, zero-width marks) become a
# space; Chinese/Latin quotes and dashes that NFKC leaves alone become their ASCII form.
_REPLACEMENTS = {
    **{c: " " for c in "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u007f"},
    **{chr(i): " " for i in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]},
    "\u2014": "-",
    "\u2013": "-",
    "\u2012": "-",
    "\u2212": "-",
    "\u201c": '"',
    "\u201d": '"',
    "\u2018": "'",
    "\u2019": "'",
}
# One regex scan finds them (str.translate with a dict looks up every character: ~5x slower
# on Chinese text, and this runs on every field of every document indexed).
_REPLACEABLE = re.compile("[" + "".join(map(re.escape, _REPLACEMENTS)) + "]")


def _replacement(m: re.Match[str]) -> str:
    return _REPLACEMENTS[m.group()]


# Full-width ASCII forms and the ideographic space: the only characters of ordinary Chinese
# text that NFKC changes (，；：（） in every sentence), mapped to their NFKC form first.
_FULL_WIDTH = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in [*range(0xFF01, 0xFF5F), 0x3000]}
_FULL_WIDTH_CHAR = re.compile("[\uff01-\uff5e\u3000]")


def _half_width(m: re.Match[str]) -> str:
    return _FULL_WIDTH[m.group()]


def nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), ~5x faster on Chinese text.

    Replacing a character by its NFKC form keeps the text's NFKC equivalence class, so the
    result is NFKC(text) whenever the quick check passes; otherwise NFKC does the rest.
    """
    text = _FULL_WIDTH_CHAR.sub(_half_width, text)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def normalize_text(text: str) -> str:
    """NFKC (full width -> half width, compatibility forms), lower case, no invisible chars.

    Lower-casing makes "SiC", "SIC" and "sic" one term; NFKC makes "ＩＧＢＴ" equal "IGBT".
    """
    if not text:
        return ""
    return _REPLACEABLE.sub(_replacement, nfkc(text)).lower()
