"""Translation helpers shared by ui modules."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` and return it untranslated.

    PySide6's own marker is typed as returning ``object``; this one keeps constants ``str``.
    Translate at use with ``QCoreApplication.translate(context, text)``.
    """
    del context
    return text
