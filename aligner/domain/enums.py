"""Closed vocabularies of the committee's work, stored as their string values."""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    """What a challenge is about (DESIGN.md: the four kinds of outcome)."""

    STUDENT_ACHIEVEMENT = "student_achievement"
    TEACHER_PRODUCTIVITY = "teacher_productivity"
    OPERATIONAL_EFFICIENCY = "operational_efficiency"
    EQUITY = "equity"


class Direction(StrEnum):
    """Whether a bigger observed value of an outcome's metric is better."""

    HIGHER = "higher"
    LOWER = "lower"


class ToolStatus(StrEnum):
    """Where a tool is in its life in the district."""

    CANDIDATE = "candidate"
    PILOTING = "piloting"
    ADOPTED = "adopted"
    UNDER_REVIEW = "under_review"
    DISCONTINUING = "discontinuing"
    DISCONTINUED = "discontinued"
    REJECTED = "rejected"


class Aggregation(StrEnum):
    """How members' scores of one cell are combined."""

    MEAN = "mean"
    MEDIAN = "median"
    TRIMMED_MEAN = "trimmed_mean"


class WeightMethod(StrEnum):
    """How the weights of one level (challenges, or one challenge's outcomes) were set."""

    DIRECT = "direct"
    POINTS = "points"
    RANKING = "ranking"
    PAIRWISE = "pairwise"


class Answer(StrEnum):
    """An answer to one privacy checklist item for one tool."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "na"


class DecisionKind(StrEnum):
    """What the committee decided about a tool."""

    PILOT = "pilot"
    ADOPT = "adopt"
    RENEW = "renew"
    REJECT = "reject"
    DISCONTINUE = "discontinue"
