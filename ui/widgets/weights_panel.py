"""The weights of one level (the challenges, or one challenge's outcomes), set by a method.

The committee types its inputs (weights, points, ranks) or compares in pairs; the resulting
shares and the global-weights chart update as they type. "Apply" stores them as one undoable
step together with the method used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aligner.domain.enums import WeightMethod
from aligner.domain.errors import AlignerError
from aligner.services.weighting import apply_level, implied_matrix, level_weights
from ui.errors import show_error
from ui.labels import label
from ui.models.records import AnyIndex
from ui.session import Session
from ui.widgets.ahp_dialog import PairwiseDialog

_NO_PARENT = QModelIndex()


@dataclass
class Item:
    record_id: int
    name: str
    stored: float
    entry: float


class LevelModel(QAbstractTableModel):
    """Name | the committee's input | resulting share. Inputs are drafts until applied."""

    drafted = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items: list[Item] = []
        self.method = WeightMethod.DIRECT
        self.shares: list[float] = []
        self.problem = ""

    def set_items(self, items: list[Item], method: WeightMethod) -> None:
        self.beginResetModel()
        self.items = items
        self.method = method
        self._recompute()
        self.endResetModel()

    def set_method(self, method: WeightMethod) -> None:
        """Switch method; inputs start from the current shares in the new method's terms."""
        self.beginResetModel()
        shares = self.shares or [item.stored for item in self.items]
        total = sum(shares) or 1.0
        self.method = method
        if method is WeightMethod.POINTS:
            points = [round(100 * s / total) for s in shares]
            if points:
                points[points.index(max(points))] += 100 - sum(points)
            entries: list[float] = [float(p) for p in points]
        elif method is WeightMethod.RANKING:
            order = sorted(range(len(shares)), key=lambda i: -shares[i])
            entries = [0.0] * len(shares)
            for place, i in enumerate(order, start=1):
                entries[i] = float(place)
        else:
            entries = [round(100 * s / total, 2) for s in shares]
        for item, entry in zip(self.items, entries, strict=True):
            item.entry = entry
        self._recompute()
        self.endResetModel()
        self.drafted.emit()

    def set_shares(self, shares: list[float]) -> None:
        """Shares decided elsewhere (the pairwise dialog)."""
        self.beginResetModel()
        for item, share in zip(self.items, shares, strict=True):
            item.entry = round(100 * share, 2)
        self.shares, self.problem = list(shares), ""
        self.endResetModel()
        self.drafted.emit()

    def _recompute(self) -> None:
        if not self.items:
            self.shares, self.problem = [], ""
            return
        method = WeightMethod.DIRECT if self.method is WeightMethod.PAIRWISE else self.method
        try:
            self.shares = [float(s) for s in level_weights(method, [i.entry for i in self.items])]
            self.problem = ""
        except AlignerError as error:
            self.shares, self.problem = [], error.message

    def rowCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else 3

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item, column = self.items[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            share = f"{self.shares[index.row()]:.1%}" if self.shares else "—"
            return (item.name, f"{item.entry:g}", share)[column]
        if role == Qt.ItemDataRole.EditRole and column == 1:
            return f"{item.entry:g}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.name
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        inputs = {
            WeightMethod.DIRECT: self.tr("Weight"),
            WeightMethod.POINTS: self.tr("Points (of 100)"),
            WeightMethod.RANKING: self.tr("Rank (1 = most)"),
            WeightMethod.PAIRWISE: self.tr("From pairs"),
        }
        return (self.tr("Name"), inputs[self.method], self.tr("Share"))[section]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 1 and self.method is not WeightMethod.PAIRWISE:
            return flags | Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 1 or role != Qt.ItemDataRole.EditRole:
            return False
        try:
            number = float(str(value).strip())
        except ValueError:
            return False
        self.items[index.row()].entry = number
        self._recompute()
        self.dataChanged.emit(self.index(0, 0), self.index(len(self.items) - 1, 2))
        self.drafted.emit()
        return True


class WeightsPanel(QWidget):
    """Chooses the level and method, shows the draft shares, applies them."""

    #: Draft weights changed: (challenge_id or None for the challenge level, {id: share}).
    preview = Signal(object, object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.level = QComboBox()
        # Long names must not widen the window at 200% text; the list shows them in full.
        self.level.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.level.setMinimumContentsLength(16)
        self.level.setObjectName("weights_level")
        self.level.setAccessibleName(self.tr("Weights of"))
        self.level.setToolTip(self.tr("The challenges, or the outcomes of one challenge"))
        self.level.activated.connect(lambda _i: self.load())
        self.method = QComboBox()
        self.method.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.method.setMinimumContentsLength(12)
        self.method.setObjectName("weights_method")
        for method in WeightMethod:
            self.method.addItem(label(method), method.value)
        self.method.setAccessibleName(self.tr("Weighting method"))
        self.method.setToolTip(self.tr("How the committee sets these weights"))
        self.method.activated.connect(self._on_method)
        level_label = QLabel(self.tr("&Level:"))
        level_label.setBuddy(self.level)
        method_label = QLabel(self.tr("&Method:"))
        method_label.setBuddy(self.method)
        top = QFormLayout()
        top.addRow(level_label, self.level)
        top.addRow(method_label, self.method)

        self.model = LevelModel(self)
        self.model.drafted.connect(self._on_draft)
        self.table = QTableView()
        self.table.setObjectName("weights_table")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Weights"))
        self.table.setToolTip(self.tr("Type each input; the share updates as you type"))
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("weights_status")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(self._build_buttons())

    def _build_buttons(self) -> QHBoxLayout:
        self.pairs = QPushButton(self.tr("Compare in &pairs…"))
        self.pairs.setToolTip(self.tr("Judge each pair; the weights follow (AHP)"))
        self.pairs.clicked.connect(self.compare_in_pairs)
        self.apply = QPushButton(self.tr("Appl&y weights"))
        self.apply.setObjectName("apply_weights")
        self.apply.setToolTip(self.tr("Store these weights and the method, as one undoable step"))
        self.apply.clicked.connect(self.apply_weights)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pairs)
        buttons.addStretch(1)
        buttons.addWidget(self.apply)
        return buttons

    def challenge_id(self) -> int | None:
        data = self.level.currentData()
        return None if data in (None, 0) else int(data)

    def reload_levels(self, keep: int | None = None) -> None:
        keep = self.challenge_id() if keep is None else keep
        self.level.clear()
        self.level.addItem(self.tr("The challenges"), 0)
        for challenge in self.session.project.challenges():
            self.level.addItem(
                self.tr("Outcomes of {title}").format(title=challenge.title), challenge.id
            )
        self.level.setCurrentIndex(max(0, self.level.findData(keep or 0)))
        self.load()

    def show_level(self, challenge_id: int | None) -> None:
        index = self.level.findData(challenge_id or 0)
        if index >= 0 and index != self.level.currentIndex():
            self.level.setCurrentIndex(index)
            self.load()

    def load(self) -> None:
        project = self.session.project
        challenge_id = self.challenge_id()
        records: list[tuple[int, str, float]]
        if challenge_id is None:
            records = [(c.id, c.title, c.weight) for c in project.challenges()]
            method = project.district().challenge_weight_method
        else:
            records = [
                (o.id, o.name, o.weight)
                for o in project.outcomes()
                if o.challenge_id == challenge_id
            ]
            method = next(
                (c.outcome_weight_method for c in project.challenges() if c.id == challenge_id),
                WeightMethod.DIRECT,
            )
        total = sum(w for _, _, w in records) or 1.0
        items = [Item(i, n, w / total, w) for i, n, w in records]
        self.method.setCurrentIndex(self.method.findData(method.value))
        self.model.set_items(items, WeightMethod.DIRECT)
        if method is not WeightMethod.DIRECT and method is not WeightMethod.PAIRWISE:
            self.model.set_method(method)
        else:
            self.model.method = method
        self._show_status()

    def _on_method(self, _index: int) -> None:
        method = WeightMethod(self.method.currentData())
        self.model.set_method(method)
        self._show_status()
        if method is WeightMethod.PAIRWISE:
            self.compare_in_pairs()

    def _on_draft(self) -> None:
        self._show_status()
        if self.model.shares:
            shares = {
                item.record_id: s
                for item, s in zip(self.model.items, self.model.shares, strict=True)
            }
            self.preview.emit(self.challenge_id(), shares)

    def _show_status(self) -> None:
        method = self.model.method
        self.pairs.setVisible(method is WeightMethod.PAIRWISE)
        if self.model.problem:
            self.status.setText("⚠ " + self.model.problem)
        elif method is WeightMethod.POINTS:
            total = sum(item.entry for item in self.model.items)
            self.status.setText(self.tr("{total:g} of 100 points given").format(total=total))
        elif method is WeightMethod.RANKING:
            self.status.setText(self.tr("Weights from the ranking by rank-order centroid."))
        else:
            self.status.setText("")
        self.apply.setEnabled(bool(self.model.shares))

    def compare_in_pairs(self) -> None:
        items = self.model.items
        if len(items) < 2:
            return
        shares = self.model.shares or [item.stored for item in items]
        dialog = PairwiseDialog([i.name for i in items], implied_matrix(shares), self)
        if dialog.exec() == PairwiseDialog.DialogCode.Accepted:
            self.model.method = WeightMethod.PAIRWISE
            self.model.set_shares(dialog.weights())

    def apply_weights(self) -> None:
        if not self.model.shares:
            return
        challenge_id = self.challenge_id()
        what = self.level.currentText()
        description = self.tr("Set weights of {what} by {method}").format(
            what=what[:1].lower() + what[1:], method=label(self.model.method).lower()
        )
        try:
            command = apply_level(
                challenge_id,
                self.model.method,
                [item.record_id for item in self.model.items],
                self.model.shares,
                description,
            )
            self.session.push(command, description)
        except AlignerError as error:
            show_error(self, error)
