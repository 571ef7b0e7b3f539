"""rjieba gives the tokenizer exactly jieba's words (issue 17, item 5): token for token on the
demo data, the shared bench sets and awkward text, and on the three places where the two
libraries differ (dictionary total, Han character class, frequencies of re-added words)."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import jieba
import pytest
import rjieba

from benchmarks.search import demo_documents
from benchmarks.synth import documents
from recommenders import Document, Tokenizer
from recommenders.fastseg import FastSegmenter
from recommenders.tokenizer import JIEBA_ONLY_ENV

ROOT = Path(__file__).resolve().parents[2]
CHAINS_YAML = ROOT / "seed_data" / "chains.yaml"
BENCH = ROOT.parent / "shared" / "bench"
# jieba 0.42's Han block class (jieba.re_han_default), copied to compare rjieba against.
JIEBA_HAN = re.compile("[\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-]")
AWKWARD = [
    "wi-fi模块，c++ 3.5mm 316l不锈钢\r\n第二行\t制表",
    "㐀鿖丽𠀀混在中文里，锂电池回收 igbt-7",
    "x\x00y\x1c\x1f\u2028 ＩＧＢＴ（ｓｉｃ）",
    "",
    "   ",
    "🔋电池😀emoji 2023-2025年 50%以上 a.b.c #1 & co",
    "\ud800锂电池\udfff回收\udbff",  # lone surrogates: rjieba cannot take them, jieba can
]


@pytest.fixture(scope="module")
def pair() -> tuple[Tokenizer, Tokenizer]:
    """(through rjieba, jieba alone): same lexicon, same settings."""
    logging.getLogger("jieba").setLevel(logging.WARNING)
    fast, slow = Tokenizer.from_chains_yaml(CHAINS_YAML), Tokenizer.from_chains_yaml(CHAINS_YAML)
    fast.tokenize("预热")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(JIEBA_ONLY_ENV, "1")
        slow.tokenize("预热")  # the segmenter is chosen at first use
    assert fast._cut is not None and slow._cut is not None
    assert getattr(fast._cut, "__self__", None).__class__ is FastSegmenter  # really the fast path
    assert fast.fingerprint == slow.fingerprint
    return fast, slow


def _same_tokens(pair: tuple[Tokenizer, Tokenizer], docs: list[Document]) -> int:
    fast, slow = pair
    compared = 0
    for doc in docs:
        assert fast.tokens(doc) == slow.tokens(doc), doc.id
        compared += 1
    return compared


def _bench_docs(path: Path) -> list[Document]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if line.strip():
                row = json.loads(line)
                text = row.get("description") or row.get("abstract") or ""
                out.append(Document(f"{path.stem}-{n}", row.get("title", ""), text, (), tuple(row.get("keywords", ()))))
    return out


def test_demo_posts_tokenise_identically(pair):
    docs = demo_documents()
    assert _same_tokens(pair, [*docs["challenge"], *docs["capability"]]) > 100


def test_synthetic_bench_corpus_tokenises_identically(pair):
    assert _same_tokens(pair, [*documents("challenge", 300, seed=3), *documents("capability", 1500, seed=3)]) == 1800


@pytest.mark.skipif(not BENCH.exists(), reason="the shared bench is not checked out beside the project")
@pytest.mark.parametrize(
    "name",
    [
        "matchdev/challenges.jsonl",
        "matchdev/capabilities.jsonl",
        "matchhard/challenges.jsonl",
        "matchhard/capabilities.jsonl",
        "distractors.jsonl",
        "csl/papers.jsonl",
    ],
)
def test_shared_bench_tokenises_identically(pair, name):
    docs = _bench_docs(BENCH / name)
    assert sum(len(d.description) for d in docs) > 1000  # the texts were read
    assert _same_tokens(pair, docs) == len(docs)


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_text_tokenises_identically(pair, text):
    fast, slow = pair
    assert fast.tokenize(text) == slow.tokenize(text)
    assert fast.query_words(text) == slow.query_words(text)


def test_raw_words_equal_jieba_on_unnormalised_text(pair):
    """The segmenters themselves, before normalisation and stop words."""
    fast, slow = pair
    seg = slow._segmenter()
    for text in AWKWARD + [d.description for d in demo_documents()["challenge"]]:
        assert fast._lcut(text) == seg.lcut(text, HMM=False)


def test_rjieba_han_class_is_jiebas_except_the_guarded_ranges():
    """Which characters join a Han block, over every code point: a word of two characters
    comes out whole only when both are inside one block. The difference must lie within
    fastseg's guard (texts holding such characters go to jieba)."""
    from recommenders.fastseg import _TO_JIEBA

    seg = rjieba.Jieba.empty()
    points = [chr(c) for c in range(0x21, 0x110000) if not 0xD800 <= c <= 0xDFFF]
    for ch in points:
        seg.add_word("丁" + ch, 1000, None)
    differ = [ch for ch in points if (seg.cut("丁" + ch, False) == ["丁" + ch]) != bool(JIEBA_HAN.match(ch))]
    assert "\u3400" in differ  # the libraries do differ: the guard is needed
    assert [hex(ord(ch)) for ch in differ if not _TO_JIEBA.match(ch)] == []


def _small_jieba(tmp_path: Path, words: dict[str, int]) -> jieba.Tokenizer:
    path = tmp_path / "dict.txt"
    path.write_text("".join(f"{w} {f} n\n" for w, f in words.items()), encoding="utf-8")
    seg = jieba.Tokenizer(dictionary=str(path))
    seg.tmp_dir = str(tmp_path)
    seg.initialize()
    return seg


def test_total_of_readded_words_follows_jieba(tmp_path):
    """jieba adds a re-added word's new frequency to its total without removing the old one
    (jieba-rs replaces it), and the total decides between one word and two: 甲乙 is one word
    when f(甲乙) * total > f(甲) * f(乙)."""
    seg = _small_jieba(tmp_path, {"甲": 100, "乙": 100, "丙": 5000})
    seg.add_word("丙", 5000)  # jieba's total 10,200; the frequencies sum to 5,200
    seg.add_word("甲乙", 1)  # 1 * 10,201 > 10,000 (one word); 1 * 5,201 < 10,000 (two)
    assert seg.lcut("甲乙", HMM=False) == ["甲乙"]
    naive = rjieba.Jieba.empty()
    for word, freq in seg.FREQ.items():
        if freq:
            naive.add_word(word, freq, None)
    assert naive.cut("甲乙", False) == ["甲", "乙"]  # without the filler word they differ
    assert FastSegmenter(seg).lcut("甲乙") == ["甲乙"]


def test_wider_han_characters_go_to_jieba(tmp_path):
    seg = _small_jieba(tmp_path, {"中": 10, "文": 10})
    seg.add_word("中㐀", 1000)
    assert FastSegmenter(seg)._fast.cut("中㐀", False) == ["中㐀"]  # jieba-rs keeps the word whole
    assert seg.lcut("中㐀", HMM=False) == ["中", "㐀"]
    assert FastSegmenter(seg).lcut("中㐀") == ["中", "㐀"]


def test_hmm_and_the_switch_keep_jieba(monkeypatch):
    with_hmm = Tokenizer(["碳化硅"], hmm=True)
    with_hmm.tokenize("碳化硅")
    assert getattr(with_hmm._cut, "__self__", None).__class__ is not FastSegmenter
    monkeypatch.setenv(JIEBA_ONLY_ENV, "1")
    off = Tokenizer(["碳化硅"])
    off.tokenize("碳化硅")
    assert getattr(off._cut, "__self__", None).__class__ is not FastSegmenter
