"""Committee: members and roles, conflicts of interest per tool, each member's progress."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aligner.domain.errors import AlignerError
from aligner.domain.model import Member, Tool
from aligner.services import committee, edits
from aligner.services.changes import Changes
from ui.errors import show_error
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.records import AnyIndex, Field
from ui.pages.records import RecordListPage
from ui.session import Session
from ui.widgets.record_form import FormField

_NO_PARENT = QModelIndex()


class ConflictsModel(QAbstractListModel):
    """Tools with a check box each: checked = the member declared a conflict of interest."""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.member: Member | None = None
        self._tools: list[Tool] = []
        self._recused: set[int] = set()

    def load(self, member: Member | None) -> None:
        self.beginResetModel()
        self.member = member
        project = self._session.project
        self._tools = project.tools() if member is not None else []
        pairs = committee.recusals(project)
        self._recused = {t for m, t in pairs if member is not None and m == member.id}
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._tools)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        tool = self._tools[index.row()]
        recused = tool.id in self._recused
        if role == Qt.ItemDataRole.DisplayRole:
            return tool.name
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if recused else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            state = self.tr("conflict declared") if recused else self.tr("no conflict")
            return f"{tool.name}: {state}"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or self.member is None:
            return False
        tool = self._tools[index.row()]
        recused = Qt.CheckState(value) == Qt.CheckState.Checked
        text = (
            self.tr("Declare {member}'s conflict of interest with {tool}")
            if recused
            else self.tr("Withdraw {member}'s conflict of interest with {tool}")
        ).format(member=self.member.name, tool=tool.name)
        try:
            self._session.push(edits.set_recusal(self.member.id, tool.id, recused), text)
        except AlignerError as error:
            show_error(None, error)
            return False
        return True


class CommitteePage(RecordListPage):
    entity = "member"
    noun = QT_TRANSLATE_NOOP("RecordListPage", "member")
    changes_flag = "members"
    columns = (
        Field("name", QT_TRANSLATE_NOOP("Fields", "Name")),
        Field("role", QT_TRANSLATE_NOOP("Fields", "Role")),
    )
    form_fields = (
        FormField(
            "name",
            QT_TRANSLATE_NOOP("Fields", "&Name:"),
            QT_TRANSLATE_NOOP("Fields", "The member's name as the committee knows it"),
        ),
        FormField(
            "role",
            QT_TRANSLATE_NOOP("Fields", "&Role:"),
            QT_TRANSLATE_NOOP("Fields", "e.g. Principal, Teacher, Parent, IT director"),
        ),
    )

    def build_extra(self) -> QWidget:
        extra = QWidget()
        layout = QVBoxLayout(extra)
        layout.setContentsMargins(0, 0, 0, 0)
        self.score_button = QPushButton(self.tr("&Score as this member"))
        self.score_button.setObjectName("score_as_member")
        self.score_button.setToolTip(self.tr("Open the Scoring page with this member chosen"))
        self.score_button.clicked.connect(self.score_as_member)
        layout.addWidget(self.score_button)
        box = QGroupBox(self.tr("Conflicts of interest"))
        box_layout = QVBoxLayout(box)
        hint = QLabel(
            self.tr(
                "Tick a tool the member has a stake in. Their scores for it are left out, "
                "and they are not asked to score it."
            )
        )
        hint.setWordWrap(True)
        box_layout.addWidget(hint)
        self.conflicts_model = ConflictsModel(self.session, self)
        self.conflicts = QListView()
        self.conflicts.setObjectName("conflicts")
        self.conflicts.setModel(self.conflicts_model)
        self.conflicts.setAccessibleName(self.tr("Conflicts of interest"))
        self.conflicts.setToolTip(self.tr("Space ticks or clears the selected tool"))
        box_layout.addWidget(self.conflicts)
        layout.addWidget(box)
        self.progress_box = QGroupBox(self.tr("Scoring progress"))
        self.progress_layout = QVBoxLayout(self.progress_box)
        layout.addWidget(self.progress_box)
        self.progress_bars: dict[int, QProgressBar] = {}
        return extra

    def score_as_member(self) -> None:
        """The shortest way from the committee list to one's own scoring grid."""
        member = self.current_record()
        window = self.window()
        if member is None or not hasattr(window, "show_page"):
            return
        self.session.set_scorer(member.id)
        grid = getattr(window.show_page("scoring"), "grid", None)
        if grid is not None:
            grid.setFocus()  # typing a digit now scores

    def load(self) -> Sequence[Member]:
        return self.session.project.members()

    def new_values(self) -> dict[str, Any]:
        return {"name": self.tr("New member"), "role": ""}

    def reload(self) -> None:
        super().reload()
        self._reload_progress()

    def refresh(self, changes: Changes) -> None:
        if changes.members or changes.tools:
            self.reload()
        elif changes.scores or changes.outcomes:
            self._reload_progress()

    def _on_current(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        super()._on_current(index, _previous)
        self.conflicts_model.load(self.current_record() if index.isValid() else None)

    def _reload_progress(self) -> None:
        while self.progress_layout.count():
            item = self.progress_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.progress_bars.clear()
        names = {m.id: m.name for m in self.session.project.members()}
        for line in committee.progress(self.session.project):
            name = names.get(line.member_id, "")
            bar = QProgressBar()
            bar.setRange(0, max(line.to_do, 1))
            bar.setValue(min(line.done, max(line.to_do, 1)))
            text = self.tr("{name}: {done} of {total} scored").format(
                name=name, done=line.done, total=line.to_do
            )
            bar.setFormat(text)
            bar.setTextVisible(True)
            bar.setAccessibleName(text)
            bar.setToolTip(text)
            self.progress_layout.addWidget(bar)
            self.progress_bars[line.member_id] = bar
