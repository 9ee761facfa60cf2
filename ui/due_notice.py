"""On every project opened, say in the status bar what governance follow-up is overdue.

Kept apart from the Governance page so announcing it never imports the page's charts (and
with them matplotlib) before the window first paints.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication


def install(window: Any) -> None:
    def announce() -> None:
        if not window.session.is_open:
            return  # announced on project_replaced, once the first project is open
        # Imported here: install runs before the first paint and the governance service
        # needs the store (SQLAlchemy).
        from aligner.services.fields import today
        from aligner.services.governance import due_list

        items = due_list(window.session.project, today())
        overdue = sum(item.overdue for item in items)
        if items:
            window.statusBar().showMessage(
                QCoreApplication.translate(
                    "DueNotice", "{overdue} overdue and {soon} due soon: see Governance"
                ).format(overdue=overdue, soon=len(items) - overdue)
            )

    window.session.project_replaced.connect(announce)
    announce()
