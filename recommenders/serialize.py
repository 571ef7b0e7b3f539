"""Index persistence without pickle: sparse rows as .npz (allow_pickle=False), the rest JSON.

Layout (a directory, or the same files inside one zip archive for `to_bytes`):
  meta.json            format name + version, settings, chain codes, lexicon, ids per side
  vocab.json           the term list (column order), only terms still in use
  challenge.npz        CSR data/indices/indptr + chain masks + primary chain + row hashes
                       + latent vectors (when the index has a latent model)
  capability.npz       same for capabilities
  latent.json          the latent model's terms, block split, unseen-term IDF, shares
  latent.npz           its IDF and basis (absent: no latent model)
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from .document import SIDES
from .latent import LatentModel
from .weighting import DTYPE, Settings, Vocabulary

if TYPE_CHECKING:
    from .index import MatchIndex
    from .tokenizer import Tokenizer

FORMAT_NAME = "matchmaker-recommenders-index"


class IndexFormatError(ValueError):
    """A saved index that this library version cannot read (wrong format or version)."""


def _files(index: MatchIndex) -> dict[str, bytes]:
    """The serialised files, compacted: dead rows and unused terms are dropped."""
    ncols = len(index.vocab)
    used = index.df[:ncols] > 0
    lexicon_terms = {t for toks in index.lexicon.values() for t in toks}
    used |= np.fromiter((t in lexicon_terms for t in index.vocab.terms), dtype=bool, count=ncols)
    remap = np.full(ncols, -1, dtype=np.int64)
    remap[used] = np.arange(int(used.sum()))
    terms = [t for t, u in zip(index.vocab.terms, used.tolist(), strict=True) if u]
    meta: dict[str, object] = {
        "format": FORMAT_NAME,
        "format_version": index.FORMAT_VERSION,
        "settings": index.settings.to_json(),
        "tokenizer": index.tokenizer.settings,
        "tokenizer_fingerprint": index.tokenizer.fingerprint,
        "chain_codes": index.chain_codes,
        "lexicon": index.lexicon,
        "ids": {},
    }
    out: dict[str, bytes] = {}
    for side in SIDES:
        s = index.sides[side]
        s.merge_pending(ncols)
        rows = np.flatnonzero(s.alive)
        m = s.base[rows]
        m = sp.csr_matrix((m.data, remap[m.indices].astype(np.int32), m.indptr), shape=(len(rows), len(terms)))
        meta["ids"][side] = [s.ids[r] for r in rows]  # type: ignore[index]
        arrays = {
            "data": m.data.astype(DTYPE),
            "indices": m.indices,
            "indptr": m.indptr.astype(np.int64),
            "chain_mask": s.chain_mask[rows],
            "primary": s.primary[rows],
            "hashes": s.hashes[rows],
        }
        if index.latent is not None:
            arrays["latent"] = s.latent()[rows]
        out[f"{side}.npz"] = _npz(arrays)
    if (lm := index.latent) is not None:
        latent_meta = {"terms": lm.terms, "n_words": lm.n_words, "unseen_idf": lm.unseen_idf, "shares": lm.shares}
        out["latent.json"] = json.dumps(latent_meta, ensure_ascii=False).encode()
        out["latent.npz"] = _npz({"idf": lm.idf, "basis": lm.basis})
    out["meta.json"] = json.dumps(meta, ensure_ascii=False).encode()
    out["vocab.json"] = json.dumps(terms, ensure_ascii=False).encode()
    return out


def _npz(arrays: dict[str, np.ndarray]) -> bytes:
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def _restore_latent(files: dict[str, bytes]) -> LatentModel | None:
    if "latent.json" not in files:
        return None
    meta = json.loads(files["latent.json"])
    with np.load(io.BytesIO(files["latent.npz"]), allow_pickle=False) as z:
        idf, basis = z["idf"], z["basis"]
    return LatentModel(
        terms=list(meta["terms"]),
        n_words=int(meta["n_words"]),
        idf=idf.astype(np.float32),
        unseen_idf=float(meta["unseen_idf"]),
        basis=basis.astype(np.float32),
        shares=(float(meta["shares"][0]), float(meta["shares"][1])),
    )


def _restore(files: dict[str, bytes], tokenizer: Tokenizer) -> MatchIndex:
    from .index import MatchIndex, _Side

    try:
        meta = json.loads(files["meta.json"])
    except (KeyError, ValueError) as exc:
        raise IndexFormatError(f"not a saved MatchIndex (meta.json missing or bad: {exc})") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT_NAME:
        raise IndexFormatError("not a saved MatchIndex (unknown format name)")
    version = meta.get("format_version")
    if version != MatchIndex.FORMAT_VERSION:
        raise IndexFormatError(
            f"unsupported index format version {version!r}; this library reads version "
            f"{MatchIndex.FORMAT_VERSION} - rebuild the index from the cached tokens"
        )
    index = MatchIndex(tokenizer, Settings.from_json(meta["settings"]))
    index.chain_codes = list(meta["chain_codes"])
    index.lexicon = {k: list(v) for k, v in meta["lexicon"].items()}
    index.vocab = Vocabulary(json.loads(files["vocab.json"]))
    ncols = len(index.vocab)
    index.df = np.zeros(ncols, dtype=np.float64)
    index.latent = _restore_latent(files)
    for side in SIDES:
        with np.load(io.BytesIO(files[f"{side}.npz"]), allow_pickle=False) as z:
            ids = list(meta["ids"][side])
            s = _Side()
            s.base = sp.csr_matrix((z["data"].astype(DTYPE), z["indices"], z["indptr"]), shape=(len(ids), ncols))
            s.ids = ids
            s.pos = {d: i for i, d in enumerate(ids)}
            s.alive = np.ones(len(ids), dtype=bool)
            s.chain_mask = z["chain_mask"].astype(np.uint64)
            s.primary = z["primary"].astype(np.int16)
            s.hashes = z["hashes"].astype(np.uint64)
            if index.latent is not None:
                s.set_latent(z["latent"].astype(np.float16))
        index.sides[side] = s
        index.df += np.bincount(s.base.indices, minlength=ncols)[:ncols]
    index._changed()
    return index


def index_to_bytes(index: MatchIndex) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as zf:
        for name, data in _files(index).items():
            zf.writestr(name, data)
    return buf.getvalue()


def index_from_bytes(data: bytes, tokenizer: Tokenizer) -> MatchIndex:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            files = {n: zf.read(n) for n in zf.namelist()}
    except zipfile.BadZipFile:
        raise IndexFormatError("not a saved MatchIndex (not a zip archive)") from None
    return _restore(files, tokenizer)


def save_dir(index: MatchIndex, directory: str | Path) -> None:
    """Write the files into `directory` (created if needed); each file replaced atomically."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    files = _files(index)
    # meta.json last, so a reader never sees new meta with old matrices.
    for name in sorted(files, key=lambda n: n == "meta.json"):
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(files[name])
        os.replace(tmp, directory / name)
    for name in ("latent.json", "latent.npz"):  # a model saved there before is not this index's
        if name not in files:
            (directory / name).unlink(missing_ok=True)


def load_dir(directory: str | Path, tokenizer: Tokenizer) -> MatchIndex:
    directory = Path(directory)
    names = ["meta.json", "vocab.json", *(f"{s}.npz" for s in SIDES), "latent.json", "latent.npz"]
    files = {}
    for n in names:
        p = directory / n
        if p.exists():
            files[n] = p.read_bytes()
    if "meta.json" not in files:
        raise IndexFormatError(f"{directory}: no saved MatchIndex here (meta.json missing)")
    return _restore(files, tokenizer)
