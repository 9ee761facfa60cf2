"""Inventory files: the template, and reading challenges, outcomes and tools from .xlsx or .csv.

This module reads cells and checks the file's shape (sheets, headers, formulas, size); what
each value must be is checked by the services with the same field rules the app's forms use
(aligner/services/fields.py), so a value is accepted or refused the same way everywhere.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from aligner.domain.enums import Category, Direction, ToolStatus
from aligner.exchange import cells
from aligner.exchange.guard import (
    DEFAULT_LIMITS,
    CellValue,
    Formula,
    Limits,
    column_letter,
    reject,
)
from aligner.exchange.isolated import parse_workbook


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    field: str
    expected: str
    required: bool = False


def _options(values: Sequence[str]) -> str:
    return "one of " + ", ".join(values)


SHEETS: dict[str, tuple[str, tuple[Column, ...]]] = {
    "Challenges": (
        "challenge",
        (
            Column("Title", "title", "text, up to 200 characters, unique in the file", True),
            Column("Category", "category", _options([c.value for c in Category]), True),
            Column("Weight", "weight", "a number, 0 or more (default 1)"),
            Column("Priority", "priority", "a whole number from 1 to 5 (default 3)"),
            Column("Description", "description", "text"),
            Column("Evidence", "evidence", "text"),
            Column("Owner", "owner", "text"),
        ),
    ),
    "Outcomes": (
        "outcome",
        (
            Column(
                "Challenge",
                "challenge",
                "the title of a challenge in this file or already in the project",
                True,
            ),
            Column("Outcome", "name", "text, up to 200 characters", True),
            Column("Metric", "metric", "text"),
            Column("Unit", "unit", "text, up to 60 characters"),
            Column("Baseline", "baseline", "a number, or blank"),
            Column("Target", "target", "a number, or blank"),
            Column("Direction", "direction", _options([d.value for d in Direction])),
            Column("Weight", "weight", "a number, 0 or more (default 1)"),
        ),
    ),
    "Tools": (
        "tool",
        (
            Column("Tool", "name", "text, unique in the file and the project", True),
            Column("Vendor", "vendor", "text"),
            Column("Purpose", "purpose", "text"),
            Column("Annual cost", "annual_cost", "a number of dollars, or blank"),
            Column("Cost per student", "cost_per_student", "a number of dollars, or blank"),
            Column("Students served", "students_served", "a whole number, or blank"),
            Column("Status", "status", _options([s.value for s in ToolStatus])),
            Column("Owner", "owner", "text"),
            Column("Next review", "next_review", "a date (YYYY-MM-DD), or blank"),
        ),
    ),
}
#: Enumerations a person may type in words ("Student achievement") rather than as codes.
_WORDED = {"category", "direction", "status"}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in an inventory file, with where it is and what was expected."""

    sheet: str
    row: int
    column: str
    header: str
    problem: str
    expected: str = ""

    def describe(self, file: str) -> str:
        where = f"{file}, sheet {self.sheet}"
        if self.row:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column} ({self.header})"
        tail = f"; expected {self.expected}" if self.expected else ""
        return f"{where}: {self.problem}{tail}"


@dataclass(frozen=True, slots=True)
class RawRow:
    """One record as typed: field -> value, and field -> column letter for messages."""

    sheet: str
    row: int
    values: dict[str, object]
    letters: dict[str, str]


@dataclass(slots=True)
class RawInventory:
    rows: dict[str, list[RawRow]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def normalise_header(text: object) -> str:
    return unicodedata.normalize("NFC", str(text or "")).strip().rstrip("*").strip().casefold()


def words_to_code(value: object) -> object:
    """ "Under review" -> "under_review"; anything else as it was."""
    if isinstance(value, str):
        return value.strip().lower().replace(" ", "_").replace("-", "_")
    return value


# --- template ----------------------------------------------------------------------------------


def write_template(target: Path) -> None:
    workbook = cells.new_workbook()
    about = workbook.active
    assert about is not None
    about.title = "About"
    cells.put_text(about["A1"], "Aligner inventory template").font = cells.TITLE_FONT
    cells.put_text(
        about["A2"],
        "Fill the Challenges, Outcomes and Tools sheets (leave any of them empty), one record "
        "per row below the headers, then import with File > Import inventory or "
        "'aligner import PROJECT FILE'. Nothing is imported unless every row is valid.",
    ).alignment = cells.WRAP
    about.merge_cells("A2:D2")
    about.row_dimensions[2].height = 45
    cells.header_row(about, 4, ("Sheet", "Column", "Required", "Expected"))
    row = 5
    for sheet_name, (_, columns) in SHEETS.items():
        sheet = workbook.create_sheet(sheet_name)
        cells.header_row(sheet, 1, [c.header for c in columns])
        cells.set_widths(sheet, [max(14, len(c.header) + 4) for c in columns])
        sheet.freeze_panes = "A2"
        for index, column in enumerate(columns, start=1):
            cells.write_row(
                about,
                row,
                (sheet_name, column.header, "yes" if column.required else "", column.expected),
            )
            row += 1
            if column.field in _WORDED:
                _dropdown(sheet, index, column)
    cells.set_widths(about, (14, 18, 10, 70))
    for r in range(5, row):
        about.cell(r, 2).font = Font(bold=True)
    cells.save_atomically(workbook, target)


def _dropdown(sheet: Worksheet, index: int, column: Column) -> None:
    options = column.expected.removeprefix("one of ").replace(" ", "")
    rule = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True)
    letter = column_letter(index)
    rule.add(f"{letter}2:{letter}1000")
    sheet.add_data_validation(rule)


# --- reading -----------------------------------------------------------------------------------


def read_inventory(path: Path, limits: Limits = DEFAULT_LIMITS) -> RawInventory:
    """Read every record of an .xlsx or .csv inventory; shape problems are collected, not raised.

    Raises FileRejectedError only when the file cannot be read at all.
    """
    if path.suffix.lower() == ".csv":
        return _read_csv(path, limits)
    result = RawInventory()
    parsed = parse_workbook(path, SHEETS, limits)
    by_name = {normalise_header(name): name for name in parsed.sheetnames}
    found = [name for name in SHEETS if name.casefold() in by_name]
    if not found:
        raise reject(
            path,
            "sheets " + ", ".join(parsed.sheetnames[:5]),
            "none is named Challenges, Outcomes or Tools",
            "Start from the template (aligner template OUT.xlsx)",
        )
    for name in found:
        _read_rows(name, parsed.rows.get(by_name[name.casefold()], []), result)
    return result


def _read_csv(path: Path, limits: Limits) -> RawInventory:
    try:
        if path.stat().st_size > limits.max_bytes:
            raise reject(path, "", "is too large", "Split the file")
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise reject(path, "", "is not UTF-8 text", "Save it as CSV UTF-8") from None
    except OSError as exc:
        raise reject(path, "", f"cannot be read ({exc.strerror})", "Check the file") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        rows: list[tuple[CellValue, ...]] = [
            tuple(cell if cell != "" else None for cell in row)
            for _, row in zip(range(limits.max_rows + 2), reader, strict=False)
        ]
    except csv.Error as exc:
        raise reject(path, "", f"is not valid CSV ({exc})", "Save it again as CSV") from None
    if len(rows) > limits.max_rows + 1:
        raise reject(path, f"row {len(rows)}", f"more than {limits.max_rows} rows", "Split it")
    headers = {normalise_header(h) for h in (rows[0] if rows else ())}
    for name, (_, columns) in SHEETS.items():
        if all(normalise_header(c.header) in headers for c in columns if c.required):
            result = RawInventory()
            _read_rows(name, rows, result)
            return result
    raise reject(
        path,
        "row 1",
        "the headers match none of the Challenges, Outcomes or Tools lists",
        "Use the template's headers, e.g. Title, Category for challenges",
    )


def _read_rows(sheet: str, rows: list[tuple[CellValue, ...]], result: RawInventory) -> None:
    _, columns = SHEETS[sheet]
    header = rows[0] if rows else ()
    positions: dict[str, int] = {}
    known = {normalise_header(c.header): c for c in columns}
    for index, text in enumerate(header):
        key = normalise_header(text)
        if not key:
            continue
        if key not in known:
            result.problems.append(
                Problem(
                    sheet,
                    1,
                    column_letter(index + 1),
                    str(text),
                    "is not a column of this sheet",
                    ", ".join(c.header for c in columns),
                )
            )
        elif known[key].field in positions:
            result.problems.append(
                Problem(sheet, 1, column_letter(index + 1), str(text), "appears twice")
            )
        else:
            positions[known[key].field] = index
    for column in columns:
        if column.required and column.field not in positions:
            result.problems.append(
                Problem(sheet, 1, "", column.header, f"the column {column.header} is missing")
            )
    records = result.rows.setdefault(sheet, [])
    for number, row in enumerate(rows[1:], start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        values: dict[str, object] = {}
        letters: dict[str, str] = {}
        for name, index in positions.items():
            value = row[index] if index < len(row) else None
            letters[name] = column_letter(index + 1)
            if isinstance(value, Formula):
                header_text = next(c.header for c in columns if c.field == name)
                result.problems.append(
                    Problem(
                        sheet,
                        number,
                        letters[name],
                        header_text,
                        "holds a formula",
                        "a typed value (paste values only)",
                    )
                )
            if isinstance(value, datetime):
                value = value.date()
            if isinstance(value, date):
                value = value.isoformat()
            values[name] = value
        records.append(RawRow(sheet, number, values, letters))
