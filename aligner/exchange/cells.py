"""Writing cells and workbooks safely: user text never becomes a formula (R3.1-R3.4).

openpyxl stores any string starting with "=" as a formula, and spreadsheet apps also evaluate
cells starting with + - @ tab or CR. Every string from a user or vendor goes through put_text,
which pins the cell to text and marks a leading trigger with quotePrefix; formulas are written
only by put_formula, from text this code builds.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.header_footer import _HeaderFooterPart
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from aligner.config import APP_NAME

#: First characters that make a spreadsheet evaluate a cell (ASVS 1.2.10, CWE-1236, R3.1).
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20")
#: Excel's cell limit.
MAX_TEXT = 32767

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
TITLE_FONT = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")


def is_trigger(text: str) -> bool:
    return text.lstrip(" ").startswith(TRIGGERS) or text.startswith(TRIGGERS)


#: XML 1.0 cannot carry most control characters; openpyxl would refuse the whole file.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _clean(text: str) -> str:
    return _ILLEGAL.sub("\ufffd", text[:MAX_TEXT])


def _plain(cell: Cell | MergedCell) -> Cell:
    if not isinstance(cell, Cell):
        raise TypeError(f"cell {cell.coordinate} is covered by a merged range")
    return cell


def put_text(target: Cell | MergedCell, value: str) -> Cell:
    """Write user text as text, whatever it starts with."""
    cell = _plain(target)
    text = _clean(value)
    cell.value = text
    cell.data_type = "s"
    if is_trigger(text):
        cell.quotePrefix = True
    return cell


def put_value(target: Cell | MergedCell, value: Any) -> Cell:
    """Numbers stay numbers, None stays blank, anything else is text."""
    cell = _plain(target)
    if value is None or isinstance(value, bool | int | float):
        cell.value = value
        return cell
    return put_text(cell, str(value))


def put_formula(target: Cell | MergedCell, formula: str) -> Cell:
    """A formula this code built (never from user text)."""
    cell = _plain(target)
    if not formula.startswith("="):
        raise ValueError("formulas start with '='")
    cell.value = formula
    return cell


def write_row(sheet: Worksheet, row: int, values: Sequence[Any], *, column: int = 1) -> None:
    for offset, value in enumerate(values):
        put_value(sheet.cell(row=row, column=column + offset), value)


def text_lines(text: str, width: int) -> int:
    """Roughly how many lines ``text`` wraps to in a column ``width`` characters wide.

    Spreadsheets do not grow rows for wrapped text written by openpyxl, so rows are sized here.
    """
    return max(1, sum(max(1, -(-len(part) // width)) for part in text.split("\n")))


def header_row(sheet: Worksheet, row: int, names: Sequence[str], *, column: int = 1) -> None:
    for offset, name in enumerate(names):
        cell = put_text(sheet.cell(row=row, column=column + offset), name)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    if any(len(name) > 14 for name in names):
        sheet.row_dimensions[row].height = 30


def unique_headers(names: Sequence[str]) -> list[str]:
    """Table column names must be unique (case-insensitively) and not empty."""
    seen: set[str] = set()
    result = []
    for name in names:
        base = (name.strip() or "Untitled")[:200]
        candidate, n = base, 2
        while candidate.casefold() in seen:
            candidate = f"{base} ({n})"
            n += 1
        seen.add(candidate.casefold())
        result.append(candidate)
    return result


def add_table(sheet: Worksheet, name: str, first_row: int, last_row: int, columns: int) -> None:
    """Declare a defined table over a header row and its data (at least one data row)."""
    last = max(last_row, first_row + 1)
    ref = f"A{first_row}:{get_column_letter(columns)}{last}"
    table = Table(displayName=name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    sheet.add_table(table)


def set_widths(sheet: Worksheet, widths: Sequence[float], *, column: int = 1) -> None:
    for offset, width in enumerate(widths):
        sheet.column_dimensions[get_column_letter(column + offset)].width = width


def print_ready(sheet: Worksheet, *, header_rows: str | None, district: str, day: str) -> None:
    """Landscape, one page wide, repeated header rows, header/footer with page numbers."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.gridLines = False
    if header_rows:
        sheet.print_title_rows = header_rows
    # Header/footer codes treat & specially; user text is escaped by doubling it.
    header, footer = sheet.oddHeader, sheet.oddFooter
    assert header is not None and footer is not None  # openpyxl creates both with the sheet
    _part(header.left).text = district.replace("&", "&&")[:100]
    _part(header.right).text = day
    _part(footer.left).text = "&A"
    _part(footer.right).text = "Page &P of &N"


def _part(part: _HeaderFooterPart | None) -> _HeaderFooterPart:
    assert part is not None  # openpyxl creates the three parts with the header
    return part


def new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.properties.creator = APP_NAME
    workbook.properties.lastModifiedBy = APP_NAME
    workbook.properties.title = ""
    return workbook


def save_atomically(workbook: Workbook, target: Path) -> None:
    """Build in memory, write beside the target, fsync, rename over it (R3.4)."""
    workbook.properties.creator = APP_NAME
    workbook.properties.lastModifiedBy = APP_NAME
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_atomically(target, buffer.getvalue())


def write_atomically(target: Path, data: bytes) -> None:
    target = Path(target)
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    temp = Path(temp_name)
    try:
        # mkstemp makes the file private; give it the mode a plain new file would have.
        mask = os.umask(0)
        os.umask(mask)
        temp.chmod(0o666 & ~mask)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temp.replace(target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
