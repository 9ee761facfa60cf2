"""Typed wrapper over QSettings: UI preferences only, never project data.

Every key is declared once here. Window geometry, splitter and column states, recent files,
last folders and the text size live in QSettings; challenges, weights, scores and governance
records live in the project file. Nothing is pickled.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

SETTINGS_VERSION = 1
MAX_RECENT = 8
#: Text sizes offered in Preferences, in percent of the system font.
TEXT_SCALES = (100, 125, 150, 200)


class AppSettings:
    """Reads and writes the app's preferences through an injected QSettings."""

    def __init__(self, store: QSettings) -> None:
        self._store = store
        if int(str(self._store.value("settings_version", 0))) < SETTINGS_VERSION:
            # Version 1 is the first; later versions add ordered upgrade steps here.
            self._store.setValue("settings_version", SETTINGS_VERSION)

    def sync(self) -> None:
        self._store.sync()

    # --- window state ------------------------------------------------------------------------

    def _bytes(self, key: str) -> QByteArray:
        value = self._store.value(key)
        return value if isinstance(value, QByteArray) else QByteArray()

    @property
    def geometry(self) -> QByteArray:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._store.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._store.setValue("window/state", value)

    def splitter_state(self, name: str) -> QByteArray:
        return self._bytes(f"splitters/{name}")

    def set_splitter_state(self, name: str, value: QByteArray) -> None:
        self._store.setValue(f"splitters/{name}", value)

    def header_state(self, name: str) -> QByteArray:
        return self._bytes(f"columns/{name}")

    def set_header_state(self, name: str, value: QByteArray) -> None:
        self._store.setValue(f"columns/{name}", value)

    @property
    def last_page(self) -> str:
        return str(self._store.value("window/last_page", "") or "")

    @last_page.setter
    def last_page(self, key: str) -> None:
        self._store.setValue("window/last_page", key)

    # --- files -------------------------------------------------------------------------------

    @property
    def recent_files(self) -> list[Path]:
        raw = self._store.value("files/recent", [])
        if isinstance(raw, str):
            items: list[object] = [raw]
        elif isinstance(raw, list | tuple):
            items = list(raw)
        else:
            items = []
        return [Path(str(item)) for item in items if str(item)]

    def add_recent_file(self, path: Path) -> None:
        resolved = path.resolve()
        kept = [p for p in self.recent_files if p.resolve() != resolved]
        self._store.setValue("files/recent", [str(p) for p in [resolved, *kept][:MAX_RECENT]])

    def remove_recent_file(self, path: Path) -> None:
        kept = [p for p in self.recent_files if p != path]
        self._store.setValue("files/recent", [str(p) for p in kept])

    def last_dir(self, kind: str) -> str:
        """The folder last used for ``kind`` ("project", "export", "import")."""
        return str(self._store.value(f"dirs/{kind}", "") or "")

    def set_last_dir(self, kind: str, folder: Path) -> None:
        self._store.setValue(f"dirs/{kind}", str(folder))

    # --- preferences -------------------------------------------------------------------------

    @property
    def text_scale(self) -> int:
        """Text size in percent of the system font (Preferences)."""
        try:
            value = int(str(self._store.value("view/text_scale", 100)))
        except ValueError:
            return 100
        return value if value in TEXT_SCALES else 100

    @text_scale.setter
    def text_scale(self, value: int) -> None:
        self._store.setValue("view/text_scale", value)

    @property
    def reopen_last(self) -> bool:
        """Whether a start without a named file reopens the last project."""
        return str(self._store.value("files/reopen_last", "true")).lower() == "true"

    @reopen_last.setter
    def reopen_last(self, value: bool) -> None:
        self._store.setValue("files/reopen_last", "true" if value else "false")

    @property
    def display_name(self) -> str:
        """The user's name as the audit log records it beside their OS account (R4.8)."""
        return str(self._store.value("user/display_name", "") or "").strip()

    @display_name.setter
    def display_name(self, value: str) -> None:
        self._store.setValue("user/display_name", value.strip())
