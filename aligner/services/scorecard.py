"""Gather a project's results into the plain values the scorecard and the report are made of.

Everything comes from the one pipeline (project.evaluation), so the workbook, the report, the
CLI and the app show the same numbers.
"""

from __future__ import annotations

import math
import warnings
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from aligner.compute.pipeline import Evaluation
from aligner.domain.model import District, Tool
from aligner.exchange.report import Discussion, ReportExtras, render_report, write_report
from aligner.exchange.scorecard import write_scorecard
from aligner.exchange.scorecard_data import (
    CellLine,
    ChallengeLine,
    MemberScore,
    OutcomeLine,
    ScorecardData,
    ToolCard,
)
from aligner.services.method_note import method_note
from aligner.services.project import Project
from aligner.services.ranking import ranking_from
from aligner.storage import audit, repositories

if TYPE_CHECKING:  # matplotlib loads only when a chart is drawn, not when the app starts
    from matplotlib.figure import Figure

Progress = Callable[[int, int], None]
#: Sharp enough for print and a projector, small enough for a workbook of many tools.
IMAGE_DPI = 100.0


def workbook_note(district: District) -> tuple[str, ...]:
    """The method note (services/method_note.py) plus what the workbook's formulas do."""
    return (
        *method_note(district).split("\n\n"),
        "In this workbook the totals and global weights are live formulas over the Weights and "
        "Scores sheets: change a weight on the Weights sheet and the totals follow.",
    )


def _png(figure: Figure) -> bytes:
    from aligner.charts.png import figure_to_png

    with warnings.catch_warnings():
        # A tool named in a script the bundled font lacks draws boxes; that is no error.
        warnings.filterwarnings("ignore", "Glyph .* missing from font", UserWarning)
        return figure_to_png(figure, dpi=IMAGE_DPI)


def chart_images(evaluation: Evaluation) -> list[tuple[str, bytes]]:
    """The ranking, weights, cost and disagreement charts, as the app draws them."""
    from aligner.services import figures

    return [
        ("Ranking", _png(figures.ranking_figure(evaluation))),
        ("Weights", _png(figures.weights_figure(evaluation))),
        ("Cost and score", _png(figures.cost_figure(evaluation))),
        ("Where members disagree", _png(figures.disagreement_figure(evaluation))),
    ]


def radar_image(evaluation: Evaluation, index: int) -> bytes:
    """One tool's profile across the outcomes (the scorecard's radar chart)."""
    from aligner.services.figures import profile_figure

    return _png(profile_figure(evaluation, [index]))


def privacy_lines(project: Project) -> dict[int, tuple[tuple[str, str], ...]]:
    """Each tool's privacy summary (R5.3) as label/value pairs for the scorecard."""
    from aligner.services import privacy

    titles = {item.key: item.title for item in privacy.items(project)}
    result: dict[int, tuple[tuple[str, str], ...]] = {}
    for summary in privacy.summaries(project):
        failed = ", ".join(titles.get(key, key) for key in summary.blockers_failed)
        if summary.override is not None:
            gate = "passed by a recorded override"
        else:
            gate = "blocked" if summary.blocked else "passed"
        result[summary.tool_id] = (
            ("Privacy gate", gate),
            ("Checklist answered", f"{summary.answered} of {summary.items}"),
            ("Unknown answers", str(summary.unknowns)),
            ("Must-pass items failed", failed or "none"),
            ("Data agreement", summary.agreement_status),
        )
    return result


def _finite(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


def scorecard_data(
    project: Project, *, charts: bool = True, evaluation: Evaluation | None = None
) -> ScorecardData:
    """Everything the workbook and the report show; ``charts=False`` skips the images."""
    evaluation = evaluation or project.evaluation()
    ranking = ranking_from(evaluation, sensitivity=False)
    with project.reading() as connection:
        district = repositories.district(connection)
        challenges = repositories.challenges(connection)
        outcomes = repositories.outcomes(connection)
        tools: dict[int, Tool] = {t.id: t for t in repositories.tools(connection)}
        scores = repositories.named_scores(connection)
        fingerprint = audit.head(connection)[1]
    privacy = privacy_lines(project)
    data = evaluation.data
    titles: dict[int, str] = {c.id: c.title for c in challenges}
    outcome_names: dict[int, str] = {o.id: o.name for o in outcomes}
    outcome_pos = {oid: j for j, oid in enumerate(data.outcome_ids)}
    tool_pos = {tid: i for i, tid in enumerate(data.tool_ids)}
    rationales: dict[tuple[int, int], list[str]] = defaultdict(list)
    for tool_id, outcome_id, member, _, _, _, _, rationale in scores:
        if rationale:
            rationales[(tool_id, outcome_id)].append(f"{member}: {rationale}")
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
                topsis_rank=line.topsis_rank,
                cost_effectiveness=line.cost_effectiveness,
                blocked_reasons=line.blocked_reasons,
                scores=tuple(_finite(v) for v in evaluation.cell_scores[i]),
                lines=cell_lines,
                radar_png=radar_image(evaluation, i) if charts else None,
                privacy=privacy.get(line.tool_id, ()),
            )
        )
    return ScorecardData(
        district=district.name,
        school_year=district.school_year,
        made_on=datetime.now(UTC).date().isoformat(),
        fingerprint=fingerprint,
        method_note=workbook_note(district),
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
        member_scores=tuple(MemberScore(*score[2:]) for score in scores),
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
    data = evaluation.data
    stability = ranking_from(evaluation).stability
    if stability is None:
        text = "Fewer than two tools are ranked: there is no first place to defend."
        reasons: tuple[str, ...] = ()
    else:
        text, reasons = f"{stability.word.capitalize()}: {stability.sentence()}", stability.reasons
    spread = evaluation.disagreement
    discuss = sorted(
        (
            Discussion(
                data.tool_names[t],
                data.outcome_names[o],
                float(spread.range[t, o]),
                int(spread.counts[t, o]),
            )
            for t, o in np.argwhere(spread.discuss)
        ),
        key=lambda d: (-d.spread, d.tool, d.outcome),
    )
    return ReportExtras(text, reasons, tuple(discuss))


def report_html(project: Project, *, charts: bool = True) -> str:
    """The meeting report as HTML text, charts embedded."""
    evaluation = project.evaluation()
    data = scorecard_data(project, charts=charts, evaluation=evaluation)
    return render_report(data, report_extras(evaluation))


@dataclass(frozen=True, slots=True)
class PrintableReport:
    """The report for a print engine: HTML naming its images, and the PNG of each name."""

    html: str
    images: dict[str, bytes]


def printable_report(project: Project, *, charts: bool = True) -> PrintableReport:
    """The meeting report for printing or PDF through Qt, which loads images by name."""
    evaluation = project.evaluation()
    data = scorecard_data(project, charts=charts, evaluation=evaluation)
    images: dict[str, bytes] = {}
    html = render_report(data, report_extras(evaluation), images=images)
    return PrintableReport(html, images)


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
