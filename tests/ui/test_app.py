"""Start-up: the window paints before the store loads; the first run opens the sample district."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from aligner.services.project import default_project_path
from tests.sidecars import leave_a_wal
from ui.actions import ActionId
from ui.app import launch, make_application, start
from ui.prompts import Prompts
from ui.settings import AppSettings


def test_first_run_opens_the_sample_district_without_a_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    make_application()
    settings = AppSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    assert not default_project_path().exists()
    window = start(None, settings)
    assert window is not None
    project = window.session.project
    assert project.path == default_project_path().resolve()
    assert project.district().is_sample
    assert project.counts().scores > 0
    assert window.current_page_key() == "district"
    assert window.close()
    window.deleteLater()
    project.close()


#: Run by the subprocess test below: the desktop start as ``aligner FILE`` runs it, reporting
#: what is imported and shown when the window first paints, and once the project is open.
FIRST_PAINT_PROBE = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from ui.app import launch, make_application
from tests.sidecars import leave_a_wal
from ui.settings import AppSettings
HEAVY = ("sqlalchemy", "alembic", "numpy", "matplotlib", "openpyxl")
seen = {}
class Watch(QObject):
    window = None
    def eventFilter(self, watched, event):
        if (event.type() == QEvent.Type.Paint and "paint" not in seen
                and isinstance(watched, QWidget) and watched.window() is self.window):
            seen["paint"] = {
                "heavy": [m for m in HEAVY if m in sys.modules],
                "open": self.window.session.is_open,
                "title": self.window.windowTitle(),
                "save_enabled": self.window.registry["save"].isEnabled(),
            }
        return False
app = make_application()
watch = Watch(); app.installEventFilter(watch)
settings = AppSettings(QSettings(sys.argv[2], QSettings.Format.IniFormat))
window = launch(Path(sys.argv[1]), settings)
watch.window = window
def opened():
    seen["opened"] = {
        "district": window.session.project.district().name,
        "page": window.current_page_key(),
        "built": sorted(window.pages),
        "save_enabled": window.registry["save"].isEnabled(),
    }
    app.quit()
window.session.project_replaced.connect(opened)
QTimer.singleShot(60000, app.quit)
app.exec()
print(json.dumps(seen))
window.session.project.close()
"""


def test_the_window_paints_before_the_store_and_charts_are_imported(
    tmp_path: Path, sample_copy: Path
) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ALIGNER_DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT_PROBE, str(sample_copy), str(tmp_path / "ui.ini")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["paint"] == {
        "heavy": [],
        "open": False,
        "title": "district.aligner — Aligner",
        "save_enabled": False,
    }
    assert seen["opened"]["district"]
    assert seen["opened"]["page"] == "district"
    assert seen["opened"]["built"] == ["district"]
    assert seen["opened"]["save_enabled"]


def test_launch_opens_the_named_file_into_the_painted_window(
    qtbot: QtBot, tmp_path: Path, sample_copy: Path
) -> None:
    make_application()
    settings = AppSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = launch(sample_copy, settings)
    qtbot.addWidget(window)
    assert not window.session.is_open
    assert "Opening district.aligner" in window.page_header.text()
    window.sidebar.setCurrentRow(6)  # a click on Rankings while opening waits for the project
    assert window.pages == {}
    assert not window.registry[ActionId.SAVE].isEnabled()
    qtbot.waitUntil(lambda: window.session.is_open, timeout=30000)
    assert window.session.project.path == sample_copy.resolve()
    assert window.current_page_key() == "rankings"
    assert window.registry[ActionId.SAVE].isEnabled()
    assert settings.recent_files[0] == sample_copy.resolve()
    window.close()
    window.session.project.close()


def test_launch_closes_the_window_when_the_user_will_not_take_over_a_lock(
    qtbot: QtBot, tmp_path: Path, sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_application()
    sample_copy.with_name(f".~lock.{sample_copy.name}#").write_text(
        json.dumps({"user": "pat", "host": "library-laptop", "pid": 4242, "since": "09:00"}),
        encoding="utf-8",
    )
    asked: list[str] = []
    monkeypatch.setattr(Prompts, "take_over", lambda self, error: asked.append("take_over"))
    settings = AppSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = launch(sample_copy, settings)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30000)
    assert asked == ["take_over"]
    assert not window.session.is_open


def test_launch_explains_a_bad_file_and_opens_the_default_project(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_application()
    bad = tmp_path / "broken.aligner"
    bad.write_bytes(b"not a database at all")
    warned: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *rest: warned.append(text)
    )
    settings = AppSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = launch(bad, settings)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.session.is_open, timeout=30000)
    assert len(warned) == 1 and "broken.aligner" in warned[0]
    assert window.session.project.path == default_project_path().resolve()
    assert bad.read_bytes() == b"not a database at all"
    window.close()
    window.session.project.close()


def test_a_wal_left_beside_the_file_is_said_when_the_window_opens_it(
    qtbot: QtBot, sample_copy: Path, tmp_path: Path
) -> None:
    leave_a_wal(sample_copy, "INSERT INTO member(name, role) VALUES ('Walter WAL', 'Clerk')")
    make_application()
    settings = AppSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = start(sample_copy, settings)
    assert window is not None
    try:
        warning = window.findChild(QMessageBox, "open-warning")
        assert warning is not None and warning.isVisible()
        assert "-wal" in warning.text() and "another program" in warning.text()
        assert "Walter WAL" in {m.name for m in window.session.project.members()}
    finally:
        window.session.project.close()
        window.deleteLater()
