"""Constants that name the application and its files. No I/O, no Qt."""

from __future__ import annotations

import sys
from pathlib import Path

APP_NAME = "Aligner"
ORG_NAME = "Aligner"
FILE_SUFFIX = ".aligner"

#: Written to the SQLite header (PRAGMA application_id) so a file can be recognised as ours.
#: The value spells "ALGN" in ASCII.
APPLICATION_ID = 0x414C474E

#: Mirrored in PRAGMA user_version; one integer per Alembic revision, in order.
SCHEMA_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005")
SCHEMA_VERSION = len(SCHEMA_REVISIONS)


def resources_dir() -> Path:
    """Return the folder of shipped data files (templates, checklist, icons).

    In a PyInstaller bundle it sits beside the executable's unpacked files; in a
    source checkout it is the top-level ``resources/`` folder.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
