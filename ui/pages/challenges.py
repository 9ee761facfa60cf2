"""Challenges: the district's real problems, with a category, priority and weight."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aligner.domain.enums import Category
from aligner.domain.model import Challenge
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.records import Field
from ui.pages.records import RecordListPage
from ui.widgets.record_form import FormField


class ChallengesPage(RecordListPage):
    entity = "challenge"
    noun = QT_TRANSLATE_NOOP("RecordListPage", "challenge")
    changes_flag = "challenges"
    choice_filter = ("category", Category, QT_TRANSLATE_NOOP("RecordListPage", "All categories"))
    columns = (
        Field("title", QT_TRANSLATE_NOOP("Fields", "Title")),
        Field("category", QT_TRANSLATE_NOOP("Fields", "Category"), editable=False),
        Field("priority", QT_TRANSLATE_NOOP("Fields", "Priority")),
        Field("weight", QT_TRANSLATE_NOOP("Fields", "Weight")),
        Field("owner", QT_TRANSLATE_NOOP("Fields", "Owner")),
    )
    form_fields = (
        FormField(
            "title",
            QT_TRANSLATE_NOOP("Fields", "&Title:"),
            QT_TRANSLATE_NOOP("Fields", "A short name for the problem"),
        ),
        FormField(
            "category",
            QT_TRANSLATE_NOOP("Fields", "&Category:"),
            QT_TRANSLATE_NOOP("Fields", "What kind of outcome the problem is about"),
            kind="choice",
            choices=Category,
        ),
        FormField(
            "priority",
            QT_TRANSLATE_NOOP("Fields", "&Priority:"),
            QT_TRANSLATE_NOOP("Fields", "1 (low) to 5 (urgent)"),
            kind="int",
            minimum=1,
            maximum=5,
        ),
        FormField(
            "description",
            QT_TRANSLATE_NOOP("Fields", "Desc&ription:"),
            QT_TRANSLATE_NOOP("Fields", "What the problem is, in the district's words"),
            kind="text",
        ),
        FormField(
            "evidence",
            QT_TRANSLATE_NOOP("Fields", "Evide&nce:"),
            QT_TRANSLATE_NOOP("Fields", "Data that shows the problem is real"),
            kind="text",
        ),
        FormField(
            "owner",
            QT_TRANSLATE_NOOP("Fields", "&Owner:"),
            QT_TRANSLATE_NOOP("Fields", "Who leads the work on this challenge"),
        ),
    )

    def load(self) -> Sequence[Challenge]:
        return self.session.project.challenges()

    def new_values(self) -> dict[str, Any]:
        return {
            "title": self.tr("New challenge"),
            "category": Category.STUDENT_ACHIEVEMENT,
            "priority": 3,
            "weight": 10,
        }
