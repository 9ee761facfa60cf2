"""Render every page of the app to PNG, at 1366x768 and with text at 200%, for a visual check.

    .venv/bin/python tools/screenshots.py [--out shots]

Runs offscreen (no display needed) on a fresh copy of the sample district in a throw-away data
folder, so it never touches your own projects or settings.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SIZE = (1366, 768)


def shoot(out: Path, scale: int) -> list[Path]:
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest

    from aligner.demo import write_sample
    from aligner.services.project import Project
    from ui.app import make_application
    from ui.main_window import MainWindow
    from ui.pages import PAGES
    from ui.preferences import apply_text_scale
    from ui.session import Session
    from ui.settings import AppSettings

    app = make_application([])
    base = app.font().pointSizeF()
    apply_text_scale(app, scale, base)
    folder = Path(tempfile.mkdtemp(prefix="aligner-shots-"))
    os.environ["ALIGNER_DATA_DIR"] = str(folder / "data")
    sample = folder / "Riverbend sample.aligner"
    write_sample(sample)
    settings = AppSettings(QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat))
    session = Session(Project.open(sample))
    window = MainWindow(session, settings)
    window.resize(*SIZE)
    window.show()
    saved: list[Path] = []

    def grab(name: str) -> None:
        QTest.qWait(400)  # debounced charts redraw
        path = out / f"{name}-{scale}.png"
        window.grab().save(str(path))
        saved.append(path)

    for number, spec in enumerate(PAGES, start=1):
        page = window.show_page(spec.key)
        if spec.key == "scoring":
            member = getattr(page, "member", None)
            if member is not None:
                member.setCurrentIndex(1)
        grab(f"{number:02d}-{spec.key}")
        if spec.key == "outcomes":
            tabs = getattr(page, "tabs", None)
            if tabs is not None:
                tabs.setCurrentIndex(1)
                grab(f"{number:02d}-{spec.key}-weights")
        if spec.key == "scoring":
            reveal = getattr(page, "reveal", None)
            if reveal is not None:
                reveal.setChecked(True)
                grab(f"{number:02d}-{spec.key}-consensus")
                reveal.setChecked(False)
    session.undo_stack.clear()
    window.close()
    session.project.close()
    return saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("shots"))
    parser.add_argument("--scale", type=int, choices=(100, 200), action="append")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for scale in args.scale or [100, 200]:
        if scale != (args.scale or [100])[0] and not args.scale:
            # One QApplication per process: render the other scale in a child process.
            import subprocess

            subprocess.run(
                [sys.executable, __file__, "--out", str(args.out), "--scale", str(scale)],
                check=True,
            )
            continue
        for path in shoot(args.out, scale):
            sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
