"""Reliability suites: reduced counts by default, full counts with ALIGNER_FULL=1.

Each suite records its figures here; they are printed at the end of the run, so the full run's
numbers (kills survived, damaged files refused, save faults survived) can be quoted as measured.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

FULL = os.environ.get("ALIGNER_FULL") == "1"

#: suite -> figure -> value, filled in by the tests as they run.
FIGURES: dict[str, dict[str, object]] = {}


def _count(reduced: int, full: int) -> int:
    return full if FULL else reduced


def _record(suite: str, **figures: object) -> None:
    FIGURES.setdefault(suite, {}).update(figures)


@pytest.fixture
def rounds() -> Callable[[int, int], int]:
    """``rounds(reduced, full)``: how many rounds a suite runs in this run."""
    return _count


@pytest.fixture
def figures() -> Callable[..., None]:
    """``figures(suite, name=value, ...)``: report a measured figure at the end of the run."""
    return _record


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not FIGURES:
        return
    terminalreporter.section(f"reliability figures ({'full' if FULL else 'reduced'} run)")
    for suite, figures in FIGURES.items():
        shown = ", ".join(f"{name}: {value}" for name, value in figures.items())
        terminalreporter.write_line(f"{suite}: {shown}")


def _checks(database: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    connection = sqlite3.connect(database, isolation_level=None)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchall()
        foreign = connection.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        connection.close()
    return integrity, foreign


@pytest.fixture
def sqlite_checks() -> Callable[[Path], tuple[list[tuple[object, ...]], list[tuple[object, ...]]]]:
    """``sqlite_checks(path)``: (integrity_check, foreign_key_check) rows, read through SQLite."""
    return _checks
