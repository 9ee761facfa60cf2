"""Scoring packets: one workbook per member to score offline, and reading it back.

The member sees one row per tool x outcome pair (tools they are recused from left out), a
Score cell with the rubric as a dropdown, a Rationale cell and the rubric legend; everything
else is locked. A very hidden sheet carries the identifiers the import matches on (project,
member, packet version, tool and outcome ids) and the values the store held when the packet
was made, which is how the import tells a member's change from a conflict.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path

from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from aligner.domain.model import RubricLevel
from aligner.exchange import cells
from aligner.exchange.guard import (
    DEFAULT_LIMITS,
    CellValue,
    Deadline,
    Formula,
    Limits,
    column_letter,
    open_workbook,
    reject,
    sheet_rows,
)

PACKET_FORMAT = "aligner-scoring-packet-1"
SCORES = "Scores"
IDS = "_packet"
LEGEND_ROW = 5
COLUMNS = ("Tool", "Outcome", "Challenge", "What it measures", "Score", "Rationale")
SCORE_COL = 5
RATIONALE_COL = 6
TOOL_ID_COL = 7
OUTCOME_ID_COL = 8
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
#: A packet has a row per tool x outcome pair (200 tools x 40 outcomes is 8,000 rows), so its
#: row cap is higher than an inventory's; everything else stays as strict.
PACKET_LIMITS = replace(DEFAULT_LIMITS, max_rows=20_000)


@dataclass(frozen=True, slots=True)
class PacketLine:
    """One tool x outcome pair for the member, with what the store holds for it now."""

    tool_id: int
    tool: str
    outcome_id: int
    outcome: str
    challenge: str
    metric: str
    value: float | None
    rationale: str


@dataclass(frozen=True, slots=True)
class PacketSpec:
    project_id: str
    district: str
    member_id: int
    member: str
    version: int
    made_on: str
    rubric: tuple[RubricLevel, ...]
    lines: tuple[PacketLine, ...]


@dataclass(frozen=True, slots=True)
class ReturnedCell:
    """What came back in one row of a packet, with where it sits."""

    tool_id: int
    outcome_id: int
    place: str
    #: The entered score (None when blank); ``problem`` says why a value was refused.
    value: float | None
    rationale: str
    original_value: float | None
    original_rationale: str
    problem: str = ""


@dataclass(frozen=True, slots=True)
class ReturnedPacket:
    path: Path
    project_id: str
    member_id: int
    version: int
    cells: tuple[ReturnedCell, ...]


# --- writing -----------------------------------------------------------------------------------


def write_packet(spec: PacketSpec, target: Path) -> None:
    workbook = cells.new_workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = SCORES
    _intro(sheet, spec)
    header = grid_header_row(spec.rubric)
    cells.header_row(sheet, header, COLUMNS)
    cells.header_row(sheet, header, ("Tool id", "Outcome id"), column=TOOL_ID_COL)
    first = header + 1
    unlocked = Protection(locked=False)
    for offset, line in enumerate(spec.lines):
        row = first + offset
        cells.write_row(sheet, row, (line.tool, line.outcome, line.challenge, line.metric))
        score = cells.put_value(sheet.cell(row=row, column=SCORE_COL), _number(line.value))
        rationale = cells.put_text(sheet.cell(row=row, column=RATIONALE_COL), line.rationale)
        for cell in (score, rationale):
            cell.protection = unlocked
            cell.fill = INPUT_FILL
        rationale.alignment = cells.WRAP
        score.alignment = Alignment(horizontal="center")
        cells.write_row(sheet, row, (line.tool_id, line.outcome_id), column=TOOL_ID_COL)
    last = first + max(len(spec.lines), 1) - 1
    _validation(sheet, spec.rubric, first, last)
    _legend(sheet, spec.rubric)
    cells.set_widths(sheet, (26, 30, 26, 34, 8, 56, 8, 8))
    for column in (TOOL_ID_COL, OUTCOME_ID_COL):
        sheet.column_dimensions[column_letter(column)].hidden = True
    sheet.freeze_panes = f"C{first}"
    cells.print_ready(
        sheet, header_rows=f"{header}:{header}", district=spec.district, day=spec.made_on
    )
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    _ids_sheet(workbook.create_sheet(IDS), spec)
    workbook.security = None
    cells.save_atomically(workbook, target)


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _intro(sheet: Worksheet, spec: PacketSpec) -> None:
    cells.put_text(sheet["A1"], f"Scoring packet for {spec.member}").font = cells.TITLE_FONT
    cells.put_text(sheet["A2"], spec.district)
    cells.put_text(sheet["C2"], f"Made {spec.made_on}")
    low, high = spec.rubric[0].value, spec.rubric[-1].value
    cells.put_text(
        sheet["A3"],
        f"Score each tool on each outcome from {low} to {high}: pick from the list; the legend "
        "below says what each level means. Leave a cell blank if you cannot judge it. Write "
        "why in Rationale. Only the yellow cells can be changed. Send the file back as it is.",
    )
    sheet["A3"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells("A3:F3")
    sheet.row_dimensions[3].height = 45


def _validation(sheet: Worksheet, rubric: tuple[RubricLevel, ...], first: int, last: int) -> None:
    values = ",".join(str(level.value) for level in rubric)
    rule = DataValidation(
        type="list",
        formula1=f'"{values}"',
        allow_blank=True,
        showDropDown=False,
        showErrorMessage=True,
        errorTitle="Not on the rubric",
        error=f"Pick one of {values}, or leave the cell blank.",
        promptTitle="Score",
        prompt=f"Pick one of {values}",
        showInputMessage=True,
    )
    letter = column_letter(SCORE_COL)
    rule.add(f"{letter}{first}:{letter}{last}")
    sheet.add_data_validation(rule)


def grid_header_row(rubric: tuple[RubricLevel, ...]) -> int:
    """The grid starts below the rubric legend, so both print on the first page."""
    return LEGEND_ROW + len(rubric) + 2


def _legend(sheet: Worksheet, rubric: tuple[RubricLevel, ...]) -> None:
    cells.put_text(sheet.cell(LEGEND_ROW, 1), "Rubric").font = Font(bold=True)
    cells.put_text(sheet.cell(LEGEND_ROW, 2), "Level: label").font = Font(bold=True)
    cells.put_text(sheet.cell(LEGEND_ROW, 3), "Meaning").font = Font(bold=True)
    for offset, level in enumerate(rubric, start=1):
        row = LEGEND_ROW + offset
        cells.put_text(sheet.cell(row, 2), f"{level.value}: {level.label}").font = Font(bold=True)
        cells.put_text(sheet.cell(row, 3), level.description)


def _ids_sheet(sheet: Worksheet, spec: PacketSpec) -> None:
    sheet.sheet_state = "veryHidden"
    pairs = (
        ("format", PACKET_FORMAT),
        ("project id", spec.project_id),
        ("member id", spec.member_id),
        ("packet version", spec.version),
        ("made on", spec.made_on),
        ("grid header row", grid_header_row(spec.rubric)),
    )
    for row, (key, value) in enumerate(pairs, start=1):
        cells.write_row(sheet, row, (key, value))
    cells.write_row(sheet, 7, ("tool id", "outcome id", "value", "rationale"))
    for offset, line in enumerate(spec.lines, start=8):
        cells.write_row(
            sheet, offset, (line.tool_id, line.outcome_id, _number(line.value), line.rationale)
        )
    sheet.protection.sheet = True


# --- reading -----------------------------------------------------------------------------------


def read_packet(path: Path, limits: Limits = PACKET_LIMITS) -> ReturnedPacket:
    """Read a returned packet; structural damage rejects it, a bad value marks that cell."""
    deadline = Deadline(path, limits.seconds)
    with open_workbook(path, limits) as workbook:
        names = set(workbook.sheetnames)
        for needed in (SCORES, IDS):
            if needed not in names:
                raise reject(
                    path,
                    f"sheet {needed}",
                    "is missing, so this is not an Aligner scoring packet",
                    "Send the packet file exactly as Aligner made it",
                )
        ids = sheet_rows(path, workbook, IDS, limits, deadline)
        scores = sheet_rows(path, workbook, SCORES, limits, deadline)
    header = _header(path, ids)
    originals = _originals(path, ids)
    returned = _returned_cells(path, scores, originals, header[3])
    return ReturnedPacket(path, header[0], header[1], header[2], returned)


def _at(rows: list[tuple[CellValue, ...]], row: int, column: int) -> CellValue:
    if row - 1 < len(rows) and column - 1 < len(rows[row - 1]):
        return rows[row - 1][column - 1]
    return None


def _whole(value: CellValue) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if float(value).is_integer() else None


def _header(path: Path, ids: list[tuple[CellValue, ...]]) -> tuple[str, int, int, int]:
    fields = {str(_at(ids, r, 1)): _at(ids, r, 2) for r in range(1, 7)}
    if fields.get("format") != PACKET_FORMAT:
        raise reject(
            path,
            f"sheet {IDS}, cell B1",
            "does not carry the packet format, so this is not an Aligner scoring packet",
            "Send the packet file exactly as Aligner made it",
        )
    project_id = fields.get("project id")
    member_id = _whole(fields.get("member id"))
    version = _whole(fields.get("packet version"))
    header = _whole(fields.get("grid header row"))
    if not isinstance(project_id, str) or member_id is None or version is None or not header:
        raise reject(
            path,
            f"sheet {IDS}, rows 2-6",
            "the packet's identifiers were changed",
            "Make a new packet for this member",
        )
    return project_id, member_id, version, header


def _originals(
    path: Path, ids: list[tuple[CellValue, ...]]
) -> dict[tuple[int, int], tuple[float | None, str]]:
    originals: dict[tuple[int, int], tuple[float | None, str]] = {}
    for row in range(8, len(ids) + 1):
        tool_id, outcome_id = _whole(_at(ids, row, 1)), _whole(_at(ids, row, 2))
        if tool_id is None and outcome_id is None and _at(ids, row, 3) is None:
            continue
        value, rationale = _at(ids, row, 3), _at(ids, row, 4)
        if (
            tool_id is None
            or outcome_id is None
            or (value is not None and _whole(value) is None and not isinstance(value, float))
            or (tool_id, outcome_id) in originals
        ):
            raise reject(
                path,
                f"sheet {IDS}, row {row}",
                "the packet's identifiers were changed",
                "Make a new packet for this member",
            )
        number = None if value is None else float(value)  # type: ignore[arg-type]  # checked
        originals[(tool_id, outcome_id)] = (number, "" if rationale is None else str(rationale))
    return originals


def _returned_cells(
    path: Path,
    rows: list[tuple[CellValue, ...]],
    originals: dict[tuple[int, int], tuple[float | None, str]],
    header: int,
) -> tuple[ReturnedCell, ...]:
    result: list[ReturnedCell] = []
    seen: set[tuple[int, int]] = set()
    for row in range(header + 1, len(rows) + 1):
        raw_tool, raw_outcome = _at(rows, row, TOOL_ID_COL), _at(rows, row, OUTCOME_ID_COL)
        score, rationale = _at(rows, row, SCORE_COL), _at(rows, row, RATIONALE_COL)
        if raw_tool is None and raw_outcome is None:
            if score is not None or rationale not in (None, ""):
                raise reject(
                    path,
                    f"sheet {SCORES}, row {row}",
                    "has a score but no tool and outcome identifiers",
                    "Score only the rows Aligner listed; make a new packet if rows were lost",
                )
            continue
        key = (_whole(raw_tool), _whole(raw_outcome))
        if key[0] is None or key[1] is None or key not in originals or key in seen:
            raise reject(
                path,
                f"sheet {SCORES}, row {row}, columns G-H",
                "the hidden tool and outcome identifiers were changed or duplicated",
                "Make a new packet for this member and copy the scores into it",
            )
        tool_id, outcome_id = int(key[0]), int(key[1])
        seen.add((tool_id, outcome_id))
        place = f"sheet {SCORES}, cell {column_letter(SCORE_COL)}{row}"
        value, problem = _score(score)
        text, text_problem = _rationale(rationale)
        if text_problem:
            place = f"sheet {SCORES}, cell {column_letter(RATIONALE_COL)}{row}"
        original = originals[(tool_id, outcome_id)]
        result.append(
            ReturnedCell(
                tool_id,
                outcome_id,
                place,
                value,
                text,
                original[0],
                original[1],
                problem or text_problem,
            )
        )
    return tuple(result)


def _score(raw: CellValue) -> tuple[float | None, str]:
    if isinstance(raw, Formula):
        return None, f"holds a formula ({raw.text[:40]}); type the score itself"
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, ""
    number = math.nan
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        number = float(raw)
    elif isinstance(raw, str):
        try:
            number = float(raw.strip())
        except ValueError:
            number = math.nan
    if not math.isfinite(number):
        return None, f"holds {str(raw)[:40]!r}, not a score"
    return number, ""


def _rationale(raw: CellValue) -> tuple[str, str]:
    if isinstance(raw, Formula):
        return "", f"holds a formula ({raw.text[:40]}); type the rationale as text"
    if raw is None:
        return "", ""
    return str(raw).strip(), ""
