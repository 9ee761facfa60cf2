"""Scoring packets: one workbook per member to score offline (reading it back: packet_reading).

The member sees a grid: one row per tool (tools they are recused from left out), one column
per outcome, the outcomes grouped under their challenge. Tools run down because a committee
has many more tools than outcomes (200 tools still scroll well; 200 columns would not print),
and because a member scores a tool at a time, across its outcomes, after reading about it.

Each score cell has the rubric as a dropdown, plus "n/a" for "I can't judge this" (recorded as
an abstention, never a zero); the rubric legend sits above the grid and the dropdown's prompt
repeats it. Reasons go on a second sheet, Rationale, with exactly the same grid, so the reason
for the score in Scores!D14 is in Rationale!D14: a per-cell rationale, as the project stores
it, without doubling the width of the score grid. Everything but the input cells is locked.

Identifiers the import matches on sit in a hidden column (tool ids), a hidden row (outcome ids)
and a very hidden sheet (project, member, packet version, and the values the store held when
the packet was made, which is how the import tells a member's change from a conflict).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from aligner.domain.model import RubricLevel
from aligner.exchange import cells
from aligner.exchange.guard import DEFAULT_LIMITS, column_letter

PACKET_FORMAT = "aligner-scoring-packet-2"
SCORES = "Scores"
RATIONALE = "Rationale"
IDS = "_packet"
#: What a member picks when they cannot judge a cell; read back case-insensitively, with the
#: other spellings people type for the same thing.
ABSTAIN = "n/a"
ABSTAIN_SPELLINGS = frozenset({"n/a", "na", "?", "a", "abstain", "can't judge", "cant judge"})
TOOL_ID_COL = 1
TOOL_COL = 2
FIRST_OUTCOME_COL = 3
LEGEND_ROW = 3
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
CHALLENGE_FILL = PatternFill("solid", fgColor="DDEBF7")
METRIC_FONT = Font(italic=True, size=9, color="595959")
_HAIRLINE = Side(style="thin", color="BFBFBF")
INPUT_BORDER = Border(left=_HAIRLINE, right=_HAIRLINE, top=_HAIRLINE, bottom=_HAIRLINE)
CENTRE = Alignment(horizontal="center", vertical="center")
UNLOCKED = Protection(locked=False)
#: The hidden sheet lists every cell the store already holds (200 tools x 40 outcomes is 8,000
#: rows), and a grid may be wider than an inventory sheet; everything else stays as strict.
PACKET_LIMITS = replace(DEFAULT_LIMITS, max_rows=20_000, max_columns=260)
#: Where each key sits on the hidden sheet (column A key, column B value).
ID_KEYS = (
    "format",
    "project id",
    "member id",
    "packet version",
    "made on",
    "outcome id row",
    "tool ids",
    "outcome ids",
)
ENTRIES_ROW = len(ID_KEYS) + 2


@dataclass(frozen=True, slots=True)
class Entry:
    """What one cell holds: a score, an abstention (value None) or nothing, and a reason."""

    value: float | None = None
    abstained: bool = False
    rationale: str = ""

    @property
    def empty(self) -> bool:
        return self.value is None and not self.abstained and not self.rationale


EMPTY = Entry()


@dataclass(frozen=True, slots=True)
class PacketTool:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class PacketOutcome:
    id: int
    name: str
    challenge: str
    metric: str


@dataclass(frozen=True, slots=True)
class PacketSpec:
    project_id: str
    district: str
    member_id: int
    member: str
    version: int
    made_on: str
    rubric: tuple[RubricLevel, ...]
    tools: tuple[PacketTool, ...]
    #: In grid order: grouped by challenge.
    outcomes: tuple[PacketOutcome, ...]
    #: (tool id, outcome id) -> what the store holds now; cells not listed are empty.
    entries: Mapping[tuple[int, int], Entry]


def outcome_id_row(rubric: tuple[RubricLevel, ...]) -> int:
    """The hidden row of outcome ids, below the legend (its levels and the n/a line)."""
    return LEGEND_ROW + len(rubric) + 1


def first_tool_row(rubric: tuple[RubricLevel, ...]) -> int:
    # Below the hidden ids: the challenge row, the outcome row and the "what it measures" row.
    return outcome_id_row(rubric) + 4


def write_packet(spec: PacketSpec, target: Path) -> None:
    """Write the member's packet to ``target``, atomically."""
    workbook = cells.new_workbook()
    scores = workbook.active
    assert isinstance(scores, Worksheet)
    scores.title = SCORES
    _grid_sheet(scores, spec, rationale=False)
    _grid_sheet(workbook.create_sheet(RATIONALE), spec, rationale=True)
    _ids_sheet(workbook.create_sheet(IDS), spec)
    workbook.security = None
    cells.save_atomically(workbook, target)


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _last_col(spec: PacketSpec) -> int:
    return FIRST_OUTCOME_COL + max(len(spec.outcomes), 1) - 1


def _wide(spec: PacketSpec) -> str:
    """The last column text above the grid may span: the grid's, but at least F."""
    return column_letter(max(_last_col(spec), 6))


def _grid_sheet(sheet: Worksheet, spec: PacketSpec, *, rationale: bool) -> None:
    last = column_letter(_last_col(spec))
    _intro(sheet, spec, _wide(spec), rationale=rationale)
    _legend(sheet, spec.rubric, _wide(spec))
    ids_row = outcome_id_row(spec.rubric)
    _outcome_headers(sheet, spec, ids_row)
    first = first_tool_row(spec.rubric)
    for offset, tool in enumerate(spec.tools):
        row = first + offset
        cells.put_value(sheet.cell(row, TOOL_ID_COL), tool.id)
        name = cells.put_text(sheet.cell(row, TOOL_COL), tool.name)
        name.font = Font(bold=True)
        name.alignment = cells.WRAP
        for column, outcome in enumerate(spec.outcomes, start=FIRST_OUTCOME_COL):
            entry = spec.entries.get((tool.id, outcome.id), EMPTY)
            cell = sheet.cell(row, column)
            if rationale:
                cells.put_text(cell, entry.rationale)
                cell.alignment = cells.WRAP
            else:
                cells.put_value(cell, ABSTAIN if entry.abstained else _number(entry.value))
                cell.alignment = CENTRE
            cell.protection = UNLOCKED
            cell.fill = INPUT_FILL
            cell.border = INPUT_BORDER
        if rationale:
            longest = max((len(e.rationale) for e in _row_entries(spec, tool.id)), default=0)
            sheet.row_dimensions[row].height = 13 * min(8, max(2, -(-longest // 24)))
    last_row = first + max(len(spec.tools), 1) - 1
    if not rationale:
        _validation(sheet, spec.rubric, f"C{first}:{last}{last_row}")
    sheet.column_dimensions["A"].hidden = True
    sheet.row_dimensions[ids_row].hidden = True
    cells.set_widths(sheet, (6, 30))
    width = 26 if rationale else 13
    for column in range(FIRST_OUTCOME_COL, _last_col(spec) + 1):
        sheet.column_dimensions[column_letter(column)].width = width
    sheet.freeze_panes = f"C{first}"
    cells.print_ready(
        sheet,
        header_rows=f"{ids_row + 1}:{first - 1}",
        district=spec.district,
        day=spec.made_on,
    )
    if rationale:
        # Reasons are read, not scanned: six outcomes a page across, tool names on each page.
        sheet.page_setup.fitToWidth = max(1, -(-len(spec.outcomes) // 6))
        sheet.print_title_cols = "A:B"
    # Members may widen columns and rows to read; nothing else but the input cells changes.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _row_entries(spec: PacketSpec, tool_id: int) -> list[Entry]:
    return [spec.entries.get((tool_id, o.id), EMPTY) for o in spec.outcomes]


def _intro(sheet: Worksheet, spec: PacketSpec, last: str, *, rationale: bool) -> None:
    title = "Why you scored so" if rationale else "Scoring packet"
    heading = f"{title}: {spec.member}, {spec.district}, made {spec.made_on}"
    cells.put_text(sheet["B1"], heading).font = cells.TITLE_FONT
    if rationale:
        text = (
            "Write why you gave each score, in the cell for the same tool and outcome as on the "
            "Scores sheet (Scores!D14 is explained here in D14). Only the yellow cells can be "
            "changed."
        )
    else:
        text = (
            "Score each tool (row) on each outcome (column): pick a level from the list in the "
            f"yellow cell, or {ABSTAIN} if you can't judge it. A blank cell is left as it is. "
            "Reasons go on the Rationale sheet. Send the file back as it is."
        )
    intro = cells.put_text(sheet["B2"], text)
    intro.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(f"B2:{last}2")
    sheet.row_dimensions[2].height = 32


def _legend(sheet: Worksheet, rubric: tuple[RubricLevel, ...], last: str) -> None:
    lines = [(f"{level.value}  {level.label}", level.description) for level in reversed(rubric)]
    lines.append(
        (f"{ABSTAIN}  Can't judge", "Recorded as an abstention: not a zero, not in the average.")
    )
    for row, (level, meaning) in enumerate(lines, start=LEGEND_ROW):
        cells.put_text(sheet.cell(row, TOOL_COL), level).font = Font(bold=True)
        cells.put_text(sheet.cell(row, FIRST_OUTCOME_COL), meaning)
        sheet.merge_cells(f"C{row}:{last}{row}")


def _outcome_headers(sheet: Worksheet, spec: PacketSpec, ids_row: int) -> None:
    challenge_row, outcome_row, metric_row = ids_row + 1, ids_row + 2, ids_row + 3
    cells.header_row(sheet, challenge_row, ("Challenge",), column=TOOL_COL)
    cells.header_row(sheet, outcome_row, ("Tool \\ Outcome",), column=TOOL_COL)
    label = cells.put_text(sheet.cell(metric_row, TOOL_COL), "What it measures")
    label.font, label.alignment = METRIC_FONT, cells.WRAP
    start = FIRST_OUTCOME_COL
    for column, outcome in enumerate(spec.outcomes, start=FIRST_OUTCOME_COL):
        cells.put_value(sheet.cell(ids_row, column), outcome.id)
        cells.header_row(sheet, outcome_row, (outcome.name,), column=column)
        cells.header_row(sheet, challenge_row, (outcome.challenge,), column=column)
        sheet.cell(challenge_row, column).fill = CHALLENGE_FILL
        sheet.cell(challenge_row, column).font = Font(bold=True)
        metric = cells.put_text(sheet.cell(metric_row, column), outcome.metric)
        metric.font = METRIC_FONT
        metric.alignment = cells.WRAP
        ends_group = column == _last_col(spec) or (
            spec.outcomes[column - FIRST_OUTCOME_COL + 1].challenge != outcome.challenge
        )
        if ends_group:
            if column > start:
                sheet.merge_cells(
                    start_row=challenge_row,
                    start_column=start,
                    end_row=challenge_row,
                    end_column=column,
                )
            start = column + 1
    longest = max((len(o.name) for o in spec.outcomes), default=0)
    sheet.row_dimensions[challenge_row].height = 30
    sheet.row_dimensions[outcome_row].height = 14 * min(6, max(2, -(-longest // 10)))
    wordiest = max((len(o.metric) for o in spec.outcomes), default=0)
    sheet.row_dimensions[metric_row].height = 12 * min(5, max(1, -(-wordiest // 14)))


def _validation(sheet: Worksheet, rubric: tuple[RubricLevel, ...], area: str) -> None:
    values = [str(level.value) for level in rubric]
    choices = ",".join([*values, ABSTAIN])
    legend = " · ".join(f"{level.value} {level.label}" for level in rubric)
    rule = DataValidation(
        type="list",
        formula1=f'"{choices}"',
        allow_blank=True,
        showDropDown=False,
        showErrorMessage=True,
        errorTitle="Not on the rubric",
        error=f"Pick {', '.join(values)} or {ABSTAIN} (can't judge), or leave the cell blank.",
        promptTitle="Score",
        prompt=f"{legend} · {ABSTAIN} can't judge"[:255],
        showInputMessage=True,
    )
    rule.add(area)
    sheet.add_data_validation(rule)


def _ids_sheet(sheet: Worksheet, spec: PacketSpec) -> None:
    sheet.sheet_state = "veryHidden"
    values = (
        PACKET_FORMAT,
        spec.project_id,
        spec.member_id,
        spec.version,
        spec.made_on,
        outcome_id_row(spec.rubric),
        " ".join(str(tool.id) for tool in spec.tools),
        " ".join(str(outcome.id) for outcome in spec.outcomes),
    )
    for row, (key, value) in enumerate(zip(ID_KEYS, values, strict=True), start=1):
        cells.write_row(sheet, row, (key, value))
    cells.write_row(
        sheet, ENTRIES_ROW, ("tool id", "outcome id", "value", "abstained", "rationale")
    )
    listed = sorted(
        ((key, entry) for key, entry in spec.entries.items() if not entry.empty),
        key=lambda pair: pair[0],
    )
    for row, ((tool_id, outcome_id), entry) in enumerate(listed, start=ENTRIES_ROW + 1):
        cells.write_row(sheet, row, (tool_id, outcome_id, _number(entry.value)))
        cells.put_value(sheet.cell(row, 4), 1 if entry.abstained else 0)
        cells.put_text(sheet.cell(row, 5), entry.rationale)
    sheet.protection.sheet = True
