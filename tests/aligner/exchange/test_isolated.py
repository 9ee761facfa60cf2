"""Untrusted workbooks are parsed in a child process that a hang cannot outlive (R3.7, T3.5)."""

from __future__ import annotations

import os
import signal
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from aligner.domain.errors import FileRejectedError
from aligner.exchange.guard import DEFAULT_LIMITS
from aligner.exchange.inventory import write_template
from aligner.exchange.isolated import MEMORY_CAP, parse_workbook, reader_pid


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "inventory.xlsx"
    write_template(path)
    return path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child that its parent has not reaped yet is a zombie: gone for our purposes.
    return Path(f"/proc/{pid}/stat").read_text(encoding="ascii").split()[2] != "Z"


def test_parse_runs_in_another_process_and_reads_the_sheets(workbook: Path) -> None:
    parsed = parse_workbook(workbook, ("tools",), DEFAULT_LIMITS)
    assert "Tools" in parsed.sheetnames
    assert set(parsed.rows) == {"Tools"}  # only what was asked for crosses over
    assert parsed.rows["Tools"][0][0] == "Tool"
    pid = reader_pid()
    assert pid is not None and pid != os.getpid()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_reader_has_a_memory_cap(workbook: Path) -> None:
    parse_workbook(workbook, (), DEFAULT_LIMITS)
    limits = Path(f"/proc/{reader_pid()}/limits").read_text(encoding="ascii").splitlines()
    line = next(x for x in limits if x.startswith("Max address space"))
    assert line.split()[3] == str(MEMORY_CAP)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SIGSTOP and /proc")
def test_a_reader_that_hangs_is_killed_and_replaced(workbook: Path) -> None:
    parse_workbook(workbook, (), DEFAULT_LIMITS)
    stuck = reader_pid()
    assert stuck is not None
    os.kill(stuck, signal.SIGSTOP)  # the child stops answering, as a pathological parse would
    started = time.monotonic()
    with pytest.raises(FileRejectedError) as caught:
        parse_workbook(workbook, ("tools",), replace(DEFAULT_LIMITS, seconds=0.5))
    assert time.monotonic() - started < 20
    assert "took longer than 0.5 s to read" in caught.value.message
    assert workbook.name in caught.value.message
    assert not _alive(stuck)
    # The next file gets a fresh reader.
    assert "Tools" in parse_workbook(workbook, ("tools",), DEFAULT_LIMITS).rows
    assert reader_pid() not in (None, stuck)


def test_container_problems_are_caught_before_any_child_parses(tmp_path: Path) -> None:
    bad = tmp_path / "notes.xlsx"
    bad.write_bytes(b"just text")
    with pytest.raises(FileRejectedError, match=r"is not an \.xlsx workbook"):
        parse_workbook(bad, ("tools",), DEFAULT_LIMITS)


def test_formulas_are_found_whether_or_not_the_fast_path_is_taken(tmp_path: Path) -> None:
    from aligner.exchange import cells
    from aligner.exchange.guard import Formula, has_formulas

    book = cells.new_workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tools"
    cells.put_text(sheet["A1"], "=looks like a formula, typed as text")
    plain = tmp_path / "plain.xlsx"
    cells.save_atomically(book, plain)
    cells.put_formula(sheet["A2"], "=1+2")
    formula = tmp_path / "formula.xlsx"
    cells.save_atomically(book, formula)

    assert not has_formulas(plain)
    rows = parse_workbook(plain, ("tools",), DEFAULT_LIMITS).rows["Tools"]
    assert rows[0][0] == "=looks like a formula, typed as text"
    assert has_formulas(formula)
    rows = parse_workbook(formula, ("tools",), DEFAULT_LIMITS).rows["Tools"]
    assert rows[0][0] == "=looks like a formula, typed as text"
    assert rows[1][0] == Formula("=1+2")
