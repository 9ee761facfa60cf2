"""The Privacy page's checklist pane: which version is installed, newer versions, own items.

Installing keeps every answer by item id and marks new items "unknown" for every tool (the
core's InstallChecklist); the district's own items need an id, a question and a source.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aligner.compute.privacy_gate import ALWAYS, HIGH_STAKES, UNDER_13
from aligner.domain.errors import AlignerError, ValidationError
from aligner.services import privacy
from aligner.services.commands import Command
from ui.pages import base


class ChecklistPanel(QWidget):
    def __init__(self, page: base.Page) -> None:
        super().__init__()
        self.page = page
        self.state = QLabel()
        self.state.setObjectName("checklist_state")
        self.state.setWordWrap(True)
        self.install_button = QPushButton()
        self.install_button.setToolTip(
            self.tr("Answers already given are kept; new items start as unknown for every tool")
        )
        self.install_file_button = QPushButton(self.tr("Install a checklist from a file…"))
        self.install_file_button.setToolTip(
            self.tr("A newer checklist (JSON) sent to the district, e.g. by the state alliance")
        )
        version_box = QGroupBox(self.tr("Checklist version"))
        version_layout = QVBoxLayout(version_box)
        version_layout.addWidget(self.state)
        version_layout.addWidget(self.install_button)
        version_layout.addWidget(self.install_file_button)
        layout = QVBoxLayout(self)
        layout.addWidget(version_box)
        layout.addWidget(self._own_item_box())
        layout.addStretch(1)
        self.install_button.clicked.connect(self.install_shipped)
        self.install_file_button.clicked.connect(self._ask_file)
        self.add_button.clicked.connect(self.add_item)

    def _own_item_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Add the district's own item"))
        form = QFormLayout(box)
        self.item_id = QLineEdit()
        self.item_id.setPlaceholderText(self.tr("e.g. D01"))
        self.item_title = QLineEdit()
        self.item_question = QLineEdit()
        self.item_question.setPlaceholderText(self.tr("Asked so that yes is the safe answer"))
        self.item_guidance = QPlainTextEdit()
        self.item_guidance.setTabChangesFocus(True)
        self.item_sources = QPlainTextEdit()
        self.item_sources.setTabChangesFocus(True)
        self.item_sources.setPlaceholderText(
            self.tr("One source per line, e.g. Board policy 6163.4")
        )
        for edit in (self.item_guidance, self.item_sources):
            edit.setMaximumHeight(edit.fontMetrics().lineSpacing() * 4)
        self.item_applies = QComboBox()
        self.item_applies.addItem(self.tr("every tool"), ALWAYS)
        self.item_applies.addItem(self.tr("tools used by students under 13"), UNDER_13)
        self.item_applies.addItem(self.tr("tools used for high-stakes decisions"), HIGH_STAKES)
        self.item_blocker = QCheckBox(self.tr("Must pass"))
        self.add_button = QPushButton(self.tr("Add item"))
        for label, widget in (
            (self.tr("Item id"), self.item_id),
            (self.tr("Title"), self.item_title),
            (self.tr("Question"), self.item_question),
            (self.tr("Guidance"), self.item_guidance),
            (self.tr("Sources"), self.item_sources),
            (self.tr("Applies to"), self.item_applies),
        ):
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        form.addRow(self.item_blocker)
        form.addRow(self.add_button)
        return box

    def reload(self) -> None:
        project = self.page.session.project
        installed = privacy.installed_version(project)
        items = privacy.items(project)
        try:
            shipped: str | None = privacy.load_checklist().version
        except AlignerError:
            shipped = None  # a damaged install; installing from a file still works
        own = sum(i.custom for i in items)
        if installed is None:
            text = self.tr("⚠ No checklist is installed: the privacy gate blocks nothing.")
        else:
            text = self.tr(
                "Version {version} installed: {count} items ({own} the district's own), "
                "{blockers} must pass."
            ).format(
                version=installed,
                count=len(items),
                own=own,
                blockers=sum(i.blocker for i in items),
            )
        self.state.setText(text)
        newer = shipped is not None and (
            installed is None or privacy.version_key(shipped) > privacy.version_key(installed)
        )
        self.install_button.setText(
            self.tr("Install the shipped checklist {version}").format(version=shipped or "?")
            if newer
            else self.tr("The shipped checklist is installed")
        )
        self.install_button.setEnabled(newer)
        self.install_button.setDefault(installed is None)

    # --- editing ---------------------------------------------------------------------------

    def install_shipped(self) -> None:
        self._install(None)

    def install_from(self, path: Path) -> None:
        self._install(path)

    def _install(self, path: Path | None) -> None:
        installed = privacy.installed_version(self.page.session.project)

        def build() -> Command:
            checklist = privacy.load_checklist(path)
            if checklist.version == installed:
                raise ValidationError("Checklist version", f"{installed} is already installed")
            return privacy.install_checklist(checklist)

        self.page.push_built(build, self.tr("Install privacy checklist"))

    def _ask_file(self) -> None:
        prompts = getattr(self.window(), "prompts", None)
        path = prompts.checklist_path() if prompts is not None else None
        if path is not None:
            self.install_from(path)

    def add_item(self) -> None:
        sources = self.item_sources.toPlainText().splitlines()

        def build() -> Command:
            return privacy.add_item(
                self.item_id.text(),
                self.item_title.text(),
                self.item_question.text(),
                sources,
                guidance=self.item_guidance.toPlainText(),
                applies_when=str(self.item_applies.currentData()),
                blocker=self.item_blocker.isChecked(),
            )

        key = self.item_id.text().strip()
        if self.page.push_built(build, self.tr("Add item {key}").format(key=key)) is not None:
            for edit in (self.item_id, self.item_title, self.item_question):
                edit.clear()
            self.item_guidance.clear()
            self.item_sources.clear()
            self.item_blocker.setChecked(False)
