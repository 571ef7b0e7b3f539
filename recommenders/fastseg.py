"""rjieba (jieba-rs) as a drop-in for `jieba.Tokenizer.lcut(text, HMM=False)`, exact.

jieba without HMM is a dictionary DAG and a max-log-probability route; jieba-rs runs the
same algorithm in Rust (ties broken the same way: the longer word). Three things differ,
and each is made equal here:

- the dictionary: the rjieba instance starts empty and receives every word of the jieba
  instance's own ``FREQ`` (jieba's dict.txt plus the user words, with the frequencies
  jieba computed), so both see the same words and frequencies;
- the total: jieba adds a re-added word's new frequency to ``total`` without taking the
  old one off, jieba-rs replaces it; a filler word of private-use characters (never part
  of a Han block, so never in a route) carries the difference;
- the block split: jieba-rs counts more characters as Han (CJK extension A, U+9FD6-U+9FFF,
  compatibility ideographs, the supplementary planes) than jieba's U+4E00-U+9FD5; a text
  holding any of them (or a lone surrogate, which rjieba cannot take) goes to jieba itself.
  Every other character falls on the same side of the split in both (tested over all code
  points), and outside Han blocks both yield one character at a time (CR LF as one).

`tests/recommenders/test_fastseg.py` compares both, token for token, on the demo data,
the shared bench sets and the synthetic corpora.
"""

from __future__ import annotations

import re

import jieba

try:  # optional: without it the tokenizer uses jieba alone
    import rjieba
except ImportError:  # pragma: no cover - rjieba is a declared dependency
    rjieba = None

# Han to jieba-rs, not to jieba (a superset of the measured difference, see the tests),
# and lone surrogates (a Rust string cannot hold them: rjieba raises UnicodeEncodeError).
_TO_JIEBA = re.compile("[\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\U00020000-\U0003ffff\ud800-\udfff]")
_FILLER = "\ue000\ue001"  # private use: never inside a Han block


def available() -> bool:
    return rjieba is not None


class FastSegmenter:
    """`lcut(text)` equal to `seg.lcut(text, HMM=False)` of the jieba instance it mirrors."""

    def __init__(self, seg: jieba.Tokenizer) -> None:
        if rjieba is None:
            raise RuntimeError("rjieba is not installed")
        seg.check_initialized()
        fast = rjieba.Jieba.empty()
        add = fast.add_word
        added = 0
        for word, freq in seg.FREQ.items():
            if freq:  # jieba keeps prefixes with frequency 0; they are never in a route
                add(word, freq, None)
                added += freq
        filler = seg.total - added
        if filler < 0:  # jieba's total only grows; a smaller one means another version
            raise RuntimeError("jieba total below the sum of its frequencies")
        if filler:
            add(_FILLER, filler, None)
        self._fast = fast
        self._slow = seg

    def lcut(self, text: str) -> list[str]:
        if _TO_JIEBA.search(text) is not None:
            return self._slow.lcut(text, HMM=False)
        return self._fast.cut(text, False)
