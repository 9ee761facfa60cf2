"""The sidebar's pages, in the order of the committee's work: the one list to extend.

To add a page, write ``ui/pages/<name>.py`` with a ``Page`` subclass (see ui/pages/base.py) and
set its ``factory`` below to ``"ui.pages.<name>:<ClassName>"``. An entry whose factory is None
shows a placeholder until its page lands. Pages are imported and built lazily, the first time
the user opens them, so a page's heavy imports (matplotlib) never slow the start.
"""

from __future__ import annotations

from dataclasses import dataclass

from ui.i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True, slots=True)
class PageSpec:
    key: str
    #: Sidebar title (translated in context "Pages").
    title: str
    #: One line under the title, for the sidebar tooltip and the page header.
    summary: str
    #: "module:Class" of the page, or None for a placeholder.
    factory: str | None


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "district",
        QT_TRANSLATE_NOOP("Pages", "District"),
        QT_TRANSLATE_NOOP("Pages", "Name, school year, the scoring rubric and how scores combine"),
        "ui.pages.district:DistrictPage",
    ),
    PageSpec(
        "challenges",
        QT_TRANSLATE_NOOP("Pages", "Challenges"),
        QT_TRANSLATE_NOOP("Pages", "The district's real problems a tool might help with"),
        "ui.pages.challenges:ChallengesPage",
    ),
    PageSpec(
        "outcomes",
        QT_TRANSLATE_NOOP("Pages", "Outcomes & weights"),
        QT_TRANSLATE_NOOP("Pages", "What would show progress on each challenge, and how much"),
        "ui.pages.outcomes:OutcomesPage",
    ),
    PageSpec(
        "tools",
        QT_TRANSLATE_NOOP("Pages", "Tools"),
        QT_TRANSLATE_NOOP("Pages", "The AI tools under consideration or in use"),
        "ui.pages.tools:ToolsPage",
    ),
    PageSpec(
        "committee",
        QT_TRANSLATE_NOOP("Pages", "Committee"),
        QT_TRANSLATE_NOOP("Pages", "Members, conflicts of interest and scoring progress"),
        "ui.pages.committee:CommitteePage",
    ),
    PageSpec(
        "scoring",
        QT_TRANSLATE_NOOP("Pages", "Scoring"),
        QT_TRANSLATE_NOOP("Pages", "Score each tool on each outcome, then reveal and agree"),
        "ui.pages.scoring:ScoringPage",
    ),
    PageSpec(
        "rankings",
        QT_TRANSLATE_NOOP("Pages", "Rankings"),
        QT_TRANSLATE_NOOP("Pages", "The tools ranked by the committee's scores and weights"),
        "ui.pages.rankings:RankingsPage",
    ),
    PageSpec(
        "privacy",
        QT_TRANSLATE_NOOP("Pages", "Privacy"),
        QT_TRANSLATE_NOOP("Pages", "Student-data privacy vetting of each tool"),
        "ui.pages.privacy:PrivacyPage",
    ),
    PageSpec(
        "governance",
        QT_TRANSLATE_NOOP("Pages", "Governance"),
        QT_TRANSLATE_NOOP("Pages", "Decisions, owners, reviews and monitoring"),
        "ui.pages.governance:GovernancePage",
    ),
    PageSpec(
        "audit",
        QT_TRANSLATE_NOOP("Pages", "Audit"),
        QT_TRANSLATE_NOOP("Pages", "Every change, in a tamper-evident log"),
        "ui.pages.audit:AuditPage",
    ),
)
