"""Who is editing: the display name a user confirms once, beside their OS account (R4.8).

There are no passwords offline, so the audit log names a person by the OS account plus a name
they confirm themselves. It is asked the first time they edit (exploring the sample needs no
dialog), kept in their preferences, used for every project they open, and recorded in the
project they confirmed it in. Preferences can change it.
"""

from __future__ import annotations

from typing import Any

from ui.errors import show_error
from ui.session import Session
from ui.settings import AppSettings


def remember(session: Session, settings: AppSettings, name: str) -> bool:
    """Keep ``name`` in the preferences and record it in the open project; False if refused."""
    from aligner.domain.errors import AlignerError
    from aligner.services import governance

    try:
        governance.confirm_actor(session.project, name)
    except AlignerError as error:
        show_error(None, error)
        return False
    settings.display_name = name
    return True


def install(window: Any) -> None:
    session: Session = window.session
    settings: AppSettings = window.settings
    asked = False

    def use_saved() -> None:
        if not session.is_open or not settings.display_name:
            return  # applied on project_replaced, once the first project is open
        # Imported here: install runs before the first paint, and the service needs the store.
        from aligner.services import governance

        governance.use_display_name(session.project, settings.display_name)

    def before_edit() -> None:
        nonlocal asked
        if settings.display_name or asked:
            return
        asked = True  # declining is an answer too: not asked again until the next start
        from aligner.services.project import current_actor

        name = window.prompts.display_name(current_actor())
        if name:
            remember(session, settings, name)

    session.before_edit = before_edit
    session.project_replaced.connect(use_saved)
    use_saved()
