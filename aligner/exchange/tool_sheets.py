"""Scorecard sheets beyond the summary: one per tool, members' scores, and the charts."""

from __future__ import annotations

import io
import re
from copy import copy

from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.styles import Font, NamedStyle
from openpyxl.styles.fonts import DEFAULT_FONT
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from aligner.exchange import cells
from aligner.exchange.scorecard_data import ScorecardData, ToolCard

_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


def sheet_title(base: str, taken: set[str]) -> str:
    """A legal, unique sheet name (at most 31 characters, none of []:*?/\\)."""
    clean = _BAD_TITLE.sub(" ", base).strip().strip("'") or "Sheet"
    candidate, n = clean[:31], 2
    while candidate.casefold() in taken or candidate.casefold() == "history":
        suffix = f" ({n})"
        candidate = clean[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(candidate.casefold())
    return candidate


def _image(png: bytes, width: int) -> Image:
    image = Image(io.BytesIO(png))
    scale = width / image.width
    image.width, image.height = width, int(image.height * scale)
    return image


#: Members sheet columns that hold text from users (the rest are numbers or "yes").
TEXT_COLUMNS = (1, 2, 3, 6)


def add_member_sheet(workbook: Workbook, data: ScorecardData) -> None:
    sheet = workbook.create_sheet("Members")
    columns = ("Member", "Tool", "Outcome", "Score", "Abstained", "Rationale")
    cells.header_row(sheet, 1, columns)
    # The longest list in the workbook (members x tools x outcomes): rows are appended whole,
    # and only the few cells whose text a spreadsheet would evaluate are rewritten as text.
    for r, score in enumerate(data.member_scores, start=2):
        texts = (score.member, score.tool, score.outcome, score.rationale)
        careful = [
            (column, text)
            for column, text in zip(TEXT_COLUMNS, texts, strict=True)
            if text and (cells.is_trigger(text) or not text.isprintable())
        ]
        # Blank cells stay unwritten (None), not empty strings: on this sheet that is two
        # cells in three of every row that the file need not carry.
        row = [*texts[:3], score.value, "yes" if score.abstained else None, score.rationale or None]
        for column, _ in careful:
            row[column - 1] = None
        sheet.append(row)
        for column, text in careful:
            cells.put_text(sheet.cell(r, column), text)
    cells.add_table(sheet, "MemberScores", 1, 1 + max(len(data.member_scores), 1), len(columns))
    cells.set_widths(sheet, (24, 28, 34, 8, 11, 80))
    sheet.freeze_panes = "A2"
    cells.print_ready(sheet, header_rows="1:1", district=data.district, day=data.made_on)


TEXT_LOOK, CONSENSUS_LOOK, SPREAD_LOOK = "Scorecard text", "Scorecard consensus", "Scorecard spread"
#: The look of each column of a tool's outcome table.
LINE_LOOKS = (TEXT_LOOK, TEXT_LOOK, CONSENSUS_LOOK, SPREAD_LOOK, TEXT_LOOK, TEXT_LOOK)


def _add_looks(workbook: Workbook) -> None:
    for name, number_format in (
        (TEXT_LOOK, "General"),
        (CONSENSUS_LOOK, "0.00"),
        (SPREAD_LOOK, "0.0"),
    ):
        if name not in workbook.named_styles:
            look = NamedStyle(
                name=name,
                font=copy(DEFAULT_FONT),
                alignment=copy(cells.WRAP),
                number_format=number_format,
                hidden=True,
            )
            workbook.add_named_style(look)


def add_tool_sheets(workbook: Workbook, data: ScorecardData, totals: dict[int, str]) -> None:
    _add_looks(workbook)
    taken = {name.casefold() for name in workbook.sheetnames} | {"charts"}
    for position, tool in enumerate(data.tools, start=1):
        sheet = workbook.create_sheet(sheet_title(f"{position} {tool.name}", taken))
        _tool_sheet(sheet, data, tool, totals.get(tool.id), position)


def _tool_sheet(
    sheet: Worksheet, data: ScorecardData, tool: ToolCard, total: str | None, position: int
) -> None:
    cells.put_text(sheet["A1"], tool.name).font = cells.TITLE_FONT
    facts: list[tuple[str, object]] = [
        ("Vendor", tool.vendor),
        ("Purpose", tool.purpose),
        ("Lifecycle", tool.lifecycle),
        ("Ranking status", tool.status),
        ("Rank", tool.rank),
        ("Coverage", tool.coverage),
    ]
    for r, (label, value) in enumerate(facts, start=2):
        cells.put_text(sheet.cell(r, 1), label).font = Font(bold=True)
        cells.put_value(sheet.cell(r, 2), value)
    sheet.cell(7, 2).number_format = "0%"
    cells.put_text(sheet.cell(8, 1), "Total (0-100)").font = Font(bold=True)
    if total is not None:
        cells.put_formula(sheet.cell(8, 2), f"={total}").number_format = "0.0"
    if tool.blocked_reasons:
        cells.put_text(sheet.cell(9, 1), "Blocked because").font = Font(bold=True)
        cells.put_text(sheet.cell(9, 2), "; ".join(tool.blocked_reasons)).alignment = cells.WRAP
    head = 23 if tool.radar_png else 11  # the radar chart sits above the table
    columns = ("Challenge", "Outcome", "Consensus", "Spread", "Raters", "Rationales")
    cells.header_row(sheet, head, columns)
    for r, line in enumerate(tool.lines, start=head + 1):
        # Multi-line rationales: every cell of the row top-aligned. The looks are named styles,
        # so each cell copies a style record instead of openpyxl hashing a style per cell.
        for column, look in enumerate(LINE_LOOKS, start=1):
            sheet.cell(r, column).style = look
        cells.write_row(
            sheet, r, (line.challenge, line.outcome, line.consensus, line.spread, line.raters)
        )
        cells.put_text(sheet.cell(r, 6), line.rationales)
        sheet.row_dimensions[r].height = 15 * cells.text_lines(line.rationales, 60)
    last = head + max(len(tool.lines), 1)
    cells.add_table(sheet, f"Scorecard{position}", head, last, len(columns))
    row = last + 2
    cells.put_text(sheet.cell(row, 1), "Privacy summary").font = Font(bold=True)
    if not tool.privacy:
        cells.put_text(sheet.cell(row + 1, 1), "No privacy answers recorded yet.")
    for r, (label, value) in enumerate(tool.privacy, start=row + 1):
        cells.put_text(sheet.cell(r, 1), label)
        cells.put_text(sheet.cell(r, 2), value).alignment = cells.WRAP
        sheet.row_dimensions[r].height = 15 * cells.text_lines(value, 34)
    if tool.radar_png:
        # Beside the facts, above the outcome table: readable when printed one page wide.
        sheet.add_image(_image(tool.radar_png, 380), "D1")
    cells.set_widths(sheet, (30, 34, 11, 9, 8, 60))
    sheet.freeze_panes = f"A{head + 1}"
    cells.print_ready(sheet, header_rows=f"{head}:{head}", district=data.district, day=data.made_on)


def add_chart_sheet(workbook: Workbook, data: ScorecardData) -> None:
    sheet = workbook.create_sheet("Charts")
    cells.put_text(sheet["A1"], "Charts").font = cells.TITLE_FONT
    if not data.charts:
        cells.put_text(sheet["A2"], "No charts were available for this export.")
    row = 3
    for title, png in data.charts:
        if row > 3:
            sheet.row_breaks.append(Break(id=row - 1))  # one chart per printed page
        cells.put_text(sheet.cell(row, 1), title).font = Font(bold=True)
        image = _image(png, 720)
        sheet.add_image(image, f"A{row + 1}")
        row += 3 + int(image.height / 20)
    cells.print_ready(sheet, header_rows=None, district=data.district, day=data.made_on)
