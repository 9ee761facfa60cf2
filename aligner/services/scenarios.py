"""Named sets of weights ("equity focus", "cost focus"): save, switch to, compare.

A scenario stores the raw challenge and outcome weights by id, the same numbers the committee
types on the Outcomes & weights page. Switching writes them back as the project's weights in one
undoable step; comparing ranks the tools under each scenario without touching the store.
Challenges or outcomes added after a scenario was saved keep their current weight under it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Connection, select

from aligner.compute.hierarchy import global_weights
from aligner.compute.pipeline import EvaluationData, evaluate
from aligner.domain.errors import AlignerError, ValidationError
from aligner.services.commands import Applied, Batch, Command, DeleteRows, InsertRows, UpdateRow
from aligner.services.project import Project
from aligner.storage import rows
from aligner.storage.tables import ChallengeRow, OutcomeRow, ScenarioRow, table_of

FloatArray = NDArray[np.float64]
NAME_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Scenario:
    """A named set of raw weights, by challenge id and by outcome id."""

    id: int
    name: str
    challenge_weights: Mapping[int, float]
    outcome_weights: Mapping[int, float]

    def arrays(self, data: EvaluationData) -> tuple[FloatArray, FloatArray]:
        """Raw (challenge, outcome) weights aligned with ``data``; missing ids keep data's."""
        challenges = np.array(
            [
                self.challenge_weights.get(cid, float(w))
                for cid, w in zip(data.challenge_ids, data.challenge_weights, strict=True)
            ],
            dtype=np.float64,
        )
        outcomes = np.array(
            [
                self.outcome_weights.get(oid, float(w))
                for oid, w in zip(data.outcome_ids, data.outcome_weights, strict=True)
            ],
            dtype=np.float64,
        )
        return challenges, outcomes


def _encode(challenges: Mapping[int, float], outcomes: Mapping[int, float]) -> str:
    return json.dumps(
        {
            "challenges": {str(k): float(v) for k, v in sorted(challenges.items())},
            "outcomes": {str(k): float(v) for k, v in sorted(outcomes.items())},
        },
        sort_keys=True,
    )


def _decode(row_id: int, name: str, text: str) -> Scenario:
    raw: Any = json.loads(text)
    return Scenario(
        id=row_id,
        name=name,
        challenge_weights={int(k): float(v) for k, v in raw.get("challenges", {}).items()},
        outcome_weights={int(k): float(v) for k, v in raw.get("outcomes", {}).items()},
    )


def list_scenarios(project: Project) -> list[Scenario]:
    """Every saved scenario, in the order they were made."""
    table = table_of(ScenarioRow)
    with project.reading() as connection:
        found = connection.execute(
            select(table.c.id, table.c.name, table.c.weights).order_by(table.c.id)
        ).all()
    return [_decode(row[0], row[1], row[2]) for row in found]


def active_scenario(
    data: EvaluationData, weights: FloatArray, scenarios: Sequence[Scenario]
) -> Scenario | None:
    """The scenario (latest saved first) whose global weights are ``weights``, if any.

    Compared as global weights, so a scenario saved as 2:1 is active under 4:2 as well.
    """
    for scenario in reversed(scenarios):
        challenges, outcomes = scenario.arrays(data)
        if challenges.sum() <= 0 or outcomes.sum() <= 0:
            continue
        try:
            theirs = global_weights(challenges, outcomes, data.outcome_challenge)
        except AlignerError:
            continue  # a scenario the hierarchy refuses (e.g. a challenge all at zero)
        if np.allclose(theirs, weights, atol=1e-9):
            return scenario
    return None


def weights_by_id(
    data: EvaluationData, challenges: FloatArray, outcomes: FloatArray
) -> tuple[dict[int, float], dict[int, float]]:
    """Raw weight arrays aligned with ``data`` as {id: weight} maps, for a scenario."""
    return (
        {cid: float(w) for cid, w in zip(data.challenge_ids, challenges, strict=True)},
        {oid: float(w) for oid, w in zip(data.outcome_ids, outcomes, strict=True)},
    )


def _checked(name: str, weights: Mapping[int, float], what: str) -> str:
    cleaned = name.strip()
    if not cleaned:
        raise ValidationError("Scenario name", "must not be empty")
    if len(cleaned) > NAME_LIMIT:
        raise ValidationError("Scenario name", f"is {len(cleaned)} characters; at most 200")
    for key, value in weights.items():
        if not math.isfinite(value) or value < 0:
            raise ValidationError(f"Scenario {what} weight {key}", "must be a number >= 0")
    return cleaned


@dataclass(frozen=True, slots=True)
class SaveScenario:
    """Save weights under a name; an existing scenario of that name is overwritten."""

    name: str
    challenge_weights: Mapping[int, float]
    outcome_weights: Mapping[int, float]

    @property
    def description(self) -> str:
        return f"Save scenario {self.name.strip()}"

    def apply(self, connection: Connection) -> Applied:
        name = _checked(self.name, self.challenge_weights, "challenge")
        _checked(name, self.outcome_weights, "outcome")
        encoded = _encode(self.challenge_weights, self.outcome_weights)
        table = table_of(ScenarioRow)
        existing = connection.execute(select(table.c.id).where(table.c.name == name)).first()
        command: Command
        if existing is None:
            command = InsertRows(
                (rows.pack("scenario", {"name": name, "weights": encoded}),), self.description
            )
        else:
            command = UpdateRow(
                "scenario", (existing[0],), (("weights", encoded),), self.description
            )
        return command.apply(connection)


def save_scenario(
    name: str, challenge_weights: Mapping[int, float], outcome_weights: Mapping[int, float]
) -> SaveScenario:
    return SaveScenario(name, dict(challenge_weights), dict(outcome_weights))


def delete_scenario(scenario: Scenario) -> DeleteRows:
    return DeleteRows((("scenario", (scenario.id,)),), f"Delete scenario {scenario.name}")


@dataclass(frozen=True, slots=True)
class SwitchToScenario:
    """Make a scenario's weights the project's weights (only those that differ are written)."""

    scenario: Scenario

    @property
    def description(self) -> str:
        return f"Switch to scenario {self.scenario.name}"

    def apply(self, connection: Connection) -> Applied:
        updates: list[Command] = []
        for row_class, wanted in (
            (ChallengeRow, self.scenario.challenge_weights),
            (OutcomeRow, self.scenario.outcome_weights),
        ):
            table = table_of(row_class)
            for row_id, weight in connection.execute(select(table.c.id, table.c.weight)):
                if row_id in wanted and not math.isclose(wanted[row_id], weight):
                    updates.append(
                        UpdateRow(
                            table.name, (row_id,), (("weight", wanted[row_id]),), self.description
                        )
                    )
        return Batch(tuple(updates), self.description).apply(connection)


def switch_to_scenario(scenario: Scenario) -> SwitchToScenario:
    return SwitchToScenario(scenario)


@dataclass(frozen=True, slots=True)
class ComparedTool:
    """One tool's rank under each compared scenario (None: not ranked there)."""

    tool_id: int
    name: str
    ranks: tuple[int | None, ...]
    scores: tuple[float | None, ...]

    def moves(self) -> tuple[int | None, ...]:
        """Places gained (+) or lost (-) under each scenario against the first one."""
        base = self.ranks[0]
        return tuple(None if base is None or rank is None else base - rank for rank in self.ranks)


@dataclass(frozen=True, slots=True)
class Comparison:
    names: tuple[str, ...]
    tools: tuple[ComparedTool, ...]


def compare_scenarios(data: EvaluationData, scenarios: Sequence[Scenario]) -> Comparison:
    """Rank the tools under each scenario; tools ordered by their rank under the first."""
    ranks, totals = [], []
    for scenario in scenarios:
        challenges, outcomes = scenario.arrays(data)
        evaluation = evaluate(
            data,
            weights_override=global_weights(challenges, outcomes, data.outcome_challenge),
        )
        ranks.append(evaluation.ranks)
        totals.append(evaluation.totals)
    tools = []
    for index, tool_id in enumerate(data.tool_ids):
        tools.append(
            ComparedTool(
                tool_id=tool_id,
                name=data.tool_names[index],
                ranks=tuple(int(r[index]) or None for r in ranks),
                scores=tuple(None if math.isnan(t[index]) else float(t[index]) for t in totals),
            )
        )
    big = len(data.tool_ids) + 1
    tools.sort(key=lambda t: (t.ranks[0] or big, t.name) if t.ranks else (big, t.name))
    return Comparison(tuple(s.name for s in scenarios), tuple(tools))
