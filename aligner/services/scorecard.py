"""Gather a project's results into the plain values the scorecard and the report are made of.

Everything comes from the one pipeline (project.evaluation), so the workbook, the report, the
CLI and the app show the same numbers.
"""

from __future__ import annotations

import math
import warnings
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from aligner.compute.pipeline import Evaluation
from aligner.domain.model import District, Tool
from aligner.exchange.report import Discussion, ReportExtras, write_report
from aligner.exchange.scorecard import write_scorecard
from aligner.exchange.scorecard_data import (
    CellLine,
    ChallengeLine,
    MemberScore,
    OutcomeLine,
    ScorecardData,
    ToolCard,
)
from aligner.services.project import Project
from aligner.services.ranking import ranking_from
from aligner.storage import audit, repositories

if TYPE_CHECKING:  # matplotlib loads only when a chart is drawn, not when the app starts
    from matplotlib.figure import Figure

Progress = Callable[[int, int], None]
#: Sharp enough for print and a projector, small enough for a workbook of many tools.
IMAGE_DPI = 100.0


def method_note(district: District) -> tuple[str, ...]:
    """The method in plain words, as the committee would explain it."""
    aggregation = district.aggregation.value.replace("_", " ")
    return (
        f"Members scored each tool on each outcome on the rubric "
        f"{district.rubric_min} to {district.rubric_max}; a missing score is missing, never 0. "
        f"Scores of one tool on one outcome are combined by the {aggregation}; a consensus "
        "value the committee set replaces it.",
        "Each combined score is rescaled to 0-1 on the rubric. An outcome's global weight is "
        "its challenge's share of all challenge weights times its share within the challenge.",
        "A tool's total is the weighted sum x 100 over the outcomes it has scores for, with "
        "those weights rescaled to sum to 1; Coverage says how much of the total weight that "
        "was. A tool with no scores has no total.",
        f"A cell with fewer than {district.min_raters} raters is thin evidence; members "
        f"disagree when one cell's scores span {district.discuss_threshold:g} or more.",
        "Tools that fail a must-pass privacy item are listed apart and not ranked. Ties share "
        "a rank. Change a weight on the Weights sheet and the totals follow.",
    )


def _png(figure: Figure) -> bytes:
    from aligner.charts.png import figure_to_png

    with warnings.catch_warnings():
        # A tool named in a script the bundled font lacks draws boxes; that is no error.
        warnings.filterwarnings("ignore", "Glyph .* missing from font", UserWarning)
        return figure_to_png(figure, dpi=IMAGE_DPI)


def chart_images(evaluation: Evaluation) -> list[tuple[str, bytes]]:
    """The ranking, weights, cost and disagreement charts as PNG, drawn by aligner/charts."""
    from aligner.charts.cost import cost_score_chart
    from aligner.charts.disagreement import disagreement_chart
    from aligner.charts.ranking import ranking_chart
    from aligner.charts.weights import weights_chart

    data = evaluation.data
    costs = (
        data.cost_per_student
        if data.cost_per_student is not None
        else np.full(len(data.tool_ids), np.nan)
    )
    span = data.rubric_max - data.rubric_min
    figures = [
        ("Ranking", ranking_chart(evaluation)),
        (
            "Weights",
            weights_chart(
                data.challenge_names, data.outcome_names, data.outcome_challenge, evaluation.weights
            ),
        ),
        (
            "Cost and score",
            cost_score_chart(
                data.tool_names,
                costs,
                evaluation.totals,
                evaluation.frontier,
            ),
        ),
        (
            "Where members disagree",
            disagreement_chart(
                data.tool_names,
                data.outcome_names,
                evaluation.disagreement.range,
                evaluation.disagreement.discuss,
                threshold=evaluation.disagreement.threshold,
                span=span,
            ),
        ),
    ]
    return [(title, _png(figure)) for title, figure in figures]


def radar_image(evaluation: Evaluation, index: int) -> bytes:
    """One tool's profile across the outcomes (the scorecard's radar chart)."""
    from aligner.charts.profile import profile_chart

    data = evaluation.data
    figure = profile_chart(
        [data.tool_names[index]],
        data.outcome_names,
        evaluation.cell_scores[index : index + 1],
        (data.rubric_min, data.rubric_max),
        size=(6.0, 5.0),
    )
    return _png(figure)


def _finite(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


def scorecard_data(
    project: Project, *, charts: bool = True, evaluation: Evaluation | None = None
) -> ScorecardData:
    """Everything the workbook and the report show; ``charts=False`` skips the images."""
    evaluation = evaluation or project.evaluation()
    ranking = ranking_from(evaluation)
    with project.reading() as connection:
        district = repositories.district(connection)
        challenges = repositories.challenges(connection)
        outcomes = repositories.outcomes(connection)
        tools: dict[int, Tool] = {t.id: t for t in repositories.tools(connection)}
        members = {m.id: m.name for m in repositories.members(connection)}
        scores = repositories.scores(connection)
        fingerprint = audit.head(connection)[1]
    data = evaluation.data
    titles: dict[int, str] = {c.id: c.title for c in challenges}
    outcome_names: dict[int, str] = {o.id: o.name for o in outcomes}
    outcome_pos = {oid: j for j, oid in enumerate(data.outcome_ids)}
    tool_pos = {tid: i for i, tid in enumerate(data.tool_ids)}
    rationales: dict[tuple[int, int], list[str]] = defaultdict(list)
    for score in scores:
        if score.rationale:
            rationales[(score.tool_id, score.outcome_id)].append(
                f"{members.get(score.member_id, '?')}: {score.rationale}"
            )
    spread = evaluation.disagreement.range
    cards = []
    for line in ranking.tools:
        i = tool_pos[line.tool_id]
        tool = tools[line.tool_id]
        cell_lines = tuple(
            CellLine(
                titles.get(o.challenge_id, ""),
                o.name,
                _finite(evaluation.cell_scores[i, outcome_pos[o.id]]),
                _finite(spread[i, outcome_pos[o.id]]),
                int(evaluation.cell_counts[i, outcome_pos[o.id]]),
                "\n".join(rationales.get((line.tool_id, o.id), ())),
            )
            for o in outcomes
        )
        cards.append(
            ToolCard(
                id=line.tool_id,
                name=line.name,
                vendor=tool.vendor,
                purpose=tool.purpose,
                lifecycle=tool.status.value.replace("_", " "),
                status=line.status,
                total=line.score,
                rank=line.rank,
                coverage=line.coverage,
                cost_per_student=tool.cost_per_student,
                topsis_rank=int(evaluation.topsis_ranks[i]) or None,
                cost_effectiveness=_finite(evaluation.cost_effectiveness[i]),
                blocked_reasons=line.blocked_reasons,
                scores=tuple(_finite(v) for v in evaluation.cell_scores[i]),
                lines=cell_lines,
                radar_png=radar_image(evaluation, i) if charts else None,
            )
        )
    return ScorecardData(
        district=district.name,
        school_year=district.school_year,
        made_on=datetime.now(UTC).date().isoformat(),
        fingerprint=fingerprint,
        method_note=method_note(district),
        rubric_low=data.rubric_min,
        rubric_high=data.rubric_max,
        challenges=tuple(ChallengeLine(c.id, c.title, c.weight) for c in challenges),
        outcomes=tuple(
            OutcomeLine(
                oid,
                data.challenge_ids[int(data.outcome_challenge[j])],
                titles.get(data.challenge_ids[int(data.outcome_challenge[j])], ""),
                outcome_names[oid],
                float(data.outcome_weights[j]),
                float(evaluation.weights[j]),
            )
            for j, oid in enumerate(data.outcome_ids)
        ),
        tools=tuple(cards),
        member_scores=tuple(
            MemberScore(
                members.get(s.member_id, "?"),
                tools[s.tool_id].name,
                outcome_names.get(s.outcome_id, "?"),
                s.value,
                s.abstained,
                s.rationale,
            )
            for s in scores
        ),
        charts=tuple(chart_images(evaluation)) if charts else (),
    )


def export_scorecard(
    project: Project, target: Path, *, charts: bool = True, progress: Progress | None = None
) -> None:
    """Write the scorecard workbook for ``project`` to ``target`` (atomically)."""
    data = scorecard_data(project, charts=charts)
    if progress:
        progress(1, 2)
    write_scorecard(data, target)
    if progress:
        progress(2, 2)


def report_extras(evaluation: Evaluation) -> ReportExtras:
    """The sensitivity verdict and the cells to discuss, in words."""
    from aligner.compute.sensitivity import verdict

    data = evaluation.data
    found = verdict(evaluation)
    reasons: tuple[str, ...] = ()
    if found is None:
        text = "Fewer than two tools are ranked: there is no first place to defend."
    else:
        first, second = data.tool_names[found.first], data.tool_names[found.second]
        text = f"{found.word.capitalize()}: {first} leads {second} by {found.margin:.1f} points."
        reasons = found.reasons
        flip = found.weight_flip
        if flip is not None and flip.new_weight is not None and flip.new_first is not None:
            reasons = (
                *reasons,
                f"Moving the weight of {data.outcome_names[flip.outcome]} from "
                f"{100 * flip.weight:.1f}% to {100 * flip.new_weight:.1f}% would put "
                f"{data.tool_names[flip.new_first]} first.",
            )
    spread = evaluation.disagreement
    flagged = np.argwhere(spread.discuss)
    discuss = sorted(
        (
            Discussion(
                data.tool_names[t],
                data.outcome_names[o],
                float(spread.range[t, o]),
                int(spread.counts[t, o]),
            )
            for t, o in flagged
        ),
        key=lambda d: (-d.spread, d.tool, d.outcome),
    )
    return ReportExtras(text, tuple(reasons), tuple(discuss))


def export_report(
    project: Project, target: Path, *, charts: bool = True, progress: Progress | None = None
) -> None:
    """Write the self-contained HTML meeting report for ``project`` to ``target``."""
    evaluation = project.evaluation()
    data = scorecard_data(project, charts=charts, evaluation=evaluation)
    if progress:
        progress(1, 2)
    write_report(data, report_extras(evaluation), target)
    if progress:
        progress(2, 2)
