"""The local working copies of open projects, and what is known about each.

A working copy is a private SQLite file in the user data folder with a small JSON note beside it:
which project file it belongs to and the audit head at the last save. A note whose working copy
has moved past that head after the app stopped is an unsaved session to offer for recovery.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from aligner.config import APP_NAME

#: Tests and portable installs point the data folder elsewhere with this variable.
DATA_DIR_ENV = "ALIGNER_DATA_DIR"


def data_dir() -> Path:
    """Return (and create) the folder for default projects, working copies and logs."""
    override = os.environ.get(DATA_DIR_ENV)
    base = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    base.mkdir(parents=True, exist_ok=True)
    return base


def _working_dir() -> Path:
    folder = data_dir() / "working"
    folder.mkdir(exist_ok=True)
    return folder


def backups_dir() -> Path:
    folder = data_dir() / "backups"
    folder.mkdir(exist_ok=True)
    return folder


@dataclass(frozen=True, slots=True)
class WorkingCopy:
    """One working copy and its note."""

    database: Path
    source: Path
    saved_head: int

    @property
    def note(self) -> Path:
        return self.database.with_suffix(".json")

    def write_note(self) -> None:
        data = {"source": str(self.source), "saved_head": self.saved_head}
        temp = self.note.with_suffix(".json.tmp")
        temp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(temp, self.note)

    def with_saved_head(self, head: int) -> WorkingCopy:
        return WorkingCopy(self.database, self.source, head)

    def with_source(self, source: Path) -> WorkingCopy:
        return WorkingCopy(self.database, source, self.saved_head)

    def forget(self) -> None:
        """Remove a closed working copy. SQLite has already folded and removed its WAL."""
        for path in (self.note, self.database):
            path.unlink(missing_ok=True)


def find(source: Path) -> WorkingCopy | None:
    """Return the working copy left for ``source`` by an earlier session, if any."""
    for note in sorted(_working_dir().glob("*.json")):
        try:
            data = json.loads(note.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if Path(data.get("source", "")) == source and note.with_suffix(".sqlite").exists():
            return WorkingCopy(note.with_suffix(".sqlite"), source, int(data.get("saved_head", 0)))
    return None


def new(source: Path) -> WorkingCopy:
    return WorkingCopy(_working_dir() / f"{uuid.uuid4().hex}.sqlite", source, 0)


def scratch_file(suffix: str) -> Path:
    """Return a fresh path in the data folder for a private temporary copy."""
    return _working_dir() / f"incoming-{uuid.uuid4().hex}{suffix}"
