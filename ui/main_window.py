"""The main window: a sidebar of pages, menus built from the action registry, a status bar.

No business logic lives here: pages edit through the session, files go through the
FileController, and ``update_actions`` is the only place that enables or disables actions.
"""

from __future__ import annotations

import importlib
from functools import partial
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from aligner import __version__
from aligner.config import FILE_SUFFIX
from aligner.services.changes import Changes
from ui.actions import MENUS, ActionId, build_actions
from ui.extensions import EXTENSIONS
from ui.files import FileController
from ui.pages import PAGES, PageSpec
from ui.pages.base import Page, PlaceholderPage
from ui.prompts import Prompts
from ui.session import Session
from ui.settings import AppSettings
from ui.tasks import ImmediateTaskRunner, Runner


def _page_title(spec: PageSpec) -> str:
    return QCoreApplication.translate("Pages", spec.title)


class MainWindow(QMainWindow):
    """The one window of Aligner."""

    def __init__(
        self,
        session: Session,
        settings: AppSettings,
        tasks: Runner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.tasks: Runner = tasks or ImmediateTaskRunner()
        self.prompts = Prompts(self)
        self.files = FileController(session, settings, self.prompts)
        self.registry = build_actions(self)
        self.pages: dict[str, Page] = {}
        self._held: list[QAction] = []  # actions off until the first project is open
        self.setObjectName("main_window")
        self.setAcceptDrops(True)
        self._build_central()
        self._build_menus()
        self._build_status_bar()
        self._connect()
        for extension in EXTENSIONS:
            module, _, function = extension.partition(":")
            getattr(importlib.import_module(module), function)(self)
        self._restore()
        if session.is_open:
            self._on_project_replaced()
        else:
            self._opening(True)

    # --- building ----------------------------------------------------------------------------

    def _build_central(self) -> None:
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName(self.tr("Pages"))
        self.sidebar.setToolTip(self.tr("The steps of the committee's work; Ctrl+1 to Ctrl+0"))
        for spec in PAGES:
            item = QListWidgetItem(_page_title(spec))
            item.setToolTip(QCoreApplication.translate("Pages", spec.summary))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.sidebar.addItem(item)
        self.sidebar.setSpacing(3)
        self.sidebar.setMinimumWidth(self.sidebar.sizeHintForColumn(0) + 24)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        for _spec in PAGES:
            self.stack.addWidget(QWidget())  # replaced by the page on first visit

        self.banner = QFrame()
        self.banner.setObjectName("sample_banner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner_layout = QHBoxLayout(self.banner)
        self.banner_label = QLabel(
            self.tr(
                "You are looking at a made-up sample district. Explore freely: "
                "nothing here is real."
            )
        )
        self.banner_label.setWordWrap(True)
        self.start_own_button = QPushButton(self.tr("Start your district's project…"))
        self.start_own_button.setObjectName("start_own")
        self.start_own_button.setToolTip(
            self.tr("Create an empty project for your district and leave the sample")
        )
        self.start_own_button.setAccessibleName(self.tr("Start your district's project"))
        banner_layout.addWidget(self.banner_label, 1)
        banner_layout.addWidget(self.start_own_button)

        self.page_header = QLabel()
        self.page_header.setObjectName("page_header")
        self.page_header.setWordWrap(True)
        font = self.page_header.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.page_header.setFont(font)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 6, 6, 6)
        right_layout.addWidget(self.banner)
        right_layout.addWidget(self.page_header)
        right_layout.addWidget(self.stack, 1)

        self.splitter = QSplitter()
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

    def _build_menus(self) -> None:
        self.menus: dict[str, QMenu] = {}
        bar = self.menuBar()
        for title, entries in MENUS:
            menu = bar.addMenu(QCoreApplication.translate("Menus", title))
            self.menus[title.replace("&", "").lower()] = menu
            for entry in entries:
                if entry is None:
                    menu.addSeparator()
                elif entry == "recent":
                    self.recent_menu = menu.addMenu(self.tr("Open &recent"))
                    self.recent_menu.aboutToShow.connect(self._fill_recent)
                else:
                    menu.addAction(self.registry[ActionId(entry)])
        view = self.menus["view"]
        self.page_actions: list[QAction] = []
        for number, spec in enumerate(PAGES, start=1):
            action = QAction(_page_title(spec), self)
            action.setObjectName(f"go_{spec.key}")
            if number <= 10:
                action.setShortcut(QKeySequence(f"Ctrl+{number % 10}"))
            action.setStatusTip(QCoreApplication.translate("Pages", spec.summary))
            action.triggered.connect(partial(self.show_page, spec.key))
            view.addAction(action)
            self.page_actions.append(action)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.file_label = QLabel()
        self.file_label.setObjectName("status_file")
        self.state_label = QLabel()
        self.state_label.setObjectName("status_saved")
        self.scorer_label = QLabel()
        self.scorer_label.setObjectName("status_scorer")
        for label in (self.file_label, self.state_label, self.scorer_label):
            label.setContentsMargins(8, 0, 8, 0)
            label.setFrameShape(QFrame.Shape.StyledPanel)
            bar.addPermanentWidget(label)

    def _connect(self) -> None:
        a = self.registry
        a[ActionId.NEW].triggered.connect(self.files.new)
        a[ActionId.START_OWN].triggered.connect(self.files.new)
        a[ActionId.OPEN].triggered.connect(self.files.open)
        a[ActionId.SAVE].triggered.connect(self.files.save)
        a[ActionId.SAVE_AS].triggered.connect(self.files.save_as)
        a[ActionId.CLOSE].triggered.connect(self.files.close)
        a[ActionId.QUIT].triggered.connect(self.close)
        a[ActionId.UNDO].triggered.connect(self.session.undo_stack.undo)
        a[ActionId.REDO].triggered.connect(self.session.undo_stack.redo)
        a[ActionId.PREFERENCES].triggered.connect(self._preferences)
        a[ActionId.HELP].triggered.connect(self._help)
        a[ActionId.ABOUT].triggered.connect(self._about)
        self.start_own_button.clicked.connect(self.files.new)
        stack = self.session.undo_stack
        stack.canUndoChanged.connect(self.update_actions)
        stack.canRedoChanged.connect(self.update_actions)
        stack.undoTextChanged.connect(self.update_actions)
        stack.redoTextChanged.connect(self.update_actions)
        self.session.changed.connect(self._on_changed)
        self.session.saved.connect(self._update_title)
        self.session.project_replaced.connect(self._on_project_replaced)
        self.session.scorer_changed.connect(self._update_scorer)
        self.sidebar.currentRowChanged.connect(self._on_sidebar_row)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files
        for number, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {path.name}")
            action.setStatusTip(str(path))
            action.triggered.connect(partial(self.files.open_path, path))
        if not recent:
            empty = self.recent_menu.addAction(self.tr("No recent projects"))
            empty.setEnabled(False)

    # --- pages -------------------------------------------------------------------------------

    def page(self, key: str) -> Page:
        """The page named ``key``, built on first use."""
        if key in self.pages:
            return self.pages[key]
        index = next(i for i, spec in enumerate(PAGES) if spec.key == key)
        spec = PAGES[index]
        page: Page
        if spec.factory is None:
            page = PlaceholderPage(self.session, self.settings, _page_title(spec))
        else:
            module, _, name = spec.factory.partition(":")
            page_class: Any = getattr(importlib.import_module(module), name)
            page = page_class(self.session, self.settings)
        page.setObjectName(f"page_{key}")
        page.setAccessibleName(_page_title(spec))
        old = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self.pages[key] = page
        page.reload()
        return page

    def show_page(self, key: str) -> Page:
        index = next(i for i, spec in enumerate(PAGES) if spec.key == key)
        if self.sidebar.currentRow() != index:
            self.sidebar.setCurrentRow(index)  # comes back through _on_sidebar_row
        return self.page(key)

    def current_page_key(self) -> str:
        return PAGES[max(self.sidebar.currentRow(), 0)].key

    def _on_sidebar_row(self, row: int) -> None:
        if row < 0 or not self.session.is_open:
            return  # shown once the project is open (see _on_project_replaced)
        spec = PAGES[row]
        page = self.page(spec.key)
        self.stack.setCurrentWidget(page)
        self.page_header.setText(
            f"{_page_title(spec)} — {QCoreApplication.translate('Pages', spec.summary)}"
        )
        self.settings.last_page = spec.key

    # --- state -------------------------------------------------------------------------------

    def update_actions(self) -> None:
        """The only place that enables or disables actions."""
        stack = self.session.undo_stack
        if not shiboken6.isValid(stack) or not shiboken6.isValid(self):
            return  # the stack emits while it is being destroyed with the window
        undo, redo = self.registry[ActionId.UNDO], self.registry[ActionId.REDO]
        undo.setEnabled(stack.canUndo())
        redo.setEnabled(stack.canRedo())
        undo.setText(
            self.tr("&Undo {what}").format(what=stack.undoText())
            if stack.canUndo()
            else self.tr("&Undo")
        )
        redo.setText(
            self.tr("&Redo {what}").format(what=stack.redoText())
            if stack.canRedo()
            else self.tr("&Redo")
        )
        district = self.session.project.district()
        self.registry[ActionId.START_OWN].setVisible(district.is_sample)
        self.banner.setVisible(district.is_sample)

    def _on_changed(self, changes: Changes) -> None:
        self._update_title()
        if changes.district:
            self.update_actions()

    def show_opening(self, name: str) -> None:
        """Say which project is on its way, while the window paints before it is open."""
        self.setWindowTitle(self.tr("{name} — Aligner").format(name=name))
        text = self.tr("Opening {name}…").format(name=name)
        self.page_header.setText(text)
        self.statusBar().showMessage(text)

    def _opening(self, opening: bool) -> None:
        """Until the first project is open, only Quit, Help and About can run."""
        if opening:
            self.banner.hide()
            keep = {ActionId.QUIT, ActionId.HELP, ActionId.ABOUT}
            self._held = [
                action
                for key, action in self.registry.items()
                if key not in keep and action.isEnabled()
            ]
            self._held += [action for action in self.page_actions if action.isEnabled()]
        for action in self._held:
            action.setEnabled(not opening)
        if not opening:
            self._held = []
            self.statusBar().clearMessage()

    def _on_project_replaced(self) -> None:
        if not self.pages:  # the first project of a window that painted before it was open
            self._opening(False)
            self._on_sidebar_row(self.sidebar.currentRow())
        self._update_title()
        self._update_scorer(self.session.scorer)
        self.update_actions()
        self._show_open_warnings()

    def _show_open_warnings(self) -> None:
        """Say what opening found beside the file (another program's journal), which decides
        whether Save may write there; window-modal, so the window behind stays painted."""
        warnings = self.session.project.warnings
        if not warnings:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Opened with a warning"),
            "\n\n".join(warnings),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("open-warning")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _update_title(self) -> None:
        project = self.session.project
        dirty = project.is_dirty
        self.setWindowTitle(f"{project.path.name}[*] — Aligner")
        self.setWindowModified(dirty)
        # The name only: a long path would set the window's minimum width at large text sizes.
        self.file_label.setText(self.tr("File: {name}").format(name=project.path.name))
        self.file_label.setToolTip(str(project.path))
        self.state_label.setText(self.tr("Unsaved changes") if dirty else self.tr("Saved"))

    def _update_scorer(self, member_id: object) -> None:
        name = next((m.name for m in self.session.project.members() if m.id == member_id), None)
        self.scorer_label.setText(
            self.tr("Scoring: {name}").format(name=name)
            if name
            else self.tr("Scoring: nobody chosen")
        )

    def _restore(self) -> None:
        if not self.restoreGeometry(self.settings.geometry):
            self.resize(1280, 760)
        self.restoreState(self.settings.window_state)
        if not self.splitter.restoreState(self.settings.splitter_state("main")):
            side = self.sidebar.minimumWidth() + 16
            self.splitter.setSizes([side, max(self.width() - side, side)])
        keys = [spec.key for spec in PAGES]
        last = self.settings.last_page
        index = keys.index(last) if last in keys else 0
        if self.session.is_open:
            self.show_page(keys[index])
        else:
            self.sidebar.setCurrentRow(index)  # its page is built once the project is open

    # --- window events -----------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session.is_open and not self.files.maybe_keep_unsaved():
            event.ignore()
            return
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.set_splitter_state("main", self.splitter.saveState())
        for page in self.pages.values():
            page.save_state()
        self.settings.sync()
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _project_file(event.mimeData().urls()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _project_file(event.mimeData().urls())
        if path is not None:
            event.acceptProposedAction()
            self.files.open_path(path)

    # --- small dialogs -----------------------------------------------------------------------

    def _preferences(self) -> None:
        from ui.preferences import PreferencesDialog

        PreferencesDialog(self.settings, self, self.session).exec()

    def _help(self) -> None:
        QMessageBox.information(self, self.tr("Aligner help"), _help_text())

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Aligner"),
            self.tr(
                "Aligner {version}\n\nChoose AI tools for a school district by its real "
                "challenges, with evidence and governance. Works offline."
            ).format(version=__version__),
        )


def _project_file(urls: list[QUrl]) -> Path | None:
    for url in urls:
        if url.isLocalFile() and url.toLocalFile().endswith(FILE_SUFFIX):
            return Path(url.toLocalFile())
    return None


def _help_text() -> str:
    return QCoreApplication.translate(
        "MainWindow",
        "Work down the pages on the left, in order:\n\n"
        "1. District: your rubric and how scores combine.\n"
        "2. Challenges: the real problems, and how much each matters.\n"
        "3. Outcomes & weights: what would show progress, and its weight.\n"
        "4. Tools: the candidates.\n"
        "5. Committee: who scores, and their conflicts of interest.\n"
        "6. Scoring: choose your name at the top, then type a digit in each cell.\n\n"
        "Then Rankings shows the result. Ctrl+1 … Ctrl+0 jump to a page; "
        "Ctrl+Z undoes any change made since the project was opened, except a recorded "
        "decision: decisions are final, and a mistake is corrected by amending it.",
    )
