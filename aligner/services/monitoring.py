"""Monitoring adopted and piloted tools against the outcomes they were chosen for.

The plain status feeds the next review: "on track" when the latest measurement is better than
the baseline and not slipping (or has reached the target), "behind" when it is not, "no data"
when nothing has been measured yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection

from aligner.domain.enums import Direction, ToolStatus
from aligner.domain.errors import NotFoundError, ValidationError
from aligner.domain.governance import Measurement, MonitoringLine, Progress
from aligner.domain.model import Outcome, Tool
from aligner.services import edits
from aligner.services.commands import Applied, DeleteRows, InsertRows
from aligner.services.project import Project
from aligner.storage import governance_rows, repositories, rows

MONITORED = (ToolStatus.PILOTING, ToolStatus.ADOPTED, ToolStatus.UNDER_REVIEW)


@dataclass(frozen=True, slots=True)
class _Monitored:
    """Run ``command`` only if the tool is in use and the outcome still exists."""

    command: InsertRows
    tool_id: int
    outcome_id: int

    @property
    def description(self) -> str:
        return self.command.description

    def apply(self, connection: Connection) -> Applied:
        tool = rows.get_row(connection, "tool", (self.tool_id,))
        if tool is None:
            raise NotFoundError(f"tool {self.tool_id} no longer exists")
        if ToolStatus(tool["status"]) not in MONITORED:
            raise ValidationError(
                "Measurement tool",
                f"{tool['name']} is {tool['status']}; only piloted or adopted tools are monitored",
            )
        if rows.get_row(connection, "outcome", (self.outcome_id,)) is None:
            raise ValidationError(
                "Measurement outcome", f"outcome {self.outcome_id} does not exist"
            )
        return self.command.apply(connection)


def add_measurement(
    tool_id: int,
    outcome_id: int,
    measured_on: str | date | None,
    value: float | str | None,
    source: str = "",
) -> _Monitored:
    """Record one observed value of an outcome for a tool in use (undoable, audited)."""
    command = edits.add(
        "measurement",
        "Add measurement",
        tool_id=tool_id,
        outcome_id=outcome_id,
        measured_on=measured_on,
        value=value,
        source=source,
    )
    return _Monitored(command, tool_id, outcome_id)


def delete_measurement(measurement_id: int) -> DeleteRows:
    return edits.delete("measurement", measurement_id, "Delete measurement")


def measurements(project: Project, tool_id: int | None = None) -> list[Measurement]:
    with project.reading() as c:
        return governance_rows.measurements(c, tool_id)


def progress(
    values: list[float], baseline: float | None, target: float | None, higher: bool
) -> tuple[Progress, str]:
    """The plain status of a series of measurements, oldest first, and why."""
    if not values:
        return Progress.NO_DATA, "nothing measured yet"

    def better(a: float, b: float) -> bool:
        return a > b if higher else a < b

    latest = values[-1]
    previous = values[-2] if len(values) >= 2 else None
    slipping = previous is not None and better(previous, latest)
    if target is not None and not better(target, latest):
        return Progress.ON_TRACK, f"target {target:g} reached ({latest:g})"
    if baseline is None:
        return _trend_only(latest, previous, slipping)
    if slipping:
        return Progress.BEHIND, f"fell from {previous:g} to {latest:g} since the last check"
    if not better(latest, baseline):
        return Progress.BEHIND, f"{latest:g} is no better than the baseline {baseline:g}"
    return Progress.ON_TRACK, _share(latest, baseline, target)


def _share(latest: float, baseline: float, target: float | None) -> str:
    why = f"better than the baseline {baseline:g}"
    if target is not None and target != baseline:
        why = f"{(latest - baseline) / (target - baseline):.0%} of the way from baseline to target"
    return why


def _trend_only(latest: float, previous: float | None, slipping: bool) -> tuple[Progress, str]:
    """Without a baseline only the direction of travel can be judged."""
    if previous is None:
        return Progress.NO_DATA, "no baseline and only one measurement"
    if slipping:
        return Progress.BEHIND, f"fell from {previous:g} to {latest:g}"
    return Progress.ON_TRACK, f"moving the right way ({latest:g})"


def _line(tool: Tool, outcome: Outcome, series: list[Measurement]) -> MonitoringLine:
    higher = outcome.direction is Direction.HIGHER
    status, why = progress([m.value for m in series], outcome.baseline, outcome.target, higher)
    return MonitoringLine(
        tool_id=tool.id,
        tool_name=tool.name,
        outcome_id=outcome.id,
        outcome_name=outcome.name,
        unit=outcome.unit,
        baseline=outcome.baseline,
        target=outcome.target,
        higher_is_better=higher,
        points=tuple((m.measured_on, m.value) for m in series),
        progress=status,
        explanation=why,
    )


def monitoring(project: Project) -> list[MonitoringLine]:
    """One line per measured outcome of each tool in use; "no data" for a tool never measured."""
    with project.reading() as c:
        tools = [t for t in repositories.tools(c) if t.status in MONITORED]
        outcomes: dict[int, Outcome] = {o.id: o for o in repositories.outcomes(c)}
        measured = governance_rows.measurements(c)
    lines: list[MonitoringLine] = []
    for tool in tools:
        by_outcome: dict[int, list[Measurement]] = {}
        for m in measured:
            if m.tool_id == tool.id:
                by_outcome.setdefault(m.outcome_id, []).append(m)
        if not by_outcome:
            lines.append(
                MonitoringLine(
                    tool.id,
                    tool.name,
                    None,
                    "(no outcome measured)",
                    "",
                    None,
                    None,
                    True,
                    (),
                    Progress.NO_DATA,
                    "nothing measured yet",
                )
            )
        for outcome_id in sorted(by_outcome, key=lambda i: outcomes[i].name):
            lines.append(_line(tool, outcomes[outcome_id], by_outcome[outcome_id]))
    return lines
