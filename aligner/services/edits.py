"""Builders of the undoable commands a committee's edits become, with readable descriptions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from aligner.domain.errors import ValidationError
from aligner.domain.model import RubricLevel
from aligner.services.commands import (
    Applied,
    Batch,
    Command,
    DeleteRows,
    InsertRows,
    UpdateRow,
)
from aligner.services.fields import LABELS, clean
from aligner.storage import repositories, rows


def add(entity: str, description: str | None = None, **values: Any) -> InsertRows:
    """A command creating one challenge, outcome, tool or member."""
    cleaned = clean(entity, values, partial=False)
    title = cleaned.get("title") or cleaned.get("name")
    return InsertRows(
        (rows.pack(entity, cleaned),), description or f"Add {LABELS[entity].lower()} {title}"
    )


def update(entity: str, record_id: int, description: str | None = None, **values: Any) -> UpdateRow:
    """A command changing fields of one record."""
    cleaned = clean(entity, values, partial=True)
    if not cleaned:
        raise ValidationError(LABELS[entity], "nothing to change")
    fields = ", ".join(name.replace("_", " ") for name in cleaned)
    return UpdateRow(
        entity,
        (record_id,),
        tuple(sorted(cleaned.items())),
        description or f"Edit {LABELS[entity].lower()} {fields}",
    )


def delete(entity: str, record_id: int, description: str | None = None) -> DeleteRows:
    return DeleteRows(((entity, (record_id,)),), description or f"Delete {LABELS[entity].lower()}")


def update_district(description: str = "Edit district settings", **values: Any) -> UpdateRow:
    cleaned = clean("district", values, partial=True)
    return UpdateRow("district", (1,), tuple(sorted(cleaned.items())), description)


def set_rubric(levels: Sequence[RubricLevel]) -> Batch:
    """Replace the rubric scale. Scores outside the new scale make the edit fail as a whole."""
    values = sorted({level.value for level in levels})
    if len(values) != len(levels) or len(levels) < 2:
        raise ValidationError("Rubric", "needs at least two levels with different values")
    if any(v < 0 or v > 100 for v in values):
        raise ValidationError("Rubric", "level values must be whole numbers from 0 to 100")
    for level in levels:
        if not level.label.strip():
            raise ValidationError(f"Rubric level {level.value}", "needs a label")
    return Batch(
        (
            _DeleteAllRubric(),
            InsertRows(
                tuple(
                    rows.pack(
                        "rubric_level",
                        {
                            "value": lv.value,
                            "label": lv.label.strip(),
                            "description": lv.description.strip(),
                        },
                    )
                    for lv in sorted(levels, key=lambda lv: lv.value)
                ),
                "Set rubric",
            ),
        ),
        "Change the rubric scale",
    )


@dataclass(frozen=True, slots=True)
class _DeleteAllRubric:
    description: str = "Clear rubric"

    def apply(self, connection: Connection) -> Applied:
        targets = tuple(
            ("rubric_level", (level.value,)) for level in repositories.district(connection).rubric
        )
        return DeleteRows(targets, self.description).apply(connection)


@dataclass(frozen=True, slots=True)
class SetScore:
    """Set, abstain or clear one member's score of one tool on one outcome."""

    member_id: int
    tool_id: int
    outcome_id: int
    value: float | None
    abstained: bool = False
    rationale: str | None = None
    description: str = "Score"

    def _resolve(self, connection: Connection) -> Command:
        existing = repositories.score_row_id(
            connection, self.member_id, self.tool_id, self.outcome_id
        )
        clearing = self.value is None and not self.abstained
        if clearing:
            if existing is None:
                return Batch((), self.description)
            return DeleteRows((("score", (existing,)),), self.description)
        values: dict[str, Any] = {"value": self.value, "abstained": self.abstained}
        if self.rationale is not None:
            values["rationale"] = self.rationale.strip()
        if existing is not None:
            return UpdateRow("score", (existing,), tuple(sorted(values.items())), self.description)
        values.setdefault("rationale", "")
        values.update(member_id=self.member_id, tool_id=self.tool_id, outcome_id=self.outcome_id)
        return InsertRows((rows.pack("score", values),), self.description)

    def apply(self, connection: Connection) -> Applied:
        district = repositories.district(connection)
        if self.value is not None and not (
            district.rubric_min <= self.value <= district.rubric_max
        ):
            raise ValidationError(
                "Score",
                f"{self.value:g} is off the rubric; use {district.rubric_min} to "
                f"{district.rubric_max}",
            )
        return self._resolve(connection).apply(connection)


def set_recusal(member_id: int, tool_id: int, recused: bool, reason: str = "") -> Command:
    """Declare (or withdraw) a member's conflict of interest with a tool."""
    if recused:
        return InsertRows(
            (
                rows.pack(
                    "recusal",
                    {"member_id": member_id, "tool_id": tool_id, "reason": reason.strip()},
                ),
            ),
            "Declare conflict of interest",
        )
    return DeleteRows((("recusal", (member_id, tool_id)),), "Withdraw conflict of interest")


@dataclass(frozen=True, slots=True)
class SetConsensus:
    """Set the committee's agreed score of one tool on one outcome, with the reason for it.

    The ranking uses a consensus score instead of the members' aggregate wherever one is set;
    undoing the command brings back the previous consensus (or none).
    """

    tool_id: int
    outcome_id: int
    value: float
    reason: str
    set_by: str = ""
    description: str = "Set consensus score"

    def apply(self, connection: Connection) -> Applied:
        district = repositories.district(connection)
        if not district.rubric_min <= self.value <= district.rubric_max:
            raise ValidationError(
                "Consensus score",
                f"{self.value:g} is off the rubric; use {district.rubric_min} to "
                f"{district.rubric_max}",
            )
        key = (self.tool_id, self.outcome_id)
        values: dict[str, Any] = {
            "value": float(self.value),
            "reason": self.reason.strip(),
            "set_by": self.set_by.strip(),
        }
        if rows.get_row(connection, "consensus", key) is not None:
            return UpdateRow(
                "consensus", key, tuple(sorted(values.items())), self.description
            ).apply(connection)
        values.update(tool_id=self.tool_id, outcome_id=self.outcome_id)
        return InsertRows((rows.pack("consensus", values),), self.description).apply(connection)


def set_consensus(
    tool_id: int, outcome_id: int, value: float, reason: str, set_by: str = ""
) -> SetConsensus:
    """A command overriding one cell's aggregate with the committee's consensus score.

    The reason is required: a consensus that departs from the members' scores must say why.
    """
    if not reason.strip():
        raise ValidationError(
            "Consensus reason", "say why the committee agreed on this score; it is required"
        )
    return SetConsensus(tool_id, outcome_id, float(value), reason, set_by)


def clear_consensus(tool_id: int, outcome_id: int) -> DeleteRows:
    """A command dropping a cell's consensus score, so the members' aggregate counts again."""
    return DeleteRows((("consensus", (tool_id, outcome_id)),), "Clear consensus score")
