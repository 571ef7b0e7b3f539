from __future__ import annotations

import json
from pathlib import Path

import pytest

from recommenders.cli import main

from .conftest import CAPABILITIES, CHALLENGES


def write_jsonl(path: Path, docs: list) -> Path:
    rows = [
        {
            "id": d.id,
            "title": d.title,
            "description": d.description,
            "chains": list(d.chains),
            "keywords": list(d.keywords),
            "extra": 1,
        }
        for d in docs
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    return path


@pytest.fixture()
def files(tmp_path: Path) -> tuple[Path, Path]:
    return (write_jsonl(tmp_path / "c.jsonl", CHALLENGES), write_jsonl(tmp_path / "p.jsonl", CAPABILITIES))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_rank_output_format_and_order(files: tuple[Path, Path], capsys) -> None:
    c, p = files
    code, out, _ = run(capsys, "rank", "--challenges", str(c), "--capabilities", str(p), "--top", "2")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == [d.id for d in CHALLENGES]
    first = rows[0]
    assert set(first) == {"id", "ranked"}
    assert len(first["ranked"]) <= 2
    assert set(first["ranked"][0]) == {"id", "score", "terms"}
    assert first["ranked"][0]["id"] == "p1"
    assert isinstance(first["ranked"][0]["score"], float)
    assert all(isinstance(t, str) for t in first["ranked"][0]["terms"])


def test_rank_reverse(files: tuple[Path, Path], capsys) -> None:
    c, p = files
    code, out, _ = run(capsys, "rank", "--challenges", str(c), "--capabilities", str(p), "--reverse")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == [d.id for d in CAPABILITIES]
    assert rows[1]["ranked"][0]["id"] == "c2"


def test_missing_optional_fields(tmp_path: Path, capsys) -> None:
    c = tmp_path / "c.jsonl"
    c.write_text('{"id": "a", "title": "碳化硅散热"}\n\n{"id": "b", "title": "染色", "chains": []}\n')
    p = tmp_path / "p.jsonl"
    p.write_text('{"id": "x", "title": "碳化硅封装", "description": "散热", "keywords": null}\n')
    code, out, _ = run(capsys, "rank", "--challenges", str(c), "--capabilities", str(p))
    assert code == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["a", "b"]


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ('{"id": "a", "title": "t"}\n{"title": "no id"}\n', 2, "missing id"),
        ('{"id": "a", "title": "t"}\n{"id": "a", "title": "u"}\n', 2, "duplicate id"),
        ('{"id": "a", "title": "t"}\n\n{"id": "b", "title": \n', 3, "bad JSON"),
        ("", 1, "empty file"),
        ("[1, 2]\n", 1, "JSON object"),
    ],
)
def test_rank_bad_input(tmp_path: Path, capsys, files, content: str, line: int, message: str) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(content, "utf-8")
    _, p = files
    code, out, err = run(capsys, "rank", "--challenges", str(bad), "--capabilities", str(p))
    assert code != 0
    assert out == ""
    assert err.count("\n") == 1
    assert f"{bad}:{line}:" in err
    assert message in err


def test_rank_missing_file(tmp_path: Path, capsys, files) -> None:
    c, _ = files
    code, _, err = run(capsys, "rank", "--challenges", str(c), "--capabilities", str(tmp_path / "nope.jsonl"))
    assert code != 0 and "nope.jsonl" in err and err.count("\n") == 1


def test_evaluate_prints_table(tmp_path: Path, capsys, files) -> None:
    c, p = files
    q = tmp_path / "q.tsv"
    q.write_text("challenge_id\tcapability_id\tgrade\nc1\tp1\t2\nc2\tp2\t2\nc2\tp5\t1\nc3\tp3\t2\n")
    code, out, _ = run(capsys, "evaluate", "--challenges", str(c), "--capabilities", str(p), "--qrels", str(q))
    assert code == 0
    for name in ("recommenders", "BM25", "TF-IDF", "nDCG@10", "miss ratio"):
        assert name in out
