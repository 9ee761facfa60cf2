"""Start-up: the first run opens the sample district with no dialog; matplotlib loads late."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from aligner.services.project import default_project_path
from ui.app import make_application, start
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


def test_the_window_shows_before_matplotlib_is_imported(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from ui.app import make_application, start\n"
        "from ui.settings import AppSettings\n"
        "app = make_application()\n"
        f"ini = {str(tmp_path / 'ui.ini')!r}\n"
        "settings = AppSettings(QSettings(ini, QSettings.Format.IniFormat))\n"
        "window = start(None, settings)\n"
        "window.show(); app.processEvents()\n"
        "print('matplotlib' in sys.modules)\n"
        "window.session.project.close()\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ALIGNER_DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "False"
