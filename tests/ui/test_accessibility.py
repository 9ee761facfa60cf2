"""Every interactive widget on every page has a name assistive technology can read, and a
tooltip; the pages are reachable by keyboard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.pages import PAGES
from ui.preferences import apply_text_scale


def _name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def _interactive(root: QWidget) -> list[QWidget]:
    """Widgets that take keyboard focus in the window itself.

    Left out: popups (a combo box's list lives in its own window) and the line edit inside a
    spin box, which is the spin box's focus proxy and is named through it.
    """
    return [
        w
        for w in root.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and w.isEnabled()
        and w.window() is root.window()
        and not isinstance(w.parentWidget(), QAbstractSpinBox)
    ]


def test_every_interactive_widget_of_every_page_has_an_accessible_name(
    main_window: MainWindow,
) -> None:
    missing: list[str] = []
    for spec in PAGES:
        page = main_window.show_page(spec.key)
        for widget in [*_interactive(page), *_interactive(main_window.centralWidget())]:
            if not _name(widget):
                missing.append(f"{spec.key}: {type(widget).__name__} {widget.objectName()!r}")
    assert not missing, "\n".join(sorted(set(missing)))


def test_every_interactive_widget_of_my_pages_has_a_tooltip(main_window: MainWindow) -> None:
    missing: list[str] = []
    for spec in PAGES[:6]:
        page = main_window.show_page(spec.key)
        for widget in _interactive(page):
            if type(widget).__name__ in {"QTabBar", "QScrollArea"}:
                continue  # tabs carry their own text; scroll areas only hold the form
            if isinstance(widget.parentWidget(), QTabBar):
                continue  # a tab bar's own scroll arrows: Qt names them "Scroll Left/Right"
            if not widget.toolTip():
                missing.append(f"{spec.key}: {type(widget).__name__} {_name(widget)!r}")
    assert not missing, "\n".join(sorted(set(missing)))


def test_tab_walks_the_page_and_comes_back(main_window: MainWindow, qtbot: QtBot) -> None:
    page = main_window.show_page("challenges")
    main_window.sidebar.setFocus()
    seen: list[QWidget] = []
    for _ in range(60):
        qtbot.keyClick(main_window.focusWidget() or main_window, Qt.Key.Key_Tab)
        widget = main_window.focusWidget()
        if widget is main_window.sidebar:
            break
        assert widget is not None
        seen.append(widget)
    else:
        raise AssertionError("Tab never came back to the sidebar: a keyboard trap")
    assert page.search in seen and page.table in seen and page.add_button in seen
    assert page.form.editor("title") in seen
    assert seen.index(page.search) < seen.index(page.table) < seen.index(page.add_button)


def test_the_app_follows_the_system_palette() -> None:
    # A style sheet would override the system palette (dark mode, high contrast themes).
    root = Path(__file__).resolve().parents[2] / "ui"
    offenders = [p.name for p in root.rglob("*.py") if "setStyleSheet(" in p.read_text("utf-8")]
    assert offenders == []


def test_my_pages_fit_a_1366_wide_screen_with_text_at_200_percent(
    main_window: MainWindow,
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = app.font()
    base = font.pointSizeF()
    try:
        apply_text_scale(app, 200, base)
        for spec in PAGES[:6]:
            main_window.show_page(spec.key)
        QApplication.processEvents()
        width = main_window.minimumSizeHint().width()
        assert width <= 1366, f"the window needs {width} px at 200% text"
    finally:
        font.setPointSizeF(base)
        app.setFont(font)
