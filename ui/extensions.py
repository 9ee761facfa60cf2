"""Features that plug into the main window after it is built (menus, actions, modes).

Each entry is "module:function"; the function gets the MainWindow and connects its own
actions (declared in ui/actions.py) and widgets. Add one line here per feature.
"""

from __future__ import annotations

EXTENSIONS: tuple[str, ...] = (
    "ui.meeting:install",
    "ui.exchange:install",
    "ui.due_notice:install",
    "ui.transparency_export:install",
    "ui.display_name:install",
)
