"""The user's display name: asked once at the first edit, kept in preferences, in the audit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from aligner.services import audit_log, edits, governance
from aligner.services.project import current_actor
from tests.ui.conftest import ScriptedPrompts
from ui.main_window import MainWindow
from ui.preferences import PreferencesDialog
from ui.session import Session
from ui.settings import AppSettings
from ui.tasks import ImmediateTaskRunner


@pytest.fixture
def new_user(tmp_path: Path) -> AppSettings:
    """Preferences of someone who has never been asked their name."""
    return AppSettings(QSettings(str(tmp_path / "new-user.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(
    qtbot: QtBot, session: Session, new_user: AppSettings, prompts: ScriptedPrompts
) -> Iterator[MainWindow]:
    shown = MainWindow(session, new_user, ImmediateTaskRunner())
    shown.prompts = prompts
    shown.files.prompts = prompts
    qtbot.addWidget(shown)
    yield shown
    shown.close()
    shown.deleteLater()


def _last_actor(window: MainWindow) -> str:
    return audit_log.events(window.session.project)[-1].actor


def test_the_first_edit_asks_the_name_once_and_the_audit_uses_it(
    window: MainWindow, prompts: ScriptedPrompts, new_user: AppSettings
) -> None:
    assert prompts.asked == []  # opening and looking around asks nothing
    prompts.answer_display_name = "Priya Natarajan"
    window.session.push(edits.update_district(school_year="2027-28"))
    assert prompts.asked == [f"display_name: {current_actor()}"]  # pre-filled with the OS user
    assert new_user.display_name == "Priya Natarajan"
    assert _last_actor(window) == f"{current_actor()} (Priya Natarajan)"
    assert not governance.actor_needs_name(window.session.project)  # recorded in the project
    window.session.push(edits.update_district(school_year="2028-29"))
    assert len(prompts.asked) == 1  # once


def test_declining_keeps_the_os_user_and_does_not_ask_again_this_session(
    window: MainWindow, prompts: ScriptedPrompts, new_user: AppSettings
) -> None:
    prompts.answer_display_name = None
    window.session.push(edits.update_district(school_year="2027-28"))
    window.session.push(edits.update_district(school_year="2028-29"))
    assert len(prompts.asked) == 1
    assert new_user.display_name == ""
    assert _last_actor(window) == current_actor()


def test_a_confirmed_name_names_every_project_opened(
    main_window: MainWindow, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    main_window.session.push(edits.update_district(school_year="2027-28"))
    assert prompts.asked == []  # confirmed in an earlier session
    assert _last_actor(main_window) == f"{current_actor()} (Test member)"
    prompts.path = tmp_path / "Our district.aligner"
    main_window.files.new()
    main_window.session.push(edits.update_district(school_year="2027-28"))
    assert _last_actor(main_window) == f"{current_actor()} (Test member)"


def test_preferences_change_the_name(window: MainWindow, new_user: AppSettings) -> None:
    new_user.display_name = "Priya N."
    dialog = PreferencesDialog(new_user, window, window.session)
    assert dialog.display_name.text() == "Priya N."
    dialog.display_name.setText("  Priya Natarajan ")
    dialog.accept()
    assert new_user.display_name == "Priya Natarajan"
    window.session.push(edits.update_district(school_year="2027-28"))
    assert _last_actor(window) == f"{current_actor()} (Priya Natarajan)"
    assert (
        "Priya Natarajan"
        in audit_log.events(window.session.project, audit_log.AuditFilter(entity="actor"))[-1].after
    )
