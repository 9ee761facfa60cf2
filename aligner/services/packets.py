"""Offline scoring: packets out to members, back in as one undoable merge with a report.

A returned cell is merged by comparing three values: what the store held when the packet was
made (kept hidden in the packet), what the member typed, and what the store holds now.
- The member left a cell as it was: nothing to do, even if the store moved meanwhile.
- The member changed it and the store still holds the packet's original: the change is taken.
- The member changed it and someone changed the store too, to something else: a conflict,
  kept as the store has it unless the user chooses the packet's side.
So importing the same packet twice changes nothing the second time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from aligner.domain.errors import FileRejectedError
from aligner.domain.model import District, Score
from aligner.exchange.packet_reading import ReturnedCell, ReturnedPacket, read_packet
from aligner.exchange.packets import (
    EMPTY,
    Entry,
    PacketOutcome,
    PacketSpec,
    PacketTool,
    write_packet,
)
from aligner.services.commands import Batch, Command
from aligner.services.edits import SetScore
from aligner.services.project import Project
from aligner.storage import audit, repositories

Progress = Callable[[int, int], None]


class Resolution(StrEnum):
    """Which side wins a conflict: the store (the default) or the packet."""

    STORE = "store"
    PACKET = "packet"


@dataclass(frozen=True, slots=True)
class CellNote:
    """One cell the report mentions, in the committee's words."""

    tool: str
    outcome: str
    place: str
    store: float | None = None
    packet: float | None = None
    note: str = ""

    def describe(self) -> str:
        return f"{self.tool} / {self.outcome} ({self.place})" + (
            f": {self.note}" if self.note else ""
        )


@dataclass(slots=True)
class PacketReport:
    """What one packet did (or why it was refused)."""

    path: Path
    member: str = ""
    added: list[CellNote] = field(default_factory=list)
    changed: list[CellNote] = field(default_factory=list)
    left_alone: int = 0
    conflicts: list[CellNote] = field(default_factory=list)
    rejected: list[CellNote] = field(default_factory=list)
    refused: str = ""

    def lines(self) -> list[str]:
        if self.refused:
            return [f"{self.path.name}: refused - {self.refused}"]
        out = [
            f"{self.path.name} ({self.member}): {len(self.added)} added, "
            f"{len(self.changed)} changed, {self.left_alone} left alone, "
            f"{len(self.conflicts)} conflicts, {len(self.rejected)} rejected"
        ]
        out += [f"  conflict: {note.describe()}" for note in self.conflicts]
        out += [f"  rejected: {note.describe()}" for note in self.rejected]
        return out


@dataclass(slots=True)
class ImportReport:
    packets: list[PacketReport]
    applied: bool = False

    @property
    def conflicts(self) -> int:
        return sum(len(p.conflicts) for p in self.packets)

    def lines(self) -> list[str]:
        return [line for packet in self.packets for line in packet.lines()]


def project_id(project: Project) -> str:
    with project.reading() as connection:
        return audit.first_hash(connection)


def _safe_name(text: str) -> str:
    return re.sub(r"[^\w\- ]+", "", text).strip()[:60]


def make_packets(project: Project, folder: Path, *, progress: Progress | None = None) -> list[Path]:
    """Write one packet per member into ``folder``; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    with project.reading() as connection:
        district = repositories.district(connection)
        challenges = {c.id: c.title for c in repositories.challenges(connection)}
        outcomes = repositories.outcomes(connection)
        tools = repositories.tools(connection)
        members = repositories.members(connection)
        recused = repositories.recusals(connection)
        scores = repositories.scores(connection)
        version = audit.head(connection)[0]
        identity = audit.first_hash(connection)
    grid_outcomes = tuple(
        PacketOutcome(o.id, o.name, challenges.get(o.challenge_id, ""), o.metric) for o in outcomes
    )
    made_on = datetime.now(UTC).date().isoformat()
    written: list[Path] = []
    for index, member in enumerate(members):
        listed = tuple(PacketTool(t.id, t.name) for t in tools if (member.id, t.id) not in recused)
        shown = {tool.id for tool in listed}
        own: dict[tuple[int, int], Entry] = {
            (s.tool_id, s.outcome_id): Entry(s.value, s.abstained, s.rationale)
            for s in scores
            if s.member_id == member.id and s.tool_id in shown
        }
        spec = PacketSpec(
            identity,
            district.name,
            member.id,
            member.name,
            version,
            made_on,
            district.rubric,
            listed,
            grid_outcomes,
            own,
        )
        target = folder / f"{_safe_name(member.name) or 'member'} {member.id} - scoring packet.xlsx"
        write_packet(spec, target)
        written.append(target)
        if progress:
            progress(index + 1, len(members))
    return written


@dataclass(frozen=True, slots=True)
class _Store:
    district: District
    identity: str
    members: dict[int, str]
    tools: dict[int, str]
    outcomes: dict[int, str]
    recused: set[tuple[int, int]]
    scores: dict[tuple[int, int, int], Score]


def _load_store(project: Project) -> _Store:
    with project.reading() as c:
        return _Store(
            repositories.district(c),
            audit.first_hash(c),
            {m.id: m.name for m in repositories.members(c)},
            {t.id: t.name for t in repositories.tools(c)},
            {o.id: o.name for o in repositories.outcomes(c)},
            {(m, t) for m, t in repositories.recusals(c)},
            {(s.member_id, s.tool_id, s.outcome_id): s for s in repositories.scores(c)},
        )


def import_packets(
    project: Project,
    paths: Sequence[Path],
    *,
    resolution: Resolution = Resolution.STORE,
    progress: Progress | None = None,
) -> ImportReport:
    """Validate every packet, then merge all accepted cells in one transaction."""
    report, command = plan_packet_import(project, paths, resolution=resolution, progress=progress)
    if command is not None:
        project.execute(command)
        report.applied = True
    return report


def plan_packet_import(
    project: Project,
    paths: Sequence[Path],
    *,
    resolution: Resolution = Resolution.STORE,
    progress: Progress | None = None,
) -> tuple[ImportReport, Command | None]:
    """Validate every packet and return the report and the one undoable merge (or None).

    Nothing is written; the desktop app pushes the command on its undo stack.
    """
    store = _load_store(project)
    reports: list[PacketReport] = []
    commands: list[Command] = []
    seen_members: dict[int, Path] = {}
    for index, path in enumerate(paths):
        report = PacketReport(Path(path))
        reports.append(report)
        try:
            packet = read_packet(Path(path))
        except FileRejectedError as exc:
            report.refused = exc.message
        else:
            report.refused = _check_packet(packet, store, seen_members)
            if not report.refused:
                report.member = store.members[packet.member_id]
                seen_members[packet.member_id] = packet.path
                commands += _merge(packet, store, report, resolution)
        if progress:
            progress(index + 1, len(paths))
    if not commands:
        return ImportReport(reports), None
    names = ", ".join(r.member for r in reports if r.member)
    return ImportReport(reports), Batch(tuple(commands), f"Import scoring packets ({names})")


def _check_packet(packet: ReturnedPacket, store: _Store, seen: dict[int, Path]) -> str:
    if packet.project_id != store.identity:
        return (
            "it was made for another project or a different copy of this one (sheet _packet, "
            "cell B2); import it into the project it came from"
        )
    if packet.member_id not in store.members:
        return (
            f"its member (id {packet.member_id}, sheet _packet, cell B3) is not on the committee "
            "of this project; "
            "make a new packet"
        )
    if packet.member_id in seen:
        return (
            f"it is a second packet for {store.members[packet.member_id]} in this import "
            f"(the first is {seen[packet.member_id].name}); import one at a time"
        )
    return ""


def _merge(
    packet: ReturnedPacket, store: _Store, report: PacketReport, resolution: Resolution
) -> list[Command]:
    commands: list[Command] = []
    levels = {level.value for level in store.district.rubric}
    allowed = ", ".join(str(v) for v in sorted(levels))
    for cell in packet.cells:
        tool = store.tools.get(cell.tool_id)
        outcome = store.outcomes.get(cell.outcome_id)
        note = CellNote(
            tool or f"tool {cell.tool_id}", outcome or f"outcome {cell.outcome_id}", cell.place
        )
        value = cell.entry.value
        problem = cell.problem
        if not problem and (tool is None or outcome is None):
            problem = "the tool or outcome was deleted from the project since the packet was made"
        elif not problem and (packet.member_id, cell.tool_id) in store.recused:
            problem = "the member is now recused from this tool"
        elif not problem and value is not None and value not in levels:
            problem = f"{value:g} is not on the rubric; use one of {allowed} or n/a"
        if problem:
            report.rejected.append(replace(note, packet=value, note=problem))
            continue
        command = _merge_cell(packet.member_id, cell, store, note, report, resolution)
        if command is not None:
            commands.append(command)
    return commands


def _score_of(entry: Entry) -> tuple[float | None, bool]:
    return entry.value, entry.abstained


def _merge_cell(
    member_id: int,
    cell: ReturnedCell,
    store: _Store,
    note: CellNote,
    report: PacketReport,
    resolution: Resolution,
) -> Command | None:
    current = store.scores.get((member_id, cell.tool_id, cell.outcome_id))
    now = EMPTY if current is None else Entry(current.value, current.abstained, current.rationale)
    typed, original = cell.entry, cell.original
    # A blank score cell leaves the store alone: "can't judge" is n/a, never a blank.
    score_edit = _score_of(typed) != (None, False) and _score_of(typed) != _score_of(original)
    text_edit = typed.rationale != original.rationale
    if not score_edit and not text_edit:
        report.left_alone += 1
        return None
    clash = (score_edit and _score_of(now) not in (_score_of(typed), _score_of(original))) or (
        text_edit and now.rationale not in (typed.rationale, original.rationale)
    )
    note = replace(note, store=now.value, packet=typed.value, note=_abstention(typed, now))
    if clash and resolution is Resolution.STORE:
        report.conflicts.append(
            replace(note, note="changed in the project after the packet was made; kept the project")
        )
        return None
    if clash:
        note = replace(note, note="changed in the project too; took the packet's value as asked")
    value, abstained = _score_of(typed) if score_edit else _score_of(now)
    text = typed.rationale if text_edit else now.rationale
    if value is None and not abstained:
        report.rejected.append(replace(note, note="a rationale needs a score; pick a score or n/a"))
        return None
    if (value, abstained, text) == (now.value, now.abstained, now.rationale):
        report.left_alone += 1
        return None
    (report.added if current is None else report.changed).append(note)
    return SetScore(
        member_id, cell.tool_id, cell.outcome_id, value, abstained=abstained, rationale=text
    )


def _abstention(typed: Entry, now: Entry) -> str:
    if typed.abstained and not now.abstained:
        return "n/a: recorded as an abstention"
    return ""
