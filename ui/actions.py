"""Every window action declared once, with its standard shortcut, and the menus built from them.

To add an action (e.g. File > Import), add an ActionId, one ActionSpec in ``SPECS`` and its id
in ``MENUS``; then connect its handler with ``window.registry[ActionId.X].triggered.connect``,
typically in an extension's ``install(window)`` (see ui/extensions.py).
``MainWindow.update_actions`` is the only place that enables or disables actions.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

from ui.i18n import QT_TRANSLATE_NOOP


class ActionId(StrEnum):
    NEW = "new"
    OPEN = "open"
    SAVE = "save"
    SAVE_AS = "save_as"
    CLOSE = "close"
    START_OWN = "start_own"
    QUIT = "quit"
    EXPORT_SCORECARD = "export_scorecard"
    EXPORT_REPORT = "export_report"
    EXPORT_PACKETS = "export_packets"
    IMPORT_PACKETS = "import_packets"
    IMPORT_INVENTORY = "import_inventory"
    SAVE_TEMPLATE = "save_template"
    PRINT_REPORT = "print_report"
    REPORT_PDF = "report_pdf"
    UNDO = "undo"
    REDO = "redo"
    PREFERENCES = "preferences"
    HELP = "help"
    ABOUT = "about"
    MEETING = "meeting"
    EXPORT_TRANSPARENCY = "export_transparency"


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """How one action looks: text (with & mnemonic), shortcut, status tip, menu role."""

    id: ActionId
    text: str
    tip: str
    standard_key: QKeySequence.StandardKey | None = None
    shortcut: str = ""
    role: QAction.MenuRole = QAction.MenuRole.NoRole


_K = QKeySequence.StandardKey
_R = QAction.MenuRole

SPECS: tuple[ActionSpec, ...] = (
    ActionSpec(
        ActionId.NEW,
        QT_TRANSLATE_NOOP("Actions", "&New project…"),
        QT_TRANSLATE_NOOP("Actions", "Start an empty project for a district"),
        _K.New,
    ),
    ActionSpec(
        ActionId.OPEN,
        QT_TRANSLATE_NOOP("Actions", "&Open…"),
        QT_TRANSLATE_NOOP("Actions", "Open a project file"),
        _K.Open,
    ),
    ActionSpec(
        ActionId.SAVE,
        QT_TRANSLATE_NOOP("Actions", "&Save"),
        QT_TRANSLATE_NOOP("Actions", "Save the project to its file"),
        _K.Save,
    ),
    ActionSpec(
        ActionId.SAVE_AS,
        QT_TRANSLATE_NOOP("Actions", "Save &As…"),
        QT_TRANSLATE_NOOP("Actions", "Save the project to another file"),
        _K.SaveAs,
        shortcut="Ctrl+Shift+S",
    ),
    ActionSpec(
        ActionId.CLOSE,
        QT_TRANSLATE_NOOP("Actions", "&Close project"),
        QT_TRANSLATE_NOOP("Actions", "Close this project and go back to your district's own"),
        _K.Close,
    ),
    ActionSpec(
        ActionId.START_OWN,
        QT_TRANSLATE_NOOP("Actions", "Start &your district's project…"),
        QT_TRANSLATE_NOOP("Actions", "Leave the sample and start your district's own project"),
    ),
    ActionSpec(
        ActionId.EXPORT_SCORECARD,
        QT_TRANSLATE_NOOP("Actions", "Export &scorecard…"),
        QT_TRANSLATE_NOOP("Actions", "Save the ranking and scorecards as an Excel workbook"),
        shortcut="Ctrl+E",
    ),
    ActionSpec(
        ActionId.EXPORT_REPORT,
        QT_TRANSLATE_NOOP("Actions", "Export meeting &report…"),
        QT_TRANSLATE_NOOP("Actions", "Save one web page to share, print or read on a phone"),
    ),
    ActionSpec(
        ActionId.EXPORT_PACKETS,
        QT_TRANSLATE_NOOP("Actions", "Export scoring &packets…"),
        QT_TRANSLATE_NOOP("Actions", "One workbook per member to score offline"),
    ),
    ActionSpec(
        ActionId.IMPORT_PACKETS,
        QT_TRANSLATE_NOOP("Actions", "&Import scoring packets…"),
        QT_TRANSLATE_NOOP("Actions", "Merge members' returned packets, with a report"),
    ),
    ActionSpec(
        ActionId.IMPORT_INVENTORY,
        QT_TRANSLATE_NOOP("Actions", "Import &inventory…"),
        QT_TRANSLATE_NOOP("Actions", "Add challenges, outcomes and tools from .xlsx or .csv"),
    ),
    ActionSpec(
        ActionId.PRINT_REPORT,
        QT_TRANSLATE_NOOP("Actions", "&Print meeting report…"),
        QT_TRANSLATE_NOOP("Actions", "Print the meeting report"),
        _K.Print,
    ),
    ActionSpec(
        ActionId.REPORT_PDF,
        QT_TRANSLATE_NOOP("Actions", "Save meeting report as P&DF…"),
        QT_TRANSLATE_NOOP("Actions", "Save the meeting report as a PDF file"),
    ),
    ActionSpec(
        ActionId.SAVE_TEMPLATE,
        QT_TRANSLATE_NOOP("Actions", "Save inventory &template…"),
        QT_TRANSLATE_NOOP("Actions", "The empty workbook to fill in for Import inventory"),
    ),
    ActionSpec(
        ActionId.QUIT,
        QT_TRANSLATE_NOOP("Actions", "&Quit"),
        QT_TRANSLATE_NOOP("Actions", "Quit Aligner"),
        _K.Quit,
        shortcut="Ctrl+Q",
        role=_R.QuitRole,
    ),
    ActionSpec(
        ActionId.UNDO,
        QT_TRANSLATE_NOOP("Actions", "&Undo"),
        QT_TRANSLATE_NOOP("Actions", "Undo the last change"),
        _K.Undo,
    ),
    ActionSpec(
        ActionId.REDO,
        QT_TRANSLATE_NOOP("Actions", "&Redo"),
        QT_TRANSLATE_NOOP("Actions", "Redo the change just undone"),
        _K.Redo,
    ),
    ActionSpec(
        ActionId.PREFERENCES,
        QT_TRANSLATE_NOOP("Actions", "&Preferences…"),
        QT_TRANSLATE_NOOP("Actions", "Text size and start-up"),
        _K.Preferences,
        shortcut="Ctrl+,",
        role=_R.PreferencesRole,
    ),
    ActionSpec(
        ActionId.EXPORT_TRANSPARENCY,
        QT_TRANSLATE_NOOP("Actions", "Export &transparency page…"),
        QT_TRANSLATE_NOOP(
            "Actions", "A plain-language web page for families: the AI tools in use and their data"
        ),
    ),
    ActionSpec(
        ActionId.MEETING,
        QT_TRANSLATE_NOOP("Actions", "&Meeting mode"),
        QT_TRANSLATE_NOOP(
            "Actions", "Full screen, large type: the ranking and the verdict for the room (F11)"
        ),
        _K.FullScreen,
        shortcut="F11",
    ),
    ActionSpec(
        ActionId.HELP,
        QT_TRANSLATE_NOOP("Actions", "Aligner &help"),
        QT_TRANSLATE_NOOP("Actions", "How the committee's work goes, page by page"),
        _K.HelpContents,
        shortcut="F1",
    ),
    ActionSpec(
        ActionId.ABOUT,
        QT_TRANSLATE_NOOP("Actions", "&About Aligner"),
        QT_TRANSLATE_NOOP("Actions", "Version and licence"),
        role=_R.AboutRole,
    ),
)

#: Menu bar layout: (menu title, action ids; None is a separator; "recent" the Recent menu).
MENUS: list[tuple[str, list[ActionId | str | None]]] = [
    (
        QT_TRANSLATE_NOOP("Menus", "&File"),
        [
            ActionId.NEW,
            ActionId.OPEN,
            "recent",
            ActionId.START_OWN,
            None,
            ActionId.SAVE,
            ActionId.SAVE_AS,
            None,
            ActionId.IMPORT_INVENTORY,
            ActionId.IMPORT_PACKETS,
            ActionId.EXPORT_PACKETS,
            ActionId.EXPORT_SCORECARD,
            ActionId.EXPORT_REPORT,
            ActionId.EXPORT_TRANSPARENCY,
            ActionId.REPORT_PDF,
            ActionId.PRINT_REPORT,
            ActionId.SAVE_TEMPLATE,
            None,
            ActionId.CLOSE,
            ActionId.QUIT,
        ],
    ),
    (
        QT_TRANSLATE_NOOP("Menus", "&Edit"),
        [ActionId.UNDO, ActionId.REDO, None, ActionId.PREFERENCES],
    ),
    (QT_TRANSLATE_NOOP("Menus", "&View"), [ActionId.MEETING, None]),
    (QT_TRANSLATE_NOOP("Menus", "&Help"), [ActionId.HELP, ActionId.ABOUT]),
]


def tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


def build_actions(parent: QObject) -> dict[ActionId, QAction]:
    """Create one QAction per spec; handlers are connected by the window or an extension."""
    made: dict[ActionId, QAction] = {}
    for spec in SPECS:
        action = QAction(tr(spec.text), parent)
        action.setObjectName(f"action_{spec.id.value}")
        action.setStatusTip(tr(spec.tip))
        action.setToolTip(tr(spec.tip))
        keys: list[QKeySequence] = []
        if spec.standard_key is not None:
            keys.extend(QKeySequence.keyBindings(spec.standard_key))
        if spec.shortcut and QKeySequence(spec.shortcut) not in keys:
            keys.append(QKeySequence(spec.shortcut))
        action.setShortcuts(keys)
        action.setMenuRole(spec.role)
        made[spec.id] = action
    return made
