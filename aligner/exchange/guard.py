"""The gate every incoming workbook passes before and while openpyxl reads it (R3.5-R3.8).

An .xlsx file is a ZIP of XML parts, so a hostile one can be a decompression bomb, an XML
entity bomb, a macro carrier or simply huge. The container is checked first (size, entries,
declared sizes and ratios, encryption, required parts, macros), every part is then inflated
with a running byte cap (which also catches headers that lie about their sizes, through the
CRC check), and only then does openpyxl parse it, read-only, with defusedxml in force, under a
row/column cap and a deadline, in a child process that is killed if it overruns
(exchange/isolated.py). Any failure is one FileRejectedError naming the file and the
place, and saying what to do.
"""

from __future__ import annotations

import re
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aligner.domain.errors import FileRejectedError

ZIP_MAGIC = b"PK\x03\x04"
#: Compound File Binary: legacy .xls and password-protected (encrypted) .xlsx files.
CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
#: Below this inflated size a high compression ratio cannot hurt, so it is not held against
#: a file (a sheet of empty styled cells compresses very well).
RATIO_FLOOR_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class Limits:
    """How much an incoming workbook may ask of the machine."""

    max_bytes: int = 20 * 1024 * 1024
    max_entries: int = 2000
    max_inflated: int = 200 * 1024 * 1024
    max_ratio: float = 100.0
    max_rows: int = 5000
    max_columns: int = 50
    seconds: float = 30.0


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class Formula:
    """A cell that held a formula; its text is kept only to say which formula it was."""

    text: str


CellValue = str | int | float | bool | None | Formula | object


def reject(path: Path, place: str, problem: str, remedy: str) -> FileRejectedError:
    """One plain message: which file, where in it, what is wrong, what to do."""
    where = f"{path.name}, {place}" if place else path.name
    return FileRejectedError(f"{where}: {problem}. {remedy}", file=str(path), place=place)


def check_defusedxml() -> None:
    """Refuse to parse workbooks unless openpyxl uses defusedxml (R3.5)."""
    try:
        import defusedxml  # noqa: F401  (presence is the check)
        from openpyxl import xml as openpyxl_xml
    except ImportError:  # pragma: no cover - a broken installation
        raise FileRejectedError(
            "Importing workbooks is switched off: the defusedxml package is missing. "
            "Reinstall Aligner."
        ) from None
    if not getattr(openpyxl_xml, "DEFUSEDXML", False):  # pragma: no cover
        raise FileRejectedError(
            "Importing workbooks is switched off: openpyxl is not using defusedxml. "
            "Reinstall Aligner."
        )


def preflight(path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
    """Check the container of ``path`` before any XML in it is parsed."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise reject(path, "", f"cannot be read ({exc.strerror})", "Check the file name") from None
    if size > limits.max_bytes:
        raise reject(
            path,
            "",
            f"is {size / 1e6:.1f} MB, over the {limits.max_bytes / 1e6:.0f} MB limit",
            "Split it or remove pictures and unused sheets",
        )
    if head.startswith(CFB_MAGIC):
        raise reject(
            path,
            "",
            "is a legacy .xls file or a password-protected workbook",
            "Save it as .xlsx without a password",
        )
    if not head.startswith(ZIP_MAGIC):
        raise reject(path, "", "is not an .xlsx workbook", "Save it from Excel as .xlsx")
    try:
        with zipfile.ZipFile(path) as archive:
            _check_entries(path, archive.infolist(), limits)
            _inflate_all(path, archive, limits)
    except zipfile.BadZipFile as exc:
        raise reject(
            path, "", f"is damaged or truncated ({exc})", "Save or copy the workbook again"
        ) from None
    except (OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise reject(
            path, "", f"cannot be unpacked ({exc})", "Save or copy the workbook again"
        ) from None


def _check_entries(path: Path, entries: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(entries) > limits.max_entries:
        raise reject(
            path,
            "zip container",
            f"holds {len(entries)} parts, over the limit of {limits.max_entries}",
            "Save a plain workbook without embedded objects",
        )
    names = {entry.filename for entry in entries}
    for part in REQUIRED_PARTS:
        if part not in names:
            raise reject(
                path, f"part {part}", "is missing, so this is not a workbook", "Save it as .xlsx"
            )
    declared = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise reject(
                path,
                f"part {entry.filename}",
                "is encrypted",
                "Save the workbook without a password",
            )
        if entry.filename.lower().endswith("vbaproject.bin"):
            raise reject(
                path,
                f"part {entry.filename}",
                "contains macros",
                "Save it as a macro-free .xlsx workbook",
            )
        declared += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > RATIO_FLOOR_BYTES and ratio > limits.max_ratio:
            raise reject(
                path,
                f"part {entry.filename}",
                f"inflates {ratio:.0f} times (a zip bomb?)",
                "Use a workbook saved by Excel or LibreOffice",
            )
    if declared > limits.max_inflated:
        raise reject(
            path,
            "zip container",
            f"unpacks to {declared / 1e6:.0f} MB, over the {limits.max_inflated / 1e6:.0f} MB "
            "limit",
            "Split the workbook",
        )


#: A formula element in a worksheet part, with or without a namespace prefix.
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def has_formulas(path: Path) -> bool:
    """Whether any worksheet of an already pre-flighted workbook holds a formula element."""
    overlap = 16  # a tag split across two chunks is still seen
    with zipfile.ZipFile(path) as archive:
        for entry in archive.infolist():
            if not entry.filename.startswith("xl/worksheets/"):
                continue
            tail = b""
            with archive.open(entry) as stream:
                while chunk := stream.read(1 << 20):
                    if _FORMULA.search(tail + chunk):
                        return True
                    tail = chunk[-overlap:]
    return False


def _inflate_all(path: Path, archive: zipfile.ZipFile, limits: Limits) -> None:
    """Inflate every part with a running cap: declared sizes can lie, the bytes cannot."""
    total = 0
    for entry in archive.infolist():
        with archive.open(entry) as stream:
            while chunk := stream.read(1 << 16):
                total += len(chunk)
                if total > limits.max_inflated:
                    raise reject(
                        path,
                        f"part {entry.filename}",
                        "unpacks to more than its header says (a zip bomb?)",
                        "Use a workbook saved by Excel or LibreOffice",
                    )


class Deadline:
    """A time limit checked while parsing; openpyxl reads lazily, row by row."""

    def __init__(self, path: Path, seconds: float) -> None:
        self._path = path
        self._seconds = seconds
        self._end = time.monotonic() + seconds

    def check(self, place: str) -> None:
        if time.monotonic() > self._end:
            raise reject(
                self._path,
                place,
                f"took longer than {self._seconds:g} s to read",
                "Remove unused rows and columns, or split the workbook",
            )


@contextmanager
def open_workbook(
    path: Path, limits: Limits = DEFAULT_LIMITS, *, preflighted: bool = False
) -> Iterator[Any]:
    """Pre-flight ``path`` (unless the caller did), then yield an openpyxl read-only workbook
    (formulas kept as such)."""
    check_defusedxml()
    if not preflighted:
        preflight(path, limits)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds; each means "not readable"
        raise _parse_failure(path, "workbook", exc) from None
    try:
        yield workbook
    finally:
        workbook.close()


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: BaseException | None = exc
    for _ in range(10):  # openpyxl wraps the parser's error in its own ValueError
        if seen is None:
            return
        yield seen
        seen = seen.__cause__ or seen.__context__


def _parse_failure(path: Path, place: str, exc: Exception) -> FileRejectedError:
    kind = type(exc).__name__
    unsafe = {"EntitiesForbidden", "DTDForbidden", "ExternalReferenceForbidden"}
    if any(type(cause).__name__ in unsafe for cause in _causes(exc)):
        return reject(
            path,
            place,
            "contains unsafe XML (entity or external references)",
            "Save a fresh copy from Excel or LibreOffice",
        )
    return reject(
        path, place, f"cannot be read as a workbook ({kind})", "Save it again from Excel as .xlsx"
    )


def sheet_rows(
    path: Path,
    workbook: Any,
    sheet: str,
    limits: Limits,
    deadline: Deadline,
    *,
    formulas: bool = True,
) -> list[tuple[CellValue, ...]]:
    """Read up to ``limits.max_rows`` rows of one sheet; formulas come back as Formula.

    ``formulas=False`` (the caller knows the workbook holds none) reads plain values, twice
    as fast. More rows than the cap with content is an error, not a silent truncation.
    """
    worksheet = workbook[sheet]
    rows: list[tuple[CellValue, ...]] = []
    columns = limits.max_columns + 1
    source: Iterator[tuple[Any, ...]] = (
        worksheet.iter_rows(max_col=columns)
        if formulas
        else worksheet.iter_rows(max_col=columns, values_only=True)
    )
    try:
        for index, row in enumerate(source, start=1):
            deadline.check(f"sheet {sheet}, row {index}")
            values = tuple(_cell_value(cell) for cell in row) if formulas else row
            if index > limits.max_rows:
                if any(v not in (None, "") for v in values):
                    raise reject(
                        path,
                        f"sheet {sheet}, row {index}",
                        f"the sheet has more than {limits.max_rows} rows",
                        "Remove unused rows or split the file",
                    )
                continue
            if len(values) > limits.max_columns and values[limits.max_columns] not in (None, ""):
                raise reject(
                    path,
                    f"sheet {sheet}, row {index}",
                    f"the sheet has more than {limits.max_columns} columns",
                    "Remove the extra columns",
                )
            rows.append(values[: limits.max_columns])
            if index > limits.max_rows + 1000:
                break  # many blank rows after the cap: nothing more will be read
    except FileRejectedError:
        raise
    except Exception as exc:
        raise _parse_failure(path, f"sheet {sheet}", exc) from None
    return rows


def _cell_value(cell: Any) -> CellValue:
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "f":
        return Formula(str(value))
    return value


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA (openpyxl's helper, without importing it in callers)."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)
