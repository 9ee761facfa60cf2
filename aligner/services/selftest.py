"""`aligner --self-test`: prove an installed Aligner works on this machine, offline.

It runs the whole path a committee uses on a throw-away project in a temporary folder: create
(which runs the bundled migrations), write, save, reopen, read, rank, draw a chart, export the
scorecard workbook and scoring packets, verify the audit chain and the file's integrity. Any
socket other than a local one is refused for the duration, so a run that passes also proves
nothing reached for the network.
The user's own data folder is never touched.
"""

from __future__ import annotations

import contextlib
import os
import socket
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from aligner.charts.png import figure_to_png
from aligner.charts.ranking import ranking_chart
from aligner.domain.errors import AlignerError
from aligner.services import edits
from aligner.services.packets import make_packets
from aligner.services.project import Project
from aligner.services.ranking import ranking_from
from aligner.services.sample import write_sample
from aligner.services.scorecard import export_scorecard
from aligner.storage.working_copies import DATA_DIR_ENV

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
XLSX_MAGIC = b"PK\x03\x04"


class NetworkUsedError(AlignerError):
    """Something in the self-test tried to open a network socket."""


@dataclass(frozen=True, slots=True)
class Step:
    """One checked step of the self-test."""

    name: str
    passed: bool
    detail: str


@contextlib.contextmanager
def _no_network() -> Iterator[None]:
    """Refuse every socket but AF_UNIX while the self-test runs."""
    real = socket.socket

    class Guarded(real):  # type: ignore[misc, valid-type]  # subclassing the runtime class
        def __init__(self, family: Any = -1, *args: Any, **kwargs: Any) -> None:
            if family in (-1, socket.AF_INET, socket.AF_INET6):
                raise NetworkUsedError(f"a network socket was requested (family {family})")
            super().__init__(family, *args, **kwargs)

    socket.socket = Guarded  # type: ignore[misc]  # restored below
    try:
        yield
    finally:
        socket.socket = real  # type: ignore[misc]


@contextlib.contextmanager
def _private_data_dir(folder: Path) -> Iterator[None]:
    old = os.environ.get(DATA_DIR_ENV)
    os.environ[DATA_DIR_ENV] = str(folder)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(DATA_DIR_ENV, None)
        else:
            os.environ[DATA_DIR_ENV] = old


class _Run:
    """The steps, in order, over one throw-away project in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / "self-test.aligner"
        self._project: Project | None = None

    @property
    def project(self) -> Project:
        if self._project is None:
            raise AlignerError("the project is not open")
        return self._project

    def steps(self) -> list[tuple[str, Callable[[], str]]]:
        return [
            ("create", self.create),
            ("write", self.write),
            ("read", self.read),
            ("rank", self.rank),
            ("chart", self.chart),
            ("export", self.export),
            ("audit", self.audit),
        ]

    def create(self) -> str:
        write_sample(self.path)
        return f"sample district written and saved ({self.path.stat().st_size} bytes)"

    def write(self) -> str:
        project = Project.open(self.path)
        try:
            project.execute(edits.add("member", name="Self-test member", role="Check"))
            project.save()
        finally:
            project.close()
        self._project = Project.open(self.path)
        return "member added, saved and the project reopened"

    def read(self) -> str:
        if "Self-test member" not in {m.name for m in self.project.members()}:
            raise AlignerError("the saved member is missing after reopening")
        counts = self.project.counts()
        return f"{counts.tools} tools, {counts.outcomes} outcomes, {counts.scores} scores"

    def rank(self) -> str:
        ranking = ranking_from(self.project.evaluation())
        if not ranking.tools:
            raise AlignerError("the ranking is empty")
        return f"{len(ranking.tools)} tools ranked, first: {ranking.tools[0].name}"

    def chart(self) -> str:
        png = figure_to_png(ranking_chart(self.project.evaluation()))
        if not png.startswith(PNG_MAGIC):
            raise AlignerError("the ranking chart is not a PNG")
        return f"ranking chart drawn ({len(png)} bytes of PNG)"

    def export(self) -> str:
        scorecard = self.folder / "scorecard.xlsx"
        export_scorecard(self.project, scorecard)
        book = load_workbook(scorecard, read_only=True)
        try:
            sheets = len(book.sheetnames)
        finally:
            book.close()
        packets = make_packets(self.project, self.folder / "packets")
        if not packets or not all(p.read_bytes().startswith(XLSX_MAGIC) for p in packets):
            raise AlignerError("no scoring packet was written")
        return f"scorecard workbook ({sheets} sheets) and {len(packets)} scoring packets written"

    def audit(self) -> str:
        broken = self.project.audit_chain_broken_at()
        if broken is not None:
            raise AlignerError(f"audit chain broken at event {broken}")
        integrity = self.project.integrity()
        if integrity != "ok":
            raise AlignerError(f"integrity check: {integrity}")
        return f"audit trail verified ({self.project.counts().audit_events} events), integrity ok"

    def close(self) -> None:
        if self._project is not None:
            self._project.close()
            self._project = None


def run_self_test() -> list[Step]:
    """Run every step in order, stopping at the first failure; return what happened."""
    results: list[Step] = []
    with (
        tempfile.TemporaryDirectory(prefix="aligner-self-test-") as temp,
        _private_data_dir(Path(temp) / "data"),
        _no_network(),
    ):
        run = _Run(Path(temp))
        try:
            for name, step in run.steps():
                try:
                    results.append(Step(name, True, step()))
                except Exception as exc:  # a self-test reports every failure, whatever it is
                    results.append(Step(name, False, f"{type(exc).__name__}: {exc}"))
                    break
        finally:
            run.close()
    return results
