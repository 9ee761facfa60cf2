"""Parse an untrusted workbook in a child process, with a time limit and a memory cap (R3.7).

The container checks (size, zip structure, inflation, macros, required parts, defusedxml) run
in this process first, in guard.preflight; only then does a child process, started with the
"spawn" method so it shares nothing with a GUI, let openpyxl parse the XML and send back the
rows of the sheets asked for. A parse that runs past the limit is killed, so a pathological
file can neither freeze the app nor exhaust its memory.

As with any "spawn" child, a script that calls this must guard its top level with
`if __name__ == "__main__":`; the app, the CLI and the bundle's launcher do.

One child serves every file read while it lives (starting Python and openpyxl costs far more
than reading a packet); it is started on first use, replaced after a kill, and ends with the
app. A lock serialises callers, since the app reads from a worker thread.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from aligner.domain.errors import FileRejectedError
from aligner.exchange.guard import (
    CellValue,
    Deadline,
    Limits,
    check_defusedxml,
    has_formulas,
    open_workbook,
    preflight,
    reject,
    sheet_rows,
)

#: The child's address-space cap where the OS has one (bytes); openpyxl needs far less.
MEMORY_CAP = 2 << 30
#: Starting the child (a fresh Python importing openpyxl) is not part of a file's time limit.
START_SECONDS = 120.0
#: Slack on top of the file's own limit for sending the rows back.
REPLY_SLACK = 2.0

Rows = list[tuple[CellValue, ...]]


@dataclass(frozen=True, slots=True)
class ParsedWorkbook:
    """The sheet names of a workbook and the rows of the sheets that were asked for."""

    sheetnames: tuple[str, ...]
    rows: dict[str, Rows]


def sheet_key(name: str) -> str:
    """How a sheet is matched to a wanted name: NFC, trimmed (also of a "*"), case-folded.

    Callers check the exact name they need among ``sheetnames``; this only decides what to read.
    """
    return unicodedata.normalize("NFC", name).strip().rstrip("*").strip().casefold()


def parse_workbook(path: Path, wanted: Iterable[str], limits: Limits) -> ParsedWorkbook:
    """Pre-flight ``path`` here, then parse the sheets matching ``wanted`` in the child."""
    check_defusedxml()
    preflight(path, limits)
    keys = frozenset(sheet_key(name) for name in wanted)
    with _LOCK:
        reply = _WORKER.ask((str(path), keys, limits), path, limits.seconds + REPLY_SLACK)
    if reply[0] == "ok":
        return ParsedWorkbook(reply[1], reply[2])
    raise FileRejectedError(reply[1], file=str(path), place=reply[2])


# --- the child ---------------------------------------------------------------------------------


def _cap_memory() -> None:
    try:
        import resource
    except ImportError:  # Windows: no rlimit; the time limit still holds
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _parse(path: Path, keys: frozenset[str], limits: Limits) -> tuple[Any, ...]:
    deadline = Deadline(path, limits.seconds)
    try:
        # Most returned files hold no formula at all; those are read as plain values, and
        # only a file with one pays for checking every cell's type.
        formulas = has_formulas(path)
        with open_workbook(path, limits, preflighted=True) as workbook:
            names = tuple(workbook.sheetnames)
            rows = {
                name: sheet_rows(path, workbook, name, limits, deadline, formulas=formulas)
                for name in names
                if sheet_key(name) in keys
            }
    except FileRejectedError as exc:
        return ("rejected", exc.message, str(exc.params.get("place", "")))
    except MemoryError:
        problem = reject(path, "workbook", "needs more memory than a workbook may", "Split it")
        return ("rejected", problem.message, "workbook")
    except Exception as exc:  # e.g. the file changed after its pre-flight; never kill the loop
        problem = reject(
            path, "workbook", f"cannot be read ({type(exc).__name__})", "Save it again as .xlsx"
        )
        return ("rejected", problem.message, "workbook")
    return ("ok", names, rows)


def serve(connection: Connection) -> None:
    """The child's loop: parse each file asked for, answer, wait for the next."""
    _cap_memory()
    connection.send(("ready",))
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        path, keys, limits = request
        connection.send(_parse(Path(path), keys, limits))


# --- the parent's side -------------------------------------------------------------------------


class _Worker:
    def __init__(self) -> None:
        self._process: Any = None
        self._connection: Connection | None = None

    def _start(self, path: Path) -> Connection:
        if self._connection is not None and self._process.is_alive():
            return self._connection
        self.stop()
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(target=serve, args=(theirs,), daemon=True, name="aligner-parse")
        process.start()
        theirs.close()
        try:
            started = ours.poll(START_SECONDS) and ours.recv() == ("ready",)
        except (EOFError, OSError):
            started = False  # e.g. a script that calls this without an `if __name__` guard
        if not started:
            process.kill()
            process.join(5)
            ours.close()
            raise reject(path, "", "could not be opened: the reader did not start", "Try again")
        self._process, self._connection = process, ours
        return ours

    def ask(self, request: tuple[Any, ...], path: Path, seconds: float) -> tuple[Any, ...]:
        connection = self._start(path)
        try:
            connection.send(request)
            if connection.poll(seconds):
                reply: tuple[Any, ...] = connection.recv()
                return reply
        except (EOFError, OSError):
            self.stop()
            raise reject(
                path,
                "workbook",
                "stopped the reader (it ran out of memory or crashed)",
                "Save a fresh copy from Excel or LibreOffice",
            ) from None
        self.stop()
        raise reject(
            path,
            "workbook",
            f"took longer than {seconds - REPLY_SLACK:g} s to read",
            "Remove unused rows and columns, or split the workbook",
        )

    def stop(self) -> None:
        if self._connection is not None:
            self._connection.close()
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join(5)
        self._process, self._connection = None, None

    @property
    def pid(self) -> int | None:
        return None if self._process is None else int(self._process.pid)


_WORKER = _Worker()
_LOCK = threading.Lock()
atexit.register(_WORKER.stop)


def reader_pid() -> int | None:
    """The child's process id while one runs (for tests that check a kill)."""
    return _WORKER.pid
