"""The charts' words in the user's language (the charts themselves live in the Qt-free core)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from aligner.charts.style import ChartWords


def _t(text: str) -> str:
    return QCoreApplication.translate("Charts", text)


def chart_words() -> ChartWords:
    """Translated chart text; imports the chart style (and matplotlib) only when called."""
    from aligner.charts.style import ChartWords

    return ChartWords(
        ranking_title=_t("Ranking: total score, one segment per outcome"),
        score_axis=_t("Score (0-100)"),
        blocked=_t("blocked"),
        not_scored=_t("not scored"),
        hidden=_t("?"),
        covered=_t("{share:.0%} of weight scored"),
        more_tools=_t("{count} more tools not shown"),
        profile_title=_t("Profile across outcomes"),
        rubric_axis=_t("Score on the rubric"),
        cost_title=_t("Cost per student against score"),
        cost_axis=_t("Cost per student ($ per year)"),
        frontier=_t("Cost-score frontier (no tool is both cheaper and better)"),
        other_tools=_t("Other tools"),
        not_plotted=_t("Not plotted (no cost or no score): {names}"),
        disagreement_title=_t("Where members disagree"),
        spread_axis=_t("Spread of members' scores (range)"),
        discuss=_t("! = discuss: spread at or above {threshold:g}"),
        no_scores=_t("no scores"),
        probability_title=_t("Rank probabilities when weights vary"),
        rank_axis=_t("Rank"),
        tool_axis=_t("Tool"),
        probability_axis=_t("Probability"),
        first_title=_t("Chance of being first"),
        draws=_t("{draws:,} weight draws"),
        weights_title=_t("Global weight of each outcome"),
        weight_axis=_t("Share of the total weight"),
        empty=_t("Nothing to chart yet"),
    )
