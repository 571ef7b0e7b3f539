"""Text normalisation applied before segmentation, so that variants compare equal."""

from __future__ import annotations

import re
import unicodedata

# Characters that never carry meaning for matching: controls, zero-width marks.
_INVISIBLE = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u2060\ufeff]")
# Chinese/Latin quotes and dashes that NFKC leaves alone.
_TRANSLATE = str.maketrans(
    {
        "\u2014": "-",
        "\u2013": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u201c": '"',
        "\u201d": '"',
        "\u2018": "'",
        "\u2019": "'",
    }
)


def normalize_text(text: str) -> str:
    """NFKC (full width -> half width, compatibility forms), lower case, no invisible chars.

    Lower-casing makes "SiC", "SIC" and "sic" one term; NFKC makes "ＩＧＢＴ" equal "IGBT".
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub(" ", text).translate(_TRANSLATE)
    return text.lower()
