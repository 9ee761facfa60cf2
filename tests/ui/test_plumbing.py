"""The window's plumbing: errors in plain words, the error log, settings, the task runner,
the models' contracts with Qt, and the lock and recovery choices."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from aligner.domain.errors import ProjectLockedError, RecoveryAvailableError
from aligner.services.project import Recovery
from tests.ui.conftest import ScriptedPrompts
from ui.errors import describe, report_unexpected
from ui.files import open_with_choices
from ui.main_window import MainWindow
from ui.models.score_grid import ScoreGridModel
from ui.pages.challenges import ChallengesPage
from ui.session import Session
from ui.settings import AppSettings
from ui.tasks import CancelledError, CancelToken, TaskRunner, run_with_progress


def test_a_locked_project_is_described_in_plain_words() -> None:
    error = ProjectLockedError(user="pat", host="library-laptop", pid=42, since="09:00")
    title, text = describe(error)
    assert title == "The project is in use"
    assert "pat has this project open on library-laptop since 09:00" in text
    assert "Traceback" not in text


def test_an_unexpected_error_is_logged_and_offers_its_details(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    try:
        raise RuntimeError("disk fell off")
    except RuntimeError as exc:
        report_unexpected(None, exc, tmp_path / "aligner-errors.log")
    log = (tmp_path / "aligner-errors.log").read_text(encoding="utf-8")
    assert "RuntimeError: disk fell off" in log
    box = shown[0]
    assert "disk fell off" in box.detailedText()
    assert [b.text() for b in box.buttons() if b.text() == "Copy details"]


def test_open_asks_about_a_lock_then_about_recovery() -> None:
    prompts = ScriptedPrompts()
    calls: list[tuple[bool, Recovery]] = []
    sentinel = object()

    def opener(take_over: bool, recovery: Recovery) -> Any:
        calls.append((take_over, recovery))
        if not take_over:
            raise ProjectLockedError(user="pat", host="h", pid=1, since="now")
        if recovery is Recovery.ASK:
            raise RecoveryAvailableError(working_copy="w", last_change="yesterday")
        return sentinel

    assert open_with_choices(prompts, opener) is sentinel
    assert prompts.asked == ["take_over", "recovery"]
    assert calls[-1] == (True, Recovery.RECOVER)
    prompts.answer_recovery = None
    calls.clear()
    assert open_with_choices(prompts, opener) is None


def test_window_layout_persists_and_no_project_data_does(
    main_window: MainWindow, ui_settings: AppSettings, tmp_path: Path
) -> None:
    main_window.show_page("tools")
    assert main_window.close()
    store = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    keys = store.allKeys()
    assert "window/geometry" in keys and "window/last_page" in keys
    assert any(k.startswith("splitters/") for k in keys)
    text = (tmp_path / "ui.ini").read_text(encoding="utf-8")
    for tool in main_window.session.project.tools():
        assert tool.name not in text


def test_the_real_task_runner_delivers_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    results: list[object] = []

    def job(progress: object, token: object) -> int:
        return 6 * 7

    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    run_with_progress(parent, runner, "Working", job, lambda f: results.append(f.result()))
    qtbot.waitUntil(lambda: results == [42], timeout=5000)

    def cancelled(progress: object, token: CancelToken) -> None:
        token.cancel()
        token.check()

    failures: list[BaseException | None] = []
    run_with_progress(
        parent, runner, "Working", cancelled, lambda f: failures.append(f.exception())
    )
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=5000)
    assert isinstance(failures[0], CancelledError)
    runner.shutdown()


def test_models_keep_qts_contract(
    main_window: MainWindow, session: Session, qtmodeltester: ModelTester
) -> None:
    page = main_window.show_page("challenges")
    assert isinstance(page, ChallengesPage)
    qtmodeltester.check(page.model)
    grid = ScoreGridModel(session)
    grid.load(session.project.members()[0].id)
    qtmodeltester.check(grid)


def test_future_type_is_what_the_runner_returns() -> None:
    # The immediate runner hands completed futures to on_done, like the pools do.
    from ui.tasks import ImmediateTaskRunner

    seen: list[Future[int]] = []
    ImmediateTaskRunner().submit(lambda: 1, seen.append)
    assert seen[0].result() == 1
