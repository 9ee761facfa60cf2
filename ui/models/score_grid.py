"""One member's scores as a grid: tools down, outcomes across.

Cells show the member's own score only (never the others', until the chair reveals them).
Editing goes through ``set_cell`` which pushes an undoable SetScore with a readable text.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QFont

from aligner.domain.model import District, Outcome, Score, Tool
from aligner.services import committee, edits
from aligner.services.commands import Applied
from ui.models.records import AnyIndex
from ui.session import Session

_NO_PARENT = QModelIndex()
#: Characters per line of an outcome name in the grid's column header.
HEADER_WRAP = 14


def tr(text: str) -> str:
    return QCoreApplication.translate("ScoreGrid", text)


@dataclass(frozen=True, slots=True)
class Cell:
    tool: Tool
    outcome: Outcome
    score: Score | None
    recused: bool


def level_text(district: District, value: float | None) -> str:
    """'3 = Strong: Credible evidence …' for a tooltip."""
    for level in district.rubric:
        if value is not None and level.value == value:
            return f"{level.value} = {level.label}: {level.description}".rstrip(": ")
    return "" if value is None else f"{value:g}"


def rubric_help(district: District) -> str:
    return "\n".join(f"{lv.value} = {lv.label}: {lv.description}" for lv in district.rubric)


class ScoreGridModel(QAbstractTableModel):
    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.member_id: int | None = None
        self.tools: list[Tool] = []
        self.outcomes: list[Outcome] = []
        self.district: District | None = None
        self._scores: dict[tuple[int, int], Score] = {}
        self._recused: set[int] = set()
        self._challenges: dict[int, str] = {}

    def load(self, member_id: int | None) -> None:
        project = self._session.project
        self.beginResetModel()
        self.member_id = member_id
        self.tools = project.tools()
        self.outcomes = project.outcomes()
        self.district = project.district()
        self._challenges = {c.id: c.title for c in project.challenges()}
        scores = project.scores(member_id) if member_id is not None else []
        self._scores = {(s.tool_id, s.outcome_id): s for s in scores}
        self._recused = {
            t for m, t in committee.recusals(project) if member_id is not None and m == member_id
        }
        self.endResetModel()

    def cell(self, index: AnyIndex) -> Cell:
        tool, outcome = self.tools[index.row()], self.outcomes[index.column()]
        return Cell(
            tool, outcome, self._scores.get((tool.id, outcome.id)), tool.id in self._recused
        )

    def rowCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.tools)

    def columnCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.outcomes)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.district is None:
            return None
        cell = self.cell(index)
        texts = {
            Qt.ItemDataRole.DisplayRole: lambda: _display(cell),
            Qt.ItemDataRole.AccessibleTextRole: lambda: (
                f"{cell.tool.name}, {cell.outcome.name}: {_spoken(cell)}"
            ),
            Qt.ItemDataRole.ToolTipRole: lambda: self._tooltip(cell),
        }
        if role in texts:
            return texts[Qt.ItemDataRole(role)]()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        explained = cell.score is not None and bool(cell.score.rationale)
        if role == Qt.ItemDataRole.FontRole and explained:
            font = QFont()
            font.setUnderline(True)  # a rationale is attached; the tooltip shows it
            return font
        return None

    def _tooltip(self, cell: Cell) -> str:
        assert self.district is not None
        if cell.recused:
            return tr("Not for you to score: you declared a conflict of interest with this tool.")
        lines = [f"{cell.tool.name} — {cell.outcome.name}"]
        if cell.score is None:
            lines.append(tr("Not scored yet. Type a score:"))
            lines.append(rubric_help(self.district))
        elif cell.score.abstained:
            lines.append(tr("You abstained (A). Delete clears it."))
        else:
            lines.append(level_text(self.district, cell.score.value))
        if cell.score is not None and cell.score.rationale:
            lines.append(tr("Why: {text}").format(text=cell.score.rationale))
        return "\n".join(lines)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and section < len(self.outcomes):
            outcome = self.outcomes[section]
            if role == Qt.ItemDataRole.DisplayRole:
                # Headers do not wrap by themselves; long outcome names get line breaks.
                return "\n".join(textwrap.wrap(outcome.name, HEADER_WRAP)[:3])
            if role == Qt.ItemDataRole.ToolTipRole:
                challenge = self._challenges.get(outcome.challenge_id, "")
                return tr("{outcome}\nChallenge: {challenge}\nMeasured by: {metric}").format(
                    outcome=outcome.name, challenge=challenge, metric=outcome.metric or "—"
                )
        if orientation == Qt.Orientation.Vertical and section < len(self.tools):
            tool = self.tools[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return tool.name
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{tool.name} — {tool.vendor}\n{tool.purpose}"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.cell(index).recused:
            return flags & ~Qt.ItemFlag.ItemIsEnabled
        return flags

    def set_cell(
        self,
        index: AnyIndex,
        value: float | None,
        *,
        abstained: bool = False,
        rationale: str | None = None,
    ) -> Applied | None:
        """Score, abstain, clear or explain one cell as one undoable step."""
        if self.member_id is None or not index.isValid():
            return None
        cell = self.cell(index)
        if cell.recused:
            return None
        if rationale is not None and value is None and not abstained and cell.score is not None:
            value, abstained = cell.score.value, cell.score.abstained
        if abstained:
            text = tr("Abstain for {tool} on {outcome}")
        elif rationale is not None:
            text = tr("Explain the score for {tool} on {outcome}")
        elif value is None:
            text = tr("Clear the score for {tool} on {outcome}")
        else:
            text = tr("Score {value} for {tool} on {outcome}")
        text = text.format(
            value=f"{value:g}" if value is not None else "",
            tool=cell.tool.name,
            outcome=cell.outcome.name,
        )
        command = edits.SetScore(
            self.member_id,
            cell.tool.id,
            cell.outcome.id,
            value,
            abstained,
            rationale,
            description=text,
        )
        return self._session.push(command, text)


def _display(cell: Cell) -> str:
    if cell.recused:
        return tr("— recused")
    if cell.score is None:
        return ""
    if cell.score.abstained:
        return tr("A")
    return "" if cell.score.value is None else f"{cell.score.value:g}"


def _spoken(cell: Cell) -> str:
    if cell.recused:
        return tr("recused")
    if cell.score is None:
        return tr("not scored")
    if cell.score.abstained:
        return tr("abstained")
    return f"{cell.score.value:g}"
