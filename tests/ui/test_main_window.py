"""The window itself: pages in order, sample banner, title, status bar, file handling, drops."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from aligner.services import edits
from aligner.services.project import Project
from tests.ui.conftest import ScriptedPrompts
from ui.actions import ActionId
from ui.main_window import MainWindow
from ui.pages import PAGES
from ui.prompts import Unsaved


def test_sidebar_lists_the_pages_in_the_order_of_the_work(main_window: MainWindow) -> None:
    titles = [main_window.sidebar.item(i).text() for i in range(main_window.sidebar.count())]
    assert titles == [
        "District",
        "Challenges",
        "Outcomes & weights",
        "Tools",
        "Committee",
        "Scoring",
        "Rankings",
        "Privacy",
        "Governance",
        "Audit",
    ]
    assert [spec.key for spec in PAGES][:6] == [
        "district",
        "challenges",
        "outcomes",
        "tools",
        "committee",
        "scoring",
    ]


def test_sample_shows_a_banner_with_a_way_to_start_the_districts_own(
    main_window: MainWindow,
) -> None:
    assert main_window.banner.isVisible()
    assert "sample" in main_window.banner_label.text()
    assert main_window.start_own_button.isVisible()


def test_keyboard_shortcut_moves_between_pages(main_window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(main_window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_page_key() == "tools"
    assert main_window.stack.currentWidget() is main_window.pages["tools"]


def test_title_and_status_bar_follow_unsaved_state(main_window: MainWindow) -> None:
    name = main_window.session.project.path.name
    assert main_window.windowTitle() == f"{name}[*] — Aligner"
    assert not main_window.isWindowModified()
    assert main_window.state_label.text() == "Saved"
    main_window.session.push(edits.update_district(school_year="2027-28"))
    assert main_window.isWindowModified()
    assert main_window.state_label.text() == "Unsaved changes"
    main_window.registry[ActionId.SAVE].trigger()
    assert not main_window.isWindowModified()
    assert Project.open(main_window.session.project.path, take_over=True) is not None


def test_undo_action_names_the_change_and_restores_it(main_window: MainWindow) -> None:
    project = main_window.session.project
    main_window.session.push(edits.update_district(school_year="2030-31"), "Change school year")
    undo = main_window.registry[ActionId.UNDO]
    assert undo.isEnabled()
    assert "Change school year" in undo.text()
    undo.trigger()
    assert project.district().school_year == "2026-27"
    main_window.registry[ActionId.REDO].trigger()
    assert project.district().school_year == "2030-31"


def test_close_with_unsaved_changes_asks_and_cancel_keeps_window(
    main_window: MainWindow, prompts: ScriptedPrompts
) -> None:
    main_window.session.push(edits.update_district(school_year="2031-32"))
    prompts.answer_unsaved = Unsaved.CANCEL
    assert not main_window.close()
    assert prompts.asked == ["unsaved"]
    prompts.answer_unsaved = Unsaved.DISCARD
    assert main_window.close()


def test_new_project_replaces_the_sample_and_hides_the_banner(
    main_window: MainWindow, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    prompts.path = tmp_path / "Our district.aligner"
    main_window.start_own_button.click()
    project = main_window.session.project
    assert project.path == prompts.path.resolve()
    assert project.district().name == "Test district"
    assert not main_window.banner.isVisible()
    assert main_window.windowTitle().startswith("Our district.aligner")
    assert main_window.settings.recent_files[0] == prompts.path.resolve()


def test_locked_project_asks_before_taking_over(
    main_window: MainWindow, prompts: ScriptedPrompts, sample_file: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.aligner"
    other.write_bytes(sample_file.read_bytes())
    lock = other.with_name(f".~lock.{other.name}#")
    lock.write_text(
        json.dumps({"user": "pat", "host": "library-laptop", "pid": 4242, "since": "09:00"}),
        encoding="utf-8",
    )
    before = main_window.session.project.path
    prompts.answer_take_over = False
    assert not main_window.files.open_path(other)
    assert prompts.asked == ["take_over"]
    assert main_window.session.project.path == before
    prompts.answer_take_over = True
    assert main_window.files.open_path(other)
    assert main_window.session.project.path == other.resolve()


def test_dropping_a_project_file_opens_it(
    main_window: MainWindow, sample_file: Path, tmp_path: Path
) -> None:
    other = tmp_path / "dropped.aligner"
    other.write_bytes(sample_file.read_bytes())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    main_window.dropEvent(event)
    assert main_window.session.project.path == other.resolve()
