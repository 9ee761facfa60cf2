"""Scoring: the grid of tools x outcomes for the member chosen at the top.

Members see only their own scores until the chair presses "Reveal"; then the consensus view
shows each cell's aggregate, how far apart the members are, "discuss" flags, and lets the
committee set an agreed score with a reason.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from aligner.domain.errors import AlignerError
from aligner.services import committee
from aligner.services.changes import Changes
from ui.errors import show_error
from ui.models.score_grid import ScoreGridModel
from ui.pages.base import Page
from ui.session import Session
from ui.settings import AppSettings
from ui.widgets.consensus import ConsensusPanel
from ui.widgets.score_grid import ScoreGridView


class ScoringPage(Page):
    def __init__(self, session: Session, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(session, settings, parent)
        self.member = QComboBox()
        # Long names must not widen the window at 200% text; the list shows them in full.
        self.member.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.member.setMinimumContentsLength(16)
        self.member.setObjectName("scoring_member")
        self.member.setAccessibleName(self.tr("Scoring as"))
        self.member.setToolTip(self.tr("Choose your name: the grid shows your scores"))
        self.member.currentIndexChanged.connect(self._on_member)
        member_label = QLabel(self.tr("&Scoring as:"))
        member_label.setBuddy(self.member)
        self.progress = QLabel()
        self.progress.setObjectName("scoring_progress")
        top = QHBoxLayout()
        top.addWidget(member_label)
        top.addWidget(self.member, 1)
        top.addWidget(self.progress)

        self.help = QLabel()
        self.help.setWordWrap(True)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setObjectName("rubric_legend")

        self.grid_model = ScoreGridModel(session, self)
        self.grid = ScoreGridView(self.grid_model, self._ask_rationale)
        self.grid.setObjectName("score_grid")
        self.grid.setAccessibleName(self.tr("Your scores: tools down, outcomes across"))
        self.grid.setToolTip(
            self.tr("Type a score; A abstains; Delete clears; Enter adds why you scored so")
        )
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.grid.horizontalHeader().setDefaultSectionSize(
            self.grid.fontMetrics().horizontalAdvance("M") * 9
        )
        self.grid.horizontalHeader().setMinimumSectionSize(
            self.grid.fontMetrics().horizontalAdvance("M") * 4
        )

        self.consensus = ConsensusPanel(session, self)
        self.views = QStackedWidget()
        self.views.addWidget(self.grid)
        self.views.addWidget(self.consensus)

        self.reveal = QPushButton(self.tr("&Reveal everyone's scores (chair)"))
        self.reveal.setObjectName("reveal")
        self.reveal.setCheckable(True)
        self.reveal.setToolTip(
            self.tr("Show the committee's combined scores, disagreements and consensus")
        )
        self.reveal.toggled.connect(self._on_reveal)
        bottom = QHBoxLayout()
        bottom.addWidget(self.reveal)
        bottom.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.help)
        layout.addWidget(self.legend)
        layout.addWidget(self.views, 1)
        layout.addLayout(bottom)
        session.scorer_changed.connect(self._on_scorer_changed)

    # --- reading -----------------------------------------------------------------------------

    def reload(self) -> None:
        project = self.session.project
        district = project.district()
        chosen = self.session.scorer
        self.member.blockSignals(True)
        self.member.clear()
        self.member.addItem(self.tr("— choose your name —"), None)
        for member in project.members():
            label = f"{member.name} ({member.role})" if member.role else member.name
            self.member.addItem(label, member.id)
        self.member.setCurrentIndex(max(0, self.member.findData(chosen)))
        self.member.blockSignals(False)
        low, high = district.rubric_min, district.rubric_max
        self.help.setText(
            self.tr(
                "Type a score from {low} to {high} in each cell; the cursor moves on. "
                "A abstains, Delete clears, Enter adds why. Hover a cell for the rubric."
            ).format(low=low, high=high)
        )
        self.legend.setText(" · ".join(f"{lv.value} {lv.label}" for lv in district.rubric))
        self._load_grid()
        if self.reveal.isChecked():
            self.consensus.reload()

    def refresh(self, changes: Changes) -> None:
        if changes.members or changes.district:
            self.reload()
            return
        if changes.scores or changes.tools or changes.outcomes or changes.challenges:
            current = self.grid.currentIndex()
            self._load_grid()
            if current.isValid() and not self.grid.currentIndex().isValid():
                self.grid.setCurrentIndex(self.grid_model.index(current.row(), current.column()))
            if self.reveal.isChecked():
                self.consensus.reload()

    def _load_grid(self) -> None:
        current = self.grid.currentIndex()
        member_id = self.member.currentData()
        self.grid_model.load(member_id)
        self.grid.setEnabled(member_id is not None)
        if current.isValid() and current.row() < self.grid_model.rowCount():
            self.grid.setCurrentIndex(self.grid_model.index(current.row(), current.column()))
        elif self.grid_model.rowCount() and self.grid_model.columnCount():
            self.grid.setCurrentIndex(self.grid_model.index(0, 0))
        self._show_progress(member_id)

    def _show_progress(self, member_id: int | None) -> None:
        line = next(
            (p for p in committee.progress(self.session.project) if p.member_id == member_id),
            None,
        )
        if line is None:
            self.progress.setText(self.tr("Choose your name to start scoring"))
        else:
            self.progress.setText(
                self.tr("{done} of {total} scored").format(done=line.done, total=line.to_do)
            )

    # --- events ------------------------------------------------------------------------------

    def _on_member(self, _index: int) -> None:
        self.session.set_scorer(self.member.currentData())
        self._load_grid()

    def _on_scorer_changed(self, member_id: object) -> None:
        index = self.member.findData(member_id)
        if index >= 0 and index != self.member.currentIndex():
            self.member.setCurrentIndex(index)
            self.grid.setFocus()

    def _on_reveal(self, revealed: bool) -> None:
        self.views.setCurrentIndex(1 if revealed else 0)
        self.help.setVisible(not revealed)  # the consensus view has its own legend
        self.legend.setVisible(not revealed)
        self.reveal.setText(
            self.tr("Back to my &own scores")
            if revealed
            else self.tr("&Reveal everyone's scores (chair)")
        )
        if revealed:
            self.consensus.reload()
            self.consensus.table.setFocus()
        else:
            self.grid.setFocus()

    def _ask_rationale(self, index: QModelIndex) -> None:
        cell = self.grid_model.cell(index)
        if cell.recused:
            return
        prompts = getattr(self.window(), "prompts", None)
        if prompts is None:
            return
        current = cell.score.rationale if cell.score is not None else ""
        text = prompts.text(
            self.tr("Why this score?"),
            self.tr("Why you scored {tool} so on {outcome}:").format(
                tool=cell.tool.name, outcome=cell.outcome.name
            ),
            current,
        )
        if text is None or text.strip() == current:
            return
        if cell.score is None:
            show_error(
                self,
                AlignerError(self.tr("Score the cell first, then add why you scored it so")),
            )
            return
        try:
            self.grid_model.set_cell(index, None, rationale=text)
        except AlignerError as error:
            show_error(self, error)
