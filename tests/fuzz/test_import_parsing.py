"""Import parsing under any input: any bytes under any file name are read or refused with a
message in Chinese (never another exception); CSV cells of any text, in UTF-8, UTF-8 with BOM or
GB18030/GBK, come back exactly as written (no lost data); any cell values are judged row by row
into errors or values, never an exception."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchmaker.imports import reader
from matchmaker.imports.columns import COLUMNS, Kind
from matchmaker.imports.form_check import FormCheck
from matchmaker.imports.rows import ChainLookup, check_row
from matchmaker.posts.fields import KEYWORD_SEPARATORS, split_keywords
from tests.fuzz.conftest import examples

CJK = re.compile(r"[\u4e00-\u9fff]")
# Text a person can type: any code point but the surrogates (no file encoding can hold them).
TYPED = st.text(st.characters(exclude_categories=["Cs"]), max_size=80)
CELL = st.one_of(
    st.none(),
    TYPED,
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    st.sampled_from(["高端装备", "equipment", "5级", "许可、转让", "2030-06-30", "1e999", "-0", "sNaN", "面议"]),
)


@pytest.fixture
def request_context(app, db, chains):
    with app.test_request_context():
        yield


@given(data=st.binary(max_size=3000), name=st.sampled_from(["a.csv", "a.xlsx", "a.txt", "a.xls", "a.pdf", "", "A.CSV"]))
@settings(max_examples=examples(150))
def test_any_bytes_are_read_or_refused_in_words(request_context, data: bytes, name: str) -> None:
    try:
        sheet = reader.read(Kind.CHALLENGES, name, data)
    except reader.UnreadableFile as refusal:
        assert CJK.search(str(refusal)), f"refusal without a Chinese message: {refusal!r}"
    else:
        assert all(isinstance(line, int) and isinstance(cells, dict) for line, cells in sheet.rows)


@given(
    kind=st.sampled_from(list(Kind)),
    rows=st.lists(st.lists(TYPED, min_size=1, max_size=6), min_size=1, max_size=8),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "gbk"]),
)
@settings(max_examples=examples(150))
def test_csv_cells_come_back_as_written_in_every_encoding(request_context, kind, rows, encoding) -> None:
    columns = COLUMNS[kind]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([c.heading for c in columns])
    written = [row + [""] * (len(columns) - len(row)) for row in rows]
    writer.writerows(written)
    try:
        data = buffer.getvalue().encode(encoding)
    except UnicodeEncodeError:
        return  # GBK cannot hold every character; that file cannot exist
    try:
        sheet = reader.read(kind, "list.csv", data)
    except reader.UnreadableFile as refusal:
        # Only a file with nothing in it, or with a NUL (csv cannot read it), may be refused.
        kept = [r for r in written if any(cell.strip() for cell in r)]
        assert not kept or any("\x00" in cell for r in written for cell in r), str(refusal)
        return
    expected = [r for r in written if any(cell.strip() for cell in r)]
    got = [[cells[c.attr] for c in columns] for _line, cells in sheet.rows]
    assert got == expected


@given(kind=st.sampled_from(list(Kind)), values=st.lists(CELL, min_size=1, max_size=20))
@settings(max_examples=examples(150))
def test_any_cells_become_errors_or_values(request_context, chains, kind, values) -> None:
    columns = COLUMNS[kind]
    cells = {c.attr: v for c, v in zip(columns, values, strict=False)}
    lookup = ChainLookup(list(chains.values()))
    row = check_row(kind, 2, cells, lookup, FormCheck(kind), date.today())
    assert all(isinstance(error, str) and error for error in row.errors)
    if row.valid:
        for column in columns:
            if column.required:
                assert row.values.get(column.attr) not in (None, "", []), column.attr


@given(text=st.text(max_size=200))
@settings(max_examples=examples(200))
def test_keywords_split_into_clean_words_and_round_trip(text: str) -> None:
    words = split_keywords(text)
    assert all(w and not KEYWORD_SEPARATORS.search(w) for w in words)
    assert len(set(words)) == len(words)
    assert split_keywords("、".join(words)) == words


def test_a_datetime_cell_reads_as_its_date(request_context, chains) -> None:
    """Excel gives dates as datetimes; the row keeps the date the user typed."""
    columns = {c.attr: c for c in COLUMNS[Kind.CHALLENGES]}
    assert "deadline" in columns
    cells = {"title": "测试", "chains": "高端装备", "problem": "问题", "deadline": datetime(2030, 6, 30)}
    lookup = ChainLookup(list(chains.values()))
    row = check_row(Kind.CHALLENGES, 2, cells, lookup, FormCheck(Kind.CHALLENGES), date(2026, 1, 1))
    assert "2030-06-30" in str(row.values.get("deadline")), row.errors
