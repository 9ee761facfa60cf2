"""The ranking as plain values, the same for the app, the CLI and the exports.

``ranking_from(evaluation)`` gives every figure a committee reads: both methods' scores and
ranks, coverage, blocked reasons, cost-effectiveness and the sensitivity verdict. Live "what if"
views that re-rank on every slider step may pass ``sensitivity=False`` and ask for the verdict
once the slider stops.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from aligner.compute.pipeline import Evaluation
from aligner.compute.sensitivity import (
    DEFAULT_CONCENTRATION,
    DEFAULT_DRAWS,
    ROBUST_MARGIN,
    ROBUST_WEIGHT_SHIFT,
    Verdict,
    WeightFlip,
    verdict,
)
from aligner.domain.errors import ComputeError

METHOD_WEIGHTED_SUM = "weighted_sum"
METHOD_TOPSIS = "topsis"
METHODS = (METHOD_WEIGHTED_SUM, METHOD_TOPSIS)


def _number(value: float, digits: int = 4) -> float | None:
    return None if not math.isfinite(value) else round(value, digits)


@dataclass(frozen=True, slots=True)
class RankedTool:
    """One tool's line in the ranking."""

    tool_id: int
    name: str
    #: Weighted-sum total on 0..100; None when the tool has no scores.
    score: float | None
    #: Rank by the ranking's method; None for blocked and unscored tools.
    rank: int | None
    status: str
    coverage: float
    insufficient: float
    blocked_reasons: tuple[str, ...] = ()
    weighted_sum_rank: int | None = None
    topsis_closeness: float | None = None
    topsis_rank: int | None = None
    cost_per_student: float | None = None
    #: Points per $1,000 per student served; None when cost or score is unknown, or free.
    cost_effectiveness: float | None = None
    on_frontier: bool = False
    #: Share of Monte Carlo weight draws in which the tool came first; None without them.
    p_first: float | None = None


@dataclass(frozen=True, slots=True)
class WeightChange:
    outcome_id: int
    outcome: str
    weight: float
    new_weight: float
    new_first_id: int
    new_first: str


@dataclass(frozen=True, slots=True)
class ScoreChange:
    member_id: int
    member: str
    tool_id: int
    tool: str
    outcome_id: int
    outcome: str
    old: float
    new: float


@dataclass(frozen=True, slots=True)
class Stability:
    """The sensitivity verdict in the room's words and numbers."""

    word: str
    first: str
    second: str
    margin: float
    weight_change: WeightChange | None
    score_change: ScoreChange | None
    reasons: tuple[str, ...]
    draws: int
    concentration: float
    #: For every outcome: its smallest change of weight that changes who is first, or None.
    weight_changes: tuple[tuple[int, str, float, WeightChange | None], ...] = ()

    def sentence(self) -> str:
        """One paragraph a chair can read out."""
        parts = [f"{self.first} leads {self.second} by {self.margin:.1f} points."]
        change = self.weight_change
        if change is None:
            parts.append("No single outcome weight moving within 0-100% changes who is first.")
        else:
            parts.append(
                f"Moving the weight of {change.outcome} from {100 * change.weight:.1f}% to "
                f"{100 * change.new_weight:.1f}% puts {change.new_first} first."
            )
        score = self.score_change
        if score is None:
            parts.append("No one-point change of a single member's score flips the top two.")
        else:
            parts.append(
                f"{score.member} changing their {score.tool} score on {score.outcome} from "
                f"{score.old:g} to {score.new:g} would flip the top two."
            )
        parts.append(f"Verdict: {self.word}.")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Ranking:
    """Tools best first by ``method``: ranked, then blocked, then unscored."""

    method: str
    tools: tuple[RankedTool, ...]
    weights: tuple[tuple[int, str, float], ...]
    #: Kendall's tau-b between the weighted-sum and TOPSIS rankings; None with < 2 ranked.
    methods_tau: float | None = None
    stability: Stability | None = None
    #: Per outcome: (outcome id, name, Kendall's W or None, raters it rests on, cells to discuss).
    agreement: tuple[tuple[int, str, float | None, int, int], ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "method": self.method,
            "weights": [
                {"outcome_id": oid, "outcome": name, "weight": round(w, 6)}
                for oid, name, w in self.weights
            ],
            "methods_kendall_tau": None if self.methods_tau is None else round(self.methods_tau, 4),
            "tools": [_tool_json(t) for t in self.tools],
            "agreement": [
                {
                    "outcome_id": oid,
                    "outcome": name,
                    "kendall_w": None if w is None else round(w, 4),
                    "raters": raters,
                    "cells_to_discuss": discuss,
                }
                for oid, name, w, raters, discuss in self.agreement
            ],
            "sensitivity": None if self.stability is None else _stability_json(self.stability),
        }


def _tool_json(t: RankedTool) -> dict[str, object]:
    return {
        "id": t.tool_id,
        "name": t.name,
        "score": None if t.score is None else round(t.score, 4),
        "rank": t.rank,
        "status": t.status,
        "coverage": round(t.coverage, 4),
        "insufficient": round(t.insufficient, 4),
        "blocked_reasons": list(t.blocked_reasons),
        "weighted_sum_rank": t.weighted_sum_rank,
        "topsis_closeness": t.topsis_closeness,
        "topsis_rank": t.topsis_rank,
        "cost_per_student": t.cost_per_student,
        "cost_effectiveness": t.cost_effectiveness,
        "on_cost_frontier": t.on_frontier,
        "p_first": t.p_first,
    }


def _stability_json(s: Stability) -> dict[str, object]:
    w, m = s.weight_change, s.score_change
    return {
        "verdict": s.word,
        "first": s.first,
        "second": s.second,
        "margin": round(s.margin, 4),
        "smallest_weight_change": "none within 0-100%"
        if w is None
        else {
            "outcome_id": w.outcome_id,
            "outcome": w.outcome,
            "from": round(w.weight, 6),
            "to": round(w.new_weight, 6),
            "change": round(w.new_weight - w.weight, 6),
            "new_first": w.new_first,
        },
        "one_point_flip": None
        if m is None
        else {
            "member_id": m.member_id,
            "member": m.member,
            "tool": m.tool,
            "outcome": m.outcome,
            "from": m.old,
            "to": m.new,
        },
        "weight_changes": [
            {
                "outcome_id": oid,
                "outcome": name,
                "weight": round(weight, 6),
                "to": "none within 0-100%" if change is None else round(change.new_weight, 6),
                "new_first": None if change is None else change.new_first,
            }
            for oid, name, weight, change in s.weight_changes
        ],
        "reasons": list(s.reasons),
        "thresholds": {"margin": ROBUST_MARGIN, "weight_change": ROBUST_WEIGHT_SHIFT},
        "draws": s.draws,
        "concentration": s.concentration,
        "text": s.sentence(),
    }


def _weight_change(evaluation: Evaluation, flip: WeightFlip | None) -> WeightChange | None:
    data = evaluation.data
    if flip is None or flip.new_weight is None or flip.new_first is None:
        return None
    return WeightChange(
        data.outcome_ids[flip.outcome],
        data.outcome_names[flip.outcome],
        flip.weight,
        flip.new_weight,
        data.tool_ids[flip.new_first],
        data.tool_names[flip.new_first],
    )


def _stability(evaluation: Evaluation, found: Verdict) -> Stability:
    data = evaluation.data
    names = data.tool_names
    weight_change = _weight_change(evaluation, found.weight_flip)
    score_change = None
    member = found.member_flip
    if member is not None:
        member_name = (
            data.member_names[member.member]
            if data.member_names
            else f"member {data.member_ids[member.member]}"
        )
        score_change = ScoreChange(
            data.member_ids[member.member],
            member_name,
            data.tool_ids[member.tool],
            names[member.tool],
            data.outcome_ids[member.outcome],
            data.outcome_names[member.outcome],
            member.old,
            member.new,
        )
    return Stability(
        found.word,
        names[found.first],
        names[found.second],
        found.margin,
        weight_change,
        score_change,
        found.reasons,
        found.probabilities.draws,
        found.probabilities.concentration,
        tuple(
            (
                data.outcome_ids[f.outcome],
                data.outcome_names[f.outcome],
                f.weight,
                _weight_change(evaluation, f),
            )
            for f in found.weight_flips
        ),
    )


def _order(evaluation: Evaluation, method: str) -> list[int]:
    if method == METHOD_WEIGHTED_SUM:
        return evaluation.order()
    names = evaluation.data.tool_names

    def key(i: int) -> tuple[int, int, float, str]:
        status = evaluation.status(i)
        group = {"ranked": 0, "blocked": 1, "unscored": 2}[status]
        closeness = evaluation.closeness[i]
        rank = int(evaluation.topsis_ranks[i])
        return (group, rank, -closeness if np.isfinite(closeness) else 0.0, names[i])

    return sorted(range(len(names)), key=key)


def ranking_from(
    evaluation: Evaluation,
    method: str = METHOD_WEIGHTED_SUM,
    *,
    sensitivity: bool = True,
    draws: int = DEFAULT_DRAWS,
    concentration: float = DEFAULT_CONCENTRATION,
) -> Ranking:
    """The ranking by ``method`` ("weighted_sum" or "topsis"), with the other method alongside."""
    if method not in METHODS:
        raise ComputeError(f"unknown ranking method {method!r}; use one of {', '.join(METHODS)}")
    data = evaluation.data
    found = verdict(evaluation, draws=draws, concentration=concentration) if sensitivity else None
    p_first: dict[int, float] = {}
    if found is not None:
        p_first = dict(zip(found.ranked, found.probabilities.first.tolist(), strict=True))
    by_method = evaluation.ranks if method == METHOD_WEIGHTED_SUM else evaluation.topsis_ranks
    cost = data.cost_per_student
    lines = []
    for i in _order(evaluation, method):
        status = evaluation.status(i)
        ranked = status == "ranked"
        lines.append(
            RankedTool(
                tool_id=data.tool_ids[i],
                name=data.tool_names[i],
                score=_number(float(evaluation.totals[i]), 12),
                rank=int(by_method[i]) if ranked else None,
                status=status,
                coverage=float(evaluation.coverage[i]),
                insufficient=float(evaluation.insufficient[i]),
                blocked_reasons=tuple(data.blocked.get(data.tool_ids[i], ())),
                weighted_sum_rank=int(evaluation.ranks[i]) if ranked else None,
                topsis_closeness=_number(float(evaluation.closeness[i])),
                topsis_rank=int(evaluation.topsis_ranks[i]) if ranked else None,
                cost_per_student=None if cost is None else _number(float(cost[i]), 2),
                cost_effectiveness=_number(float(evaluation.cost_effectiveness[i]), 2),
                on_frontier=bool(evaluation.frontier[i]),
                p_first=None if i not in p_first else round(p_first[i], 4),
            )
        )
    weights = tuple(
        (oid, name, float(w))
        for oid, name, w in zip(
            data.outcome_ids, data.outcome_names, evaluation.weights, strict=True
        )
    )
    flagged = evaluation.disagreement.discuss.sum(axis=0)
    agreement = tuple(
        (oid, name, found_w.w, found_w.raters, int(flagged[j]))
        for j, (oid, name, found_w) in enumerate(
            zip(data.outcome_ids, data.outcome_names, evaluation.concordance, strict=True)
        )
    )
    return Ranking(
        method,
        tuple(lines),
        weights,
        methods_tau=evaluation.method_tau,
        stability=None if found is None else _stability(evaluation, found),
        agreement=agreement,
    )
