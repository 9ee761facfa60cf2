"""Words for the core's closed vocabularies, as a committee member reads them."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QCoreApplication

from aligner.domain.enums import Aggregation, Category, Direction, ToolStatus, WeightMethod
from ui.i18n import QT_TRANSLATE_NOOP

_LABELS: dict[StrEnum, str] = {
    Category.STUDENT_ACHIEVEMENT: QT_TRANSLATE_NOOP("Labels", "Student achievement"),
    Category.TEACHER_PRODUCTIVITY: QT_TRANSLATE_NOOP("Labels", "Teacher productivity"),
    Category.OPERATIONAL_EFFICIENCY: QT_TRANSLATE_NOOP("Labels", "Operational efficiency"),
    Category.EQUITY: QT_TRANSLATE_NOOP("Labels", "Equity and access"),
    Direction.HIGHER: QT_TRANSLATE_NOOP("Labels", "Higher is better"),
    Direction.LOWER: QT_TRANSLATE_NOOP("Labels", "Lower is better"),
    ToolStatus.CANDIDATE: QT_TRANSLATE_NOOP("Labels", "Candidate"),
    ToolStatus.PILOTING: QT_TRANSLATE_NOOP("Labels", "Piloting"),
    ToolStatus.ADOPTED: QT_TRANSLATE_NOOP("Labels", "Adopted"),
    ToolStatus.UNDER_REVIEW: QT_TRANSLATE_NOOP("Labels", "Under review"),
    ToolStatus.DISCONTINUING: QT_TRANSLATE_NOOP("Labels", "Being discontinued"),
    ToolStatus.DISCONTINUED: QT_TRANSLATE_NOOP("Labels", "Discontinued"),
    ToolStatus.REJECTED: QT_TRANSLATE_NOOP("Labels", "Rejected"),
    Aggregation.MEAN: QT_TRANSLATE_NOOP("Labels", "Mean (average)"),
    Aggregation.MEDIAN: QT_TRANSLATE_NOOP("Labels", "Median (middle score)"),
    Aggregation.TRIMMED_MEAN: QT_TRANSLATE_NOOP(
        "Labels", "Trimmed mean (drop highest and lowest from 5 scores up)"
    ),
    WeightMethod.DIRECT: QT_TRANSLATE_NOOP("Labels", "Direct weights"),
    WeightMethod.POINTS: QT_TRANSLATE_NOOP("Labels", "100 points"),
    WeightMethod.RANKING: QT_TRANSLATE_NOOP("Labels", "Ranking (rank-order centroid)"),
    WeightMethod.PAIRWISE: QT_TRANSLATE_NOOP("Labels", "Pairwise comparison (AHP)"),
}

#: Plural names of the tables a delete can take with it.
_TABLES: dict[str, str] = {
    "challenge": QT_TRANSLATE_NOOP("Labels", "challenges"),
    "outcome": QT_TRANSLATE_NOOP("Labels", "outcomes"),
    "tool": QT_TRANSLATE_NOOP("Labels", "tools"),
    "member": QT_TRANSLATE_NOOP("Labels", "members"),
    "score": QT_TRANSLATE_NOOP("Labels", "scores"),
    "recusal": QT_TRANSLATE_NOOP("Labels", "conflict-of-interest declarations"),
    "consensus": QT_TRANSLATE_NOOP("Labels", "consensus scores"),
    "privacy_answer": QT_TRANSLATE_NOOP("Labels", "privacy answers"),
    "decision": QT_TRANSLATE_NOOP("Labels", "decisions"),
    "measurement": QT_TRANSLATE_NOOP("Labels", "measurements"),
}


def label(value: StrEnum) -> str:
    text = _LABELS.get(value)
    return QCoreApplication.translate("Labels", text) if text else str(value)


def table_label(name: str) -> str:
    text = _TABLES.get(name)
    return QCoreApplication.translate("Labels", text) if text else name.replace("_", " ")


def dependents_text(dependents: dict[str, int]) -> str:
    """'2 outcomes and 48 scores', or '' when nothing else goes."""
    parts = [f"{count} {table_label(name)}" for name, count in dependents.items() if count]
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + QCoreApplication.translate("Labels", " and ") + parts[-1]
