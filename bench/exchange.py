"""Exchange benchmarks: the floor is plain openpyxl writing or reading the very same cells."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import openpyxl

from aligner.exchange.scorecard import write_scorecard
from aligner.services.packets import import_packets, make_packets
from aligner.services.project import Project
from aligner.services.scorecard import scorecard_data

Timer = Callable[..., float]


def _cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(path)
    return {ws.title: [tuple(c.value for c in row) for row in ws.iter_rows()] for ws in book}


def bench_scorecard(project: Project, folder: Path, timed: Timer) -> tuple[float, float]:
    """Gather + write the scorecard (charts off: they are matplotlib's time, not ours)."""
    target = folder / "scorecard.xlsx"

    def export() -> None:
        write_scorecard(scorecard_data(project, charts=False), target)

    export()
    sheets = _cells(target)

    def raw_write() -> None:
        book = openpyxl.Workbook()
        book.remove(book.active)  # type: ignore[arg-type]  # a new workbook always has one
        for title, rows in sheets.items():
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
        book.save(io.BytesIO())

    return timed(export, 2), timed(raw_write, 2)


def bench_packets(project: Project, folder: Path, timed: Timer) -> tuple[float, float]:
    """Validate and merge 15 returned packets (nothing to change) vs reading their cells."""
    packets = make_packets(project, folder / "packets")

    def read_import() -> None:
        import_packets(project, packets)

    def raw_read() -> None:
        for path in packets:
            book = openpyxl.load_workbook(path, read_only=True)
            for sheet in book.worksheets:
                for _ in sheet.iter_rows(values_only=True):
                    pass
            book.close()

    return timed(read_import, 2), timed(raw_read, 2)
