"""The scorecard workbook: the committee's ranking as a file that leaves the room.

The Summary's totals are live formulas over the Scores and Weights sheets, written to follow
the pipeline's convention exactly (compute/pipeline.py weighted_totals): a tool's total uses
only the outcomes it has a score for, their global weights rescaled to sum to 1:

    total = 100 x (SUMPRODUCT(score, w) / SUMPRODUCT(ISNUMBER(score) x w) - lowest) / span

so after recalculation in a spreadsheet the totals equal the app's, and a reader who changes
a weight sees them move. openpyxl stores formulas without cached values; spreadsheets compute
them on open.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from aligner.exchange import cells
from aligner.exchange.scorecard_data import ScorecardData, ToolCard
from aligner.exchange.tool_sheets import add_chart_sheet, add_member_sheet, add_tool_sheets

SUMMARY, WEIGHTS, SCORES = "Summary", "Weights", "Scores"
#: Rubric bounds live in these Weights cells; every total formula refers to them.
LOWEST, HIGHEST = "Weights!$B$2", "Weights!$D$2"
SCORES_FIRST_ROW = 3


def write_scorecard(data: ScorecardData, target: Path) -> None:
    workbook = cells.new_workbook()
    summary = workbook.active
    assert isinstance(summary, Worksheet)
    summary.title = SUMMARY
    weights = workbook.create_sheet(WEIGHTS)
    scores = workbook.create_sheet(SCORES)
    weight_refs = _weights_sheet(weights, data)
    score_rows = _scores_sheet(scores, data, weight_refs)
    total_cells = _summary_sheet(summary, data, score_rows)
    add_member_sheet(workbook, data)
    add_tool_sheets(workbook, data, total_cells)
    add_chart_sheet(workbook, data)
    cells.save_atomically(workbook, target)


def _number_or_blank(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)


def _weights_sheet(sheet: Worksheet, data: ScorecardData) -> list[str]:
    """Write the weights; return the cell holding each outcome's global weight formula."""
    cells.put_text(sheet["A1"], "Weights").font = cells.TITLE_FONT
    cells.write_row(
        sheet, 2, ("Rubric lowest", data.rubric_low, "Rubric highest", data.rubric_high)
    )
    top = 4
    cells.header_row(
        sheet,
        top,
        ("Challenge id", "Challenge", "Weight", "Outcomes", "Weight in use", "Share"),
    )
    c_first, c_last = top + 1, top + max(len(data.challenges), 1)
    o_head = c_last + 3
    o_first, o_last = o_head + 1, o_head + max(len(data.outcomes), 1)
    in_use = f"$E${c_first}:$E${c_last}"
    for offset, challenge in enumerate(data.challenges):
        r = c_first + offset
        cells.write_row(sheet, r, (challenge.id, challenge.title, challenge.weight))
        cells.put_formula(sheet.cell(r, 4), f"=COUNTIF($A${o_first}:$A${o_last},A{r})")
        cells.put_formula(sheet.cell(r, 5), f"=IF(D{r}>0,C{r},0)")
        cells.put_formula(sheet.cell(r, 6), f"=IF(SUM({in_use})>0,E{r}/SUM({in_use}),0)")
        sheet.cell(r, 6).number_format = "0.0%"
    cells.add_table(sheet, "ChallengeWeights", top, c_last, 6)
    cells.header_row(
        sheet,
        o_head,
        ("Challenge id", "Challenge", "Outcome", "Weight", "Share in challenge", "Global weight"),
    )
    refs = []
    ids, within = f"$A${o_first}:$A${o_last}", f"$D${o_first}:$D${o_last}"
    for offset, outcome in enumerate(data.outcomes):
        r = o_first + offset
        cells.write_row(sheet, r, (outcome.challenge_id, outcome.challenge, outcome.name))
        cells.put_value(sheet.cell(r, 4), outcome.weight)
        same = f"SUMIF({ids},A{r},{within})"
        cells.put_formula(sheet.cell(r, 5), f"=IF({same}>0,D{r}/{same},0)")
        cells.put_formula(
            sheet.cell(r, 6),
            f"=INDEX($F${c_first}:$F${c_last},MATCH(A{r},$A${c_first}:$A${c_last},0))*E{r}",
        )
        for column in (5, 6):
            sheet.cell(r, column).number_format = "0.0%"
        refs.append(f"{WEIGHTS}!$F${r}")
    cells.add_table(sheet, "OutcomeWeights", o_head, o_last, 6)
    cells.set_widths(sheet, (13, 40, 36, 10, 14, 14))
    sheet.freeze_panes = "A5"
    cells.print_ready(sheet, header_rows=None, district=data.district, day=data.made_on)
    return refs


def _scores_sheet(sheet: Worksheet, data: ScorecardData, weight_refs: Sequence[str]) -> list[int]:
    """Consensus per tool x outcome under a row of global weights; return each tool's row."""
    put = cells.put_text(sheet["A1"], "Global weight (from Weights)")
    put.font = Font(italic=True)
    for offset, ref in enumerate(weight_refs):
        cell = cells.put_formula(sheet.cell(1, 2 + offset), f"={ref}")
        cell.number_format = "0.0%"
    headers = cells.unique_headers(["Tool", *(o.name for o in data.outcomes)])
    cells.header_row(sheet, 2, headers)
    rows = []
    for offset, tool in enumerate(data.tools):
        r = SCORES_FIRST_ROW + offset
        cells.put_text(sheet.cell(r, 1), tool.name)
        for column, value in enumerate(tool.scores, start=2):
            cell = cells.put_value(sheet.cell(r, column), _number_or_blank(value))
            cell.number_format = "0.00"
        rows.append(r)
    last = SCORES_FIRST_ROW + max(len(data.tools), 1) - 1
    cells.add_table(sheet, "ConsensusScores", 2, last, len(headers))
    cells.set_widths(sheet, (30, *([14] * len(data.outcomes))))
    for column in range(2, len(headers) + 1):
        sheet.cell(2, column).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[2].height = 60
    sheet.freeze_panes = "B3"
    cells.print_ready(sheet, header_rows="1:2", district=data.district, day=data.made_on)
    return rows


def total_formula(row: int, outcomes: int) -> str:
    """The pipeline's total for the tool on Scores row ``row`` (blank when nothing is scored)."""
    if outcomes == 0:
        return '=""'
    last = get_column_letter(1 + outcomes)
    scores = f"{SCORES}!$B{row}:${last}{row}"
    weights = f"{SCORES}!$B$1:${last}$1"
    covered = f"SUMPRODUCT(ISNUMBER({scores})*{weights})"
    mean = f"SUMPRODUCT({scores},{weights})/{covered}"
    return f'=IF({covered}>0,100*({mean}-{LOWEST})/({HIGHEST}-{LOWEST}),"")'


RANKING_COLUMNS = (
    "Tool",
    "Rank",
    "Total (0-100)",
    "TOPSIS rank",
    "Coverage",
    "Cost per student",
    "Points per $1,000 per student",
    "Status",
)


def _summary_sheet(
    sheet: Worksheet, data: ScorecardData, score_rows: Sequence[int]
) -> dict[int, str]:
    """Write the Summary; return each tool's total cell (for the tool sheets to show)."""
    cells.put_text(sheet["A1"], f"AI tool scorecard: {data.district}").font = cells.TITLE_FONT
    cells.put_text(sheet["A2"], f"School year: {data.school_year}")
    cells.put_text(sheet["A3"], f"Exported: {data.made_on}")
    cells.put_text(sheet["A4"], f"Fingerprint (audit chain head): {data.fingerprint}")
    head = 6
    cells.header_row(sheet, head, RANKING_COLUMNS)
    eligible = [i for i, t in enumerate(data.tools) if t.status != "blocked"]
    first = head + 1
    last = head + max(len(eligible), 1)
    totals: dict[int, str] = {}
    for offset, index in enumerate(eligible):
        tool, r = data.tools[index], first + offset
        cells.put_text(sheet.cell(r, 1), tool.name)
        cells.put_formula(
            sheet.cell(r, 2), f'=IF(ISNUMBER(C{r}),RANK(C{r},$C${first}:$C${last}),"")'
        )
        cells.put_formula(sheet.cell(r, 3), total_formula(score_rows[index], len(data.outcomes)))
        sheet.cell(r, 3).number_format = "0.0"
        _tool_facts(sheet, r, tool)
        totals[tool.id] = f"{SUMMARY}!$C${r}"
    cells.add_table(sheet, "Ranking", head, last, len(RANKING_COLUMNS))
    row = _blocked(sheet, data, score_rows, last + 2, totals)
    cells.put_text(sheet.cell(row, 1), "How the ranking was made").font = Font(bold=True)
    for line in data.method_note:
        row += 1
        cells.put_text(sheet.cell(row, 1), line).alignment = cells.WRAP
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=8)
        sheet.row_dimensions[row].height = 15 * cells.text_lines(line, 125)
    cells.set_widths(sheet, (32, 7, 13, 12, 11, 15, 18, 12))
    sheet.freeze_panes = f"A{first}"
    cells.print_ready(sheet, header_rows=f"{head}:{head}", district=data.district, day=data.made_on)
    return totals


def _blocked(
    sheet: Worksheet,
    data: ScorecardData,
    score_rows: Sequence[int],
    row: int,
    totals: dict[int, str],
) -> int:
    """Blocked tools apart, with live totals and the reasons; return the next free row."""
    title = cells.put_text(sheet.cell(row, 1), "Blocked tools (listed apart, not ranked)")
    title.font = Font(bold=True)
    blocked = [i for i, t in enumerate(data.tools) if t.status == "blocked"]
    if not blocked:
        cells.put_text(sheet.cell(row + 1, 1), "None: every tool passed the privacy gate.")
        return row + 3
    cells.header_row(sheet, row + 1, ("Tool", "", "Total (0-100)", "Why it is blocked"))
    for column in range(5, 9):
        cells.header_row(sheet, row + 1, ("",), column=column)
    for offset, index in enumerate(blocked, start=row + 2):
        tool = data.tools[index]
        cells.put_text(sheet.cell(offset, 1), tool.name)
        cells.put_formula(
            sheet.cell(offset, 3), total_formula(score_rows[index], len(data.outcomes))
        )
        sheet.cell(offset, 3).number_format = "0.0"
        reasons = "; ".join(tool.blocked_reasons)
        cells.put_text(sheet.cell(offset, 4), reasons).alignment = cells.WRAP
        # Reasons are long; they span the columns to the right (so this list is not a table).
        sheet.merge_cells(start_row=offset, start_column=4, end_row=offset, end_column=8)
        sheet.row_dimensions[offset].height = 15 * cells.text_lines(reasons, 70)
        totals[tool.id] = f"{SUMMARY}!$C${offset}"
    return row + 3 + len(blocked)


def _tool_facts(sheet: Worksheet, row: int, tool: ToolCard) -> None:
    cells.put_value(sheet.cell(row, 4), tool.topsis_rank)
    cells.put_value(sheet.cell(row, 5), tool.coverage).number_format = "0%"
    cost = cells.put_value(sheet.cell(row, 6), _number_or_blank(tool.cost_per_student))
    cost.number_format = '"$"#,##0.00'
    effect = cells.put_value(sheet.cell(row, 7), _number_or_blank(tool.cost_effectiveness))
    effect.number_format = "0.0"
    cells.put_text(sheet.cell(row, 8), tool.status)
