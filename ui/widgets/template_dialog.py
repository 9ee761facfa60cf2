"""Pick a common K-12 outcome to add to a challenge (then edit it like any other)."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from aligner.services.weighting import OutcomeTemplate
from ui.labels import label


class TemplateDialog(QDialog):
    def __init__(self, templates: list[OutcomeTemplate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a common outcome"))
        self.templates = templates
        texts = [f"{t.name} — {t.metric} ({label(t.category)})" for t in templates]
        self.source = QStringListModel(texts, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit()
        self.search.setAccessibleName(self.tr("Search outcomes"))
        self.search.setToolTip(self.tr("Show only outcomes containing this text"))
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        search_label = QLabel(self.tr("&Search:"))
        search_label.setBuddy(self.search)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setWordWrap(True)
        self.list.setAccessibleName(self.tr("Common outcomes"))
        self.list.setToolTip(self.tr("Choose one; Enter adds it"))
        self.list.setCurrentIndex(self.proxy.index(0, 0))
        self.list.activated.connect(lambda _i: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(search_label)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def chosen(self) -> OutcomeTemplate | None:
        index = self.list.currentIndex()
        if not index.isValid():
            return None
        return self.templates[self.proxy.mapToSource(index).row()]
