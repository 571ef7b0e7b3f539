"""Reading JSON-lines documents and qrels with one-line, file:line error messages."""

from __future__ import annotations

import json
from pathlib import Path

from .document import Document


class InputError(ValueError):
    """Bad input file; the message names the file and line and fits on one line."""


def _str_tuple(value: object, path: Path, lineno: int, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{path}:{lineno}: field {name!r} must be a list of strings")
    return tuple(value)


def read_documents(path: str | Path) -> list[Document]:
    """Documents from a JSON-lines file: {"id","title","description","chains","keywords"}.

    chains/keywords may be missing; unknown fields are ignored; blank lines are skipped.
    Missing or duplicate ids, bad JSON and an empty file raise `InputError`.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read file: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    docs: list[Document] = []
    seen: dict[str, int] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{lineno}: bad JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise InputError(f"{path}:{lineno}: expected a JSON object")
        doc_id = obj.get("id")
        if isinstance(doc_id, int) and not isinstance(doc_id, bool):
            doc_id = str(doc_id)
        if not isinstance(doc_id, str) or not doc_id.strip():
            raise InputError(f"{path}:{lineno}: missing id")
        if doc_id in seen:
            raise InputError(f"{path}:{lineno}: duplicate id {doc_id!r} (first on line {seen[doc_id]})")
        seen[doc_id] = lineno
        title = obj.get("title") or ""
        description = obj.get("description") or ""
        if not isinstance(title, str) or not isinstance(description, str):
            raise InputError(f"{path}:{lineno}: title and description must be strings")
        docs.append(
            Document(
                id=doc_id,
                title=title,
                description=description,
                chains=_str_tuple(obj.get("chains"), path, lineno, "chains"),
                keywords=_str_tuple(obj.get("keywords"), path, lineno, "keywords"),
            )
        )
    if not docs:
        raise InputError(f"{path}:1: empty file (no documents)")
    return docs


def read_qrels(path: str | Path) -> dict[str, dict[str, int]]:
    """Graded judgements from a TSV `query_id<TAB>doc_id<TAB>grade` (header optional)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read file: {exc.strerror or exc}") from None
    qrels: dict[str, dict[str, int]] = {}
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise InputError(f"{path}:{lineno}: expected 3 tab-separated fields")
        try:
            grade = int(parts[2])
        except ValueError:
            if lineno == 1:
                continue  # header
            raise InputError(f"{path}:{lineno}: grade must be an integer") from None
        qrels.setdefault(parts[0], {})[parts[1]] = grade
    if not qrels:
        raise InputError(f"{path}:1: empty file (no judgements)")
    return qrels


def read_jsonl(path: str | Path) -> list[dict]:
    """Raw JSON objects of a JSON-lines file (for evaluation-only formats such as CSL)."""
    path = Path(path)
    out = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{lineno}: bad JSON ({exc.msg})") from None
    return out
