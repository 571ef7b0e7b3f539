from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from recommenders import Document, IndexFormatError, MatchIndex, Settings, Tokenizer

from .conftest import CAPABILITIES, CHALLENGES


def built(tokenizer: Tokenizer) -> MatchIndex:
    idx = MatchIndex.build(tokenizer, CHALLENGES, CAPABILITIES)
    idx.upsert("capability", Document("p9", "碳化硅外延", "碳化硅外延缺陷", ("new-energy",)))
    idx.remove("capability", "p4")
    return idx


def same_rankings(a: MatchIndex, b: MatchIndex) -> None:
    for side in ("challenge", "capability"):
        assert a.ids(side) == b.ids(side)
        for doc_id in a.ids(side):
            ra, rb = a.rank_for(side, doc_id, k=10), b.rank_for(side, doc_id, k=10)
            assert [r.id for r in ra] == [r.id for r in rb]
            assert [r.score for r in ra] == pytest.approx([r.score for r in rb], abs=1e-6)
            assert [r.terms for r in ra] == [r.terms for r in rb]


def test_bytes_round_trip(tokenizer: Tokenizer) -> None:
    idx = built(tokenizer)
    data = idx.to_bytes()
    back = MatchIndex.from_bytes(data, tokenizer)
    same_rankings(idx, back)
    assert back.version == idx.version
    assert back.suggest_chains("碳化硅模块") == idx.suggest_chains("碳化硅模块")
    back.upsert("challenge", Document("c9", "染色", "活性染料"))  # still incremental
    assert back.rank_for("challenge", "c9")[0].id == "p2"


def test_dir_round_trip(tokenizer: Tokenizer, tmp_path: Path) -> None:
    idx = built(tokenizer)
    idx.save(tmp_path / "ix")
    assert {p.name for p in (tmp_path / "ix").iterdir()} == {
        "meta.json",
        "vocab.json",
        "challenge.npz",
        "capability.npz",
        "latent.json",
        "latent.npz",
    }
    back = MatchIndex.load(tmp_path / "ix", tokenizer)
    same_rankings(idx, back)
    assert back.version == idx.version
    idx.save(tmp_path / "ix")  # overwrite in place
    same_rankings(idx, MatchIndex.load(tmp_path / "ix", tokenizer))


def test_dir_round_trip_without_latent_model_drops_an_old_one(tokenizer: Tokenizer, tmp_path: Path) -> None:
    built(tokenizer).save(tmp_path / "ix")
    lexical = MatchIndex.build(tokenizer, CHALLENGES, CAPABILITIES, settings=Settings(latent_rank=0))
    lexical.save(tmp_path / "ix")
    assert not (tmp_path / "ix" / "latent.npz").exists()
    back = MatchIndex.load(tmp_path / "ix", tokenizer)
    assert back.latent is None
    same_rankings(lexical, back)


def _rewrite_meta(data: bytes, **changes: object) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            raw = src.read(name)
            if name == "meta.json":
                meta = json.loads(raw)
                meta.update(changes)
                raw = json.dumps(meta).encode()
            dst.writestr(name, raw)
    return out.getvalue()


def test_version_rejected(tokenizer: Tokenizer, tmp_path: Path) -> None:
    data = built(tokenizer).to_bytes()
    with pytest.raises(IndexFormatError, match="version 99"):
        MatchIndex.from_bytes(_rewrite_meta(data, format_version=99), tokenizer)
    with pytest.raises(IndexFormatError, match="format"):
        MatchIndex.from_bytes(_rewrite_meta(data, format="other"), tokenizer)
    with pytest.raises(IndexFormatError):
        MatchIndex.from_bytes(b"not a zip", tokenizer)
    with pytest.raises(IndexFormatError):
        MatchIndex.load(tmp_path / "missing", tokenizer)


def test_no_pickle_in_npz(tokenizer: Tokenizer) -> None:
    import numpy as np

    data = built(tokenizer).to_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if name.endswith(".npz"):
                with np.load(io.BytesIO(zf.read(name)), allow_pickle=False) as z:
                    for key in z.files:
                        assert z[key].dtype != object
