"""What each editable field accepts, checked before anything reaches the store.

A bad value raises ValidationError naming the record, the field and what is expected, so the
CLI, an import report and a form can all say exactly what to fix.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from aligner.domain.enums import (
    Aggregation,
    Category,
    Direction,
    ToolStatus,
    WeightMethod,
)
from aligner.domain.errors import ValidationError
from aligner.domain.governance import DATA_CATEGORIES, Connection

Check = Callable[[str, Any], Any]


def text(*, required: bool = False, limit: int = 2000) -> Check:
    def check(field: str, value: Any) -> Any:
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise ValidationError(field, f"must be text, got {value!r}")
        value = value.strip()
        if required and not value:
            raise ValidationError(field, "must not be empty")
        if len(value) > limit:
            raise ValidationError(field, f"is {len(value)} characters long; at most {limit}")
        return value

    return check


def number(
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    optional: bool = False,
    integer: bool = False,
) -> Check:
    def check(field: str, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            if optional:
                return None
            raise ValidationError(field, "is required")
        try:
            parsed = float(value)
        except (TypeError, ValueError):
            raise ValidationError(field, f"must be a number, got {value!r}") from None
        if not math.isfinite(parsed):
            raise ValidationError(field, f"must be a finite number, got {value!r}")
        if integer and not parsed.is_integer():
            raise ValidationError(field, f"must be a whole number, got {value!r}")
        if minimum is not None and parsed < minimum:
            raise ValidationError(field, f"must be at least {minimum:g}, got {parsed:g}")
        if maximum is not None and parsed > maximum:
            raise ValidationError(field, f"must be at most {maximum:g}, got {parsed:g}")
        return int(parsed) if integer else parsed

    return check


def choice(enum: type[StrEnum]) -> Check:
    def check(field: str, value: Any) -> Any:
        try:
            return enum(str(value)).value
        except ValueError:
            options = ", ".join(member.value for member in enum)
            raise ValidationError(field, f"must be one of {options}; got {value!r}") from None

    return check


def iso_date(*, optional: bool = True) -> Check:
    def check(field: str, value: Any) -> Any:
        if value in (None, ""):
            if optional:
                return None
            raise ValidationError(field, "is required (YYYY-MM-DD)")
        if isinstance(value, date):
            return value.isoformat()
        try:
            return date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ValidationError(field, f"must be a date as YYYY-MM-DD, got {value!r}") from None

    return check


def today() -> date:
    """The date on the user's own calendar (deadlines are days in the district's time zone)."""
    return datetime.now(UTC).astimezone().date()


def flag(field: str, value: Any) -> Any:
    if isinstance(value, bool):
        return value
    raise ValidationError(field, f"must be true or false, got {value!r}")


def maybe_flag(field: str, value: Any) -> Any:
    """Yes, no, or not stated (None)."""
    return None if value is None else flag(field, value)


def data_categories(field: str, value: Any) -> Any:
    """A set of student data category names, stored as a JSON list in the schedule's order."""
    if isinstance(value, str):
        value = json.loads(value) if value.strip().startswith("[") else [value]
    if not isinstance(value, list | tuple | set | frozenset):
        raise ValidationError(field, f"must be a list of data categories, got {value!r}")
    chosen = {str(v).strip() for v in value}
    unknown = sorted(chosen - set(DATA_CATEGORIES))
    if unknown:
        raise ValidationError(
            field, f"{unknown[0]!r} is not a student data category; use one of the NDPA schedule"
        )
    return json.dumps([c for c in DATA_CATEGORIES if c in chosen])


SPECS: dict[str, dict[str, Check]] = {
    "district": {
        "name": text(required=True, limit=200),
        "school_year": text(limit=20),
        "aggregation": choice(Aggregation),
        "min_raters": number(minimum=1, maximum=100, integer=True),
        "disagreement_threshold": number(minimum=0, optional=True),
        "unknown_blocks": flag,
        "challenge_weight_method": choice(WeightMethod),
        "is_sample": flag,
        "policy_recheck_days": number(minimum=1, maximum=3650, integer=True),
    },
    "challenge": {
        "title": text(required=True, limit=200),
        "description": text(),
        "category": choice(Category),
        "priority": number(minimum=1, maximum=5, integer=True),
        "weight": number(minimum=0),
        "evidence": text(),
        "owner": text(limit=200),
        "outcome_weight_method": choice(WeightMethod),
    },
    "outcome": {
        "challenge_id": number(minimum=1, integer=True),
        "name": text(required=True, limit=200),
        "metric": text(),
        "unit": text(limit=60),
        "baseline": number(optional=True),
        "target": number(optional=True),
        "direction": choice(Direction),
        "weight": number(minimum=0),
    },
    "tool": {
        "name": text(required=True, limit=200),
        "vendor": text(limit=200),
        "purpose": text(),
        "annual_cost": number(minimum=0, optional=True),
        "cost_per_student": number(minimum=0, optional=True),
        "students_served": number(minimum=0, optional=True, integer=True),
        "status": choice(ToolStatus),
        "owner": text(limit=200),
        "next_review": iso_date(),
        "policy_version": text(limit=60),
        "policy_checked_on": iso_date(),
        "pilot_ends_on": iso_date(),
        "data_categories": data_categories,
        "users_under_13": maybe_flag,
        "high_stakes_use": maybe_flag,
    },
    "member": {
        "name": text(required=True, limit=200),
        "role": text(limit=200),
    },
    "data_system": {
        "name": text(required=True, limit=200),
        "kind": text(limit=100),
        "owner": text(limit=200),
    },
    "tool_system": {
        "tool_id": number(minimum=1, integer=True),
        "system_id": number(minimum=1, integer=True),
        "how": choice(Connection),
        "categories": data_categories,
    },
    "measurement": {
        "tool_id": number(minimum=1, integer=True),
        "outcome_id": number(minimum=1, integer=True),
        "measured_on": iso_date(optional=False),
        "value": number(),
        "source": text(),
    },
}

#: Fields a new record cannot do without.
REQUIRED: dict[str, tuple[str, ...]] = {
    "challenge": ("title", "category"),
    "outcome": ("challenge_id", "name"),
    "tool": ("name",),
    "member": ("name",),
    "data_system": ("name",),
    "tool_system": ("tool_id", "system_id", "how"),
    "measurement": ("tool_id", "outcome_id", "measured_on", "value"),
}

#: Human names of the records, for messages.
LABELS = {
    "district": "District",
    "challenge": "Challenge",
    "outcome": "Outcome",
    "tool": "Tool",
    "member": "Member",
    "data_system": "Data system",
    "tool_system": "Connection",
    "measurement": "Measurement",
}


def clean(entity: str, values: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
    """Check and normalise ``values`` for ``entity``; every required field when not partial."""
    spec = SPECS[entity]
    unknown = sorted(set(values) - set(spec))
    if unknown:
        raise ValidationError(f"{LABELS[entity]} {unknown[0]}", "is not a field of this record")
    cleaned = {
        name: check(f"{LABELS[entity]} {name.replace('_', ' ')}", values[name])
        for name, check in spec.items()
        if name in values
    }
    if not partial:
        for name in REQUIRED.get(entity, ()):
            if name not in cleaned:
                raise ValidationError(f"{LABELS[entity]} {name.replace('_', ' ')}", "is required")
    return cleaned
