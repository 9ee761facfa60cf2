"""Reading a returned scoring packet (written by exchange/packets.py), trusting nothing in it.

Structural damage (a missing sheet, identifiers changed, a packet of another format) refuses
the whole packet with the place named; a bad value in one input cell marks only that cell, so
the rest of the member's work still counts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from aligner.exchange.guard import (
    CellValue,
    Formula,
    Limits,
    column_letter,
    reject,
)
from aligner.exchange.isolated import parse_workbook
from aligner.exchange.packets import (
    ABSTAIN,
    ABSTAIN_SPELLINGS,
    EMPTY,
    ENTRIES_ROW,
    FIRST_OUTCOME_COL,
    ID_KEYS,
    IDS,
    PACKET_FORMAT,
    PACKET_LIMITS,
    RATIONALE,
    SCORES,
    TOOL_ID_COL,
    Entry,
)

Rows = list[tuple[CellValue, ...]]
REMAKE = "Make a new packet for this member and copy the scores into it"


@dataclass(frozen=True, slots=True)
class ReturnedCell:
    """What came back for one tool x outcome, with where it sits."""

    tool_id: int
    outcome_id: int
    #: The score cell, e.g. "sheet Scores, cell D14"; a rationale problem names its own cell.
    place: str
    #: What the member left there: blank (the empty Entry), a score, or an abstention.
    entry: Entry
    original: Entry
    problem: str = ""


@dataclass(frozen=True, slots=True)
class ReturnedPacket:
    path: Path
    project_id: str
    member_id: int
    version: int
    cells: tuple[ReturnedCell, ...]


@dataclass(frozen=True, slots=True)
class _Layout:
    project_id: str
    member_id: int
    version: int
    ids_row: int
    tools: tuple[int, ...]
    outcomes: tuple[int, ...]

    @property
    def first_row(self) -> int:
        return self.ids_row + 4


def read_packet(path: Path, limits: Limits = PACKET_LIMITS) -> ReturnedPacket:
    """Read a returned packet; structural damage rejects it, a bad value marks that cell."""
    parsed = parse_workbook(path, (SCORES, RATIONALE, IDS), limits)
    for needed in (SCORES, RATIONALE, IDS):
        if needed not in parsed.sheetnames:
            raise reject(
                path,
                f"sheet {needed}",
                "is missing, so this is not an Aligner scoring packet",
                "Send the packet file exactly as Aligner made it",
            )
    ids, scores, reasons = (parsed.rows[name] for name in (IDS, SCORES, RATIONALE))
    layout = _layout(path, ids)
    originals = _originals(path, ids, layout)
    for name, rows in ((SCORES, scores), (RATIONALE, reasons)):
        _check_grid(path, name, rows, layout)
    returned = []
    letters = [column_letter(FIRST_OUTCOME_COL + i) for i in range(len(layout.outcomes))]
    for index, tool_id in enumerate(layout.tools):
        row = layout.first_row + index
        for offset, outcome_id in enumerate(layout.outcomes):
            column = FIRST_OUTCOME_COL + offset
            place = f"sheet {SCORES}, cell {letters[offset]}{row}"
            score, problem = _score(_at(scores, row, column))
            text, text_problem = _rationale(_at(reasons, row, column))
            if text_problem and not problem:
                place, problem = _place(RATIONALE, row, column), text_problem
            returned.append(
                ReturnedCell(
                    tool_id,
                    outcome_id,
                    place,
                    Entry(score[0], score[1], text),
                    originals.get((tool_id, outcome_id), EMPTY),
                    problem,
                )
            )
    return ReturnedPacket(
        path, layout.project_id, layout.member_id, layout.version, tuple(returned)
    )


def _place(sheet: str, row: int, column: int) -> str:
    return f"sheet {sheet}, cell {column_letter(column)}{row}"


def _at(rows: Rows, row: int, column: int) -> CellValue:
    if row - 1 < len(rows) and column - 1 < len(rows[row - 1]):
        return rows[row - 1][column - 1]
    return None


def _whole(value: CellValue) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if float(value).is_integer() else None


def _id_list(value: CellValue) -> tuple[int, ...] | None:
    if value is None:
        return ()  # an empty committee list or an empty framework: written as a blank cell
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(_whole(value))  # a single id may come back as a number
    if not isinstance(value, str):
        return None
    parts = value.split()
    if not all(part.isdigit() for part in parts) or len(set(parts)) != len(parts):
        return None
    return tuple(int(part) for part in parts)


def _layout(path: Path, ids: Rows) -> _Layout:
    fields = {key: _at(ids, row, 2) for row, key in enumerate(ID_KEYS, start=1)}
    keys = tuple(str(_at(ids, row, 1)) for row in range(1, len(ID_KEYS) + 1))
    if keys != ID_KEYS or fields["format"] != PACKET_FORMAT:
        raise reject(
            path,
            f"sheet {IDS}, cells A1:B{len(ID_KEYS)}",
            "do not carry this version's packet format, so this is not a packet Aligner can read",
            "Make a new packet for this member with this version of Aligner",
        )
    project_id = fields["project id"]
    member_id = _whole(fields["member id"])
    version = _whole(fields["packet version"])
    ids_row = _whole(fields["outcome id row"])
    tools = _id_list(fields["tool ids"])
    outcomes = _id_list(fields["outcome ids"])
    for row, key in enumerate(ID_KEYS, start=1):
        bad = (
            (key == "project id" and not isinstance(project_id, str))
            or (key == "member id" and member_id is None)
            or (key == "packet version" and version is None)
            or (key == "outcome id row" and (ids_row is None or not 1 <= ids_row <= 100))
            or (key == "tool ids" and tools is None)
            or (key == "outcome ids" and outcomes is None)
        )
        if bad:
            raise reject(path, f"sheet {IDS}, cell B{row}", f"its {key!r} was changed", REMAKE)
    assert isinstance(project_id, str) and member_id is not None and version is not None
    assert ids_row is not None and tools is not None and outcomes is not None
    return _Layout(project_id, member_id, version, ids_row, tools, outcomes)


def _originals(path: Path, ids: Rows, layout: _Layout) -> dict[tuple[int, int], Entry]:
    grid = {(t, o) for t in layout.tools for o in layout.outcomes}
    originals: dict[tuple[int, int], Entry] = {}
    padding: tuple[CellValue, ...] = (None,) * 5
    # Row slices, not _at per cell: this sheet has a row per grid cell (8,000 in a big packet).
    for row, cells in enumerate(ids[ENTRIES_ROW:], start=ENTRIES_ROW + 1):
        values = (tuple(cells[:5]) + padding)[:5]
        if all(v in (None, "") for v in values):
            continue
        key = (_whole(values[0]), _whole(values[1]))
        value, abstained, rationale = values[2], values[3], values[4]
        number = None if value is None else _finite(value)
        if (
            key not in grid
            or key in originals
            or (value is not None and number is None)
            or abstained not in (0, 1)
            or (rationale is not None and not isinstance(rationale, str))
        ):
            raise reject(
                path, f"sheet {IDS}, row {row}", "the packet's identifiers were changed", REMAKE
            )
        tool_id, outcome_id = key
        assert outcome_id is not None  # key is in the grid, so both ids are whole numbers
        originals[(tool_id, outcome_id)] = Entry(number, bool(abstained), rationale or "")
    return originals


def _check_grid(path: Path, sheet: str, rows: Rows, layout: _Layout) -> None:
    """The hidden ids are where the packet put them, and nothing was typed beside the grid."""
    width = len(layout.outcomes)
    found = tuple(_at(rows, layout.ids_row, FIRST_OUTCOME_COL + i) for i in range(width + 1))
    for offset, (got, expected) in enumerate(zip(found, (*layout.outcomes, None), strict=True)):
        if (_whole(got) if expected is not None else got) != expected:
            column = FIRST_OUTCOME_COL + offset
            raise reject(
                path,
                _place(sheet, layout.ids_row, column),
                "the hidden outcome identifiers were changed, or a column was added or removed",
                REMAKE,
            )
    last_row = layout.first_row + len(layout.tools) - 1
    for row in range(layout.first_row, max(len(rows), last_row + 1) + 1):
        expected_tool = layout.tools[row - layout.first_row] if row <= last_row else None
        got = _at(rows, row, TOOL_ID_COL)
        if (_whole(got) if expected_tool is not None else got) != expected_tool:
            raise reject(
                path,
                _place(sheet, row, TOOL_ID_COL),
                "the hidden tool identifiers were changed, or a row was added or removed",
                REMAKE,
            )
        first_outside = FIRST_OUTCOME_COL + (width if row <= last_row else 0)
        stray = _stray(rows, row, first_outside)
        if stray:
            raise reject(
                path,
                _place(sheet, row, stray),
                "holds something outside the tools x outcomes grid",
                "Type only into the yellow cells",
            )


def _stray(rows: Rows, row: int, first: int) -> int:
    if row - 1 >= len(rows):
        return 0
    values: Sequence[CellValue] = rows[row - 1]
    for column in range(first, len(values) + 1):
        if values[column - 1] not in (None, ""):
            return column
    return 0


def _finite(raw: CellValue) -> float | None:
    number = math.nan
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        number = float(raw)
    elif isinstance(raw, str):
        try:
            number = float(raw.strip())
        except ValueError:
            number = math.nan
    return number if math.isfinite(number) else None


def _score(raw: CellValue) -> tuple[tuple[float | None, bool], str]:
    """(value, abstained) and a problem; a blank cell is (None, False)."""
    if isinstance(raw, Formula):
        return (None, False), f"holds a formula ({raw.text[:40]}); type the score itself"
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return (None, False), ""
    if isinstance(raw, str) and raw.strip().casefold() in ABSTAIN_SPELLINGS:
        return (None, True), ""
    number = _finite(raw)
    if number is None:
        return (None, False), f"holds {str(raw)[:40]!r}, not a score or {ABSTAIN}"
    return (number, False), ""


def _rationale(raw: CellValue) -> tuple[str, str]:
    if isinstance(raw, Formula):
        return "", f"holds a formula ({raw.text[:40]}); type the rationale as text"
    if raw is None:
        return "", ""
    return str(raw).strip(), ""
