"""How stable the ranking is when weights move or one member's score moves.

Conventions (stated in the method note too):
- Totals follow the pipeline exactly: rubric-normalised cells, each tool's total over its scored
  cells with their weights rescaled; only eligible scored tools take part.
- Monte Carlo draws weight vectors from a Dirichlet distribution centred on the current global
  weights, alpha = concentration x weights: the larger the concentration, the closer the draws
  stay (at 100 a 20% weight typically moves by about 4 points). Outcomes weighing 0 stay at 0.
  Draws are seeded, so the same project gives the same probabilities every time. Within a draw
  exact ties are broken by list order (they need identical evidence on every weighted outcome).
- One weight change: one outcome's weight moves to v (0..100%) and the other weights are scaled
  proportionally so that all still sum to 100%; the result is the smallest move that puts
  another tool strictly ahead of the current first, found on a grid of 0.25% steps and refined
  by bisection to 0.00001%, or "none within 0-100%".
- One-point change: one member's existing score of the first tool goes down one rubric point, or
  of the second tool up one point (cells with a consensus score are the committee's, not one
  member's, and are skipped). It "flips" them when the second's total reaches the first's.
- Verdict: "robust" when the margin is at least ROBUST_MARGIN points, no single weight change of
  less than ROBUST_WEIGHT_SHIFT changes who is first, and no one-point change flips first and
  second; otherwise "fragile".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from aligner.compute.aggregation import aggregate
from aligner.compute.pipeline import Evaluation, normalise_on_rubric
from aligner.domain.errors import ComputeError

FloatArray = NDArray[np.float64]

DEFAULT_DRAWS = 10_000
#: Dirichlet concentration: alpha = concentration x current weights.
DEFAULT_CONCENTRATION = 100.0
DEFAULT_SEED = 20_240_901
#: Draws scored per batch: one matmul and one argsort for the default 10,000 draws.
BATCH = 10_000
#: A lead of at least this many points (of 100) counts as a clear margin.
ROBUST_MARGIN = 5.0
#: A single outcome weight must move at least this far (0.10 = 10 points) to change the first.
ROBUST_WEIGHT_SHIFT = 0.10
GRID_STEPS = 400
_TIE = 1e-9


@dataclass(frozen=True, eq=False)
class RankProbabilities:
    """Share of weight draws in which each tool held each place."""

    #: rank[tool, place]; place 0 is first. Rows and columns each sum to 1.
    rank: FloatArray
    draws: int
    concentration: float

    @property
    def first(self) -> FloatArray:
        return np.asarray(self.rank[:, 0], dtype=np.float64)


def _check(normalised: FloatArray, weights: FloatArray) -> None:
    if normalised.ndim != 2 or normalised.shape[0] == 0 or normalised.shape[1] == 0:
        raise ComputeError("sensitivity needs at least one scored tool and one outcome")
    if normalised.shape[1] != weights.size:
        raise ComputeError(f"{weights.size} weights given for {normalised.shape[1]} outcomes")
    if not np.all(np.isfinite(weights)) or np.any(weights < 0) or weights.sum() <= 0:
        raise ComputeError("sensitivity needs outcome weights >= 0 with at least one above 0")
    unscored = ~(~np.isnan(normalised) & (weights > 0)[None, :]).any(axis=1)
    if unscored.any():
        row = int(np.flatnonzero(unscored)[0])
        raise ComputeError(
            f"tool {row + 1} has no score on any weighted outcome; leave unscored tools out",
            row=row,
        )


def _totals(weight_rows: FloatArray, filled: FloatArray, present: FloatArray | None) -> FloatArray:
    """Totals (draws x tools) for many weight vectors at once, rescaled over scored cells."""
    points: FloatArray = weight_rows @ filled.T
    if present is None:
        return points
    covered = weight_rows @ present.T
    rescaled: FloatArray = np.divide(
        points, covered, out=np.full(points.shape, -np.inf), where=covered > 0
    )
    return rescaled


def _parts(normalised: FloatArray) -> tuple[FloatArray, FloatArray | None]:
    present = ~np.isnan(normalised)
    filled = np.where(present, normalised, 0.0)
    return filled, (None if present.all() else present.astype(np.float64))


def monte_carlo(
    normalised: FloatArray,
    weights: FloatArray,
    *,
    draws: int = DEFAULT_DRAWS,
    concentration: float = DEFAULT_CONCENTRATION,
    seed: int = DEFAULT_SEED,
) -> RankProbabilities:
    """Probability of each tool holding each place under Dirichlet weights around ``weights``.

    ``normalised[tool, outcome]`` holds 0..1 cell values (NaN = unscored) of the tools to rank.
    """
    _check(normalised, weights)
    if draws < 1 or not concentration > 0:
        raise ComputeError("Monte Carlo needs at least one draw and a concentration above 0")
    active = weights > 0
    alpha = concentration * weights[active] / weights[active].sum()
    filled, present = _parts(normalised[:, active])
    tools = normalised.shape[0]
    rng = np.random.default_rng(seed)
    counts = np.zeros((tools, tools), dtype=np.int64)
    drawn = np.empty((alpha.size, min(BATCH, draws)))
    for start in range(0, draws, BATCH):
        size = min(BATCH, draws - start)
        # Gamma variates are a Dirichlet draw before normalising; totals are ratios or scale
        # with the weights' sum, so the ranking does not need the division. One outcome at a
        # time fills a contiguous row, which numpy does faster than a broadcast shape array.
        for j, shape in enumerate(alpha):
            rng.standard_gamma(shape, size=size, out=drawn[j, :size])
        order = np.argsort(_totals(drawn[:, :size].T, filled, present), axis=1)
        # order[:, -1] is first; count how often each tool sits in each place.
        for place in range(tools):
            counts[:, place] += np.bincount(order[:, tools - 1 - place], minlength=tools)
    rank = counts / draws
    return RankProbabilities(rank, draws, float(concentration))


@dataclass(frozen=True, slots=True)
class WeightFlip:
    """The smallest move of one outcome's weight that changes who is first."""

    outcome: int
    weight: float
    #: New weight (0..1) at which another tool first gets ahead, or None: none within 0-100%.
    new_weight: float | None
    #: Index (into the ranked tools) of the tool that gets ahead.
    new_first: int | None

    @property
    def change(self) -> float | None:
        return None if self.new_weight is None else self.new_weight - self.weight


def _moved(weights: FloatArray, j: int, values: FloatArray) -> FloatArray:
    """Weight rows with outcome j set to each of ``values``, the others scaled to fill the rest."""
    others = weights.copy()
    others[j] = 0.0
    rest = others.sum()
    share = others / rest if rest > 0 else np.where(np.arange(weights.size) == j, 0.0, 1.0)
    share = share / share.sum() if share.sum() > 0 else share
    rows = (1.0 - values)[:, None] * share[None, :]
    rows[:, j] = values
    return rows


def _overtaker(totals: FloatArray, first: int) -> NDArray[np.int64]:
    """Per row, the tool strictly ahead of ``first`` (the best such), or -1."""
    rivals = totals.copy()
    rivals[:, first] = -np.inf
    best = np.argmax(rivals, axis=1)
    ahead = rivals[np.arange(len(best)), best] > totals[:, first] + _TIE
    return np.where(ahead, best, -1)


def weight_flips(normalised: FloatArray, weights: FloatArray) -> list[WeightFlip]:
    """For each outcome, the smallest single-weight change that changes who is first."""
    _check(normalised, weights)
    w = weights / weights.sum()
    filled, present = _parts(normalised)
    first = int(np.argmax(_totals(w[None, :], filled, present)[0]))
    grid = np.linspace(0.0, 1.0, GRID_STEPS + 1)
    flips = []
    for j in range(w.size):
        totals = _totals(_moved(w, j, grid), filled, present)
        changed = _overtaker(totals, first) >= 0
        best: tuple[float, int] | None = None
        for side in (grid > w[j], grid < w[j]):
            candidates = np.flatnonzero(changed & side)
            if candidates.size == 0:
                continue
            nearest = candidates[np.argmin(np.abs(grid[candidates] - w[j]))]
            found = _refine(w, j, float(grid[nearest]), filled, present, first)
            if best is None or abs(found[0] - w[j]) < abs(best[0] - w[j]):
                best = found
        flips.append(WeightFlip(j, float(w[j]), *(best if best is not None else (None, None))))
    return flips


def _refine(
    w: FloatArray,
    j: int,
    changed_at: float,
    filled: FloatArray,
    present: FloatArray | None,
    first: int,
) -> tuple[float, int]:
    """Bisect between the current weight and a weight where someone is ahead of ``first``."""
    inside, outside = float(w[j]), changed_at
    for _ in range(60):
        middle = (inside + outside) / 2
        totals = _totals(_moved(w, j, np.array([middle])), filled, present)
        if _overtaker(totals, first)[0] >= 0:
            outside = middle
        else:
            inside = middle
        if abs(outside - inside) < 1e-7:
            break
    totals = _totals(_moved(w, j, np.array([outside])), filled, present)
    return outside, int(_overtaker(totals, first)[0])


@dataclass(frozen=True, slots=True)
class MemberFlip:
    """A one-point change of one member's score that lets the second catch the first."""

    member: int
    tool: int
    outcome: int
    old: float
    new: float


def one_point_flip(evaluation: Evaluation, first: int, second: int) -> MemberFlip | None:
    """The first one-point change of a single member's score that flips ``first`` and ``second``.

    ``first`` and ``second`` index ``evaluation.data.tool_ids``. Returns None when no such change
    exists.
    """
    data = evaluation.data
    totals = evaluation.totals
    for tool, step, other in ((first, -1.0, second), (second, 1.0, first)):
        cells = data.scores[:, tool, :]
        fixed = (
            ~np.isnan(data.consensus[tool])
            if data.consensus is not None
            else np.zeros(cells.shape[1], dtype=bool)
        )
        members, outcomes = np.nonzero(~np.isnan(cells) & ~fixed[None, :])
        new_values = cells[members, outcomes] + step
        fits = (new_values >= data.rubric_min) & (new_values <= data.rubric_max)
        members, outcomes, new_values = members[fits], outcomes[fits], new_values[fits]
        if members.size == 0:
            continue
        # One variant of the cell's column of scores per candidate change, aggregated at once.
        variants = cells[:, outcomes].copy()
        variants[members, np.arange(members.size)] = new_values
        new_cells, _ = aggregate(variants[:, :, None], data.aggregation)
        delta = (
            normalise_on_rubric(new_cells[:, 0], data.rubric_min, data.rubric_max)
            - (evaluation.normalised[tool, outcomes])
        )
        moved = (
            totals[tool]
            + 100.0 * evaluation.weights[outcomes] * delta / (evaluation.coverage[tool])
        )
        gap = moved - totals[other] if step > 0 else totals[other] - moved
        hits = np.flatnonzero(gap >= -_TIE)
        if hits.size:
            k = int(hits[0])
            m, j = int(members[k]), int(outcomes[k])
            return MemberFlip(m, tool, j, float(cells[m, j]), float(new_values[k]))
    return None


@dataclass(frozen=True, eq=False)
class Verdict:
    """The plain answer for the room: how safe is the first place?"""

    word: str
    #: Indices into ``data.tool_ids`` of the first and second tools.
    first: int
    second: int
    #: Points (of 100) between the first and second totals.
    margin: float
    #: The smallest single-weight change that changes who is first; None: none within 0-100%.
    weight_flip: WeightFlip | None
    #: One member's one-point change that flips first and second; None: there is none.
    member_flip: MemberFlip | None
    probabilities: RankProbabilities
    #: Indices into ``data.tool_ids`` of the tools in ``probabilities``, in its row order.
    ranked: tuple[int, ...]
    reasons: tuple[str, ...]
    #: Per outcome, its smallest flipping change (``new_first`` indexes ``data.tool_ids``).
    weight_flips: tuple[WeightFlip, ...] = ()


def verdict(
    evaluation: Evaluation,
    *,
    draws: int = DEFAULT_DRAWS,
    concentration: float = DEFAULT_CONCENTRATION,
    seed: int = DEFAULT_SEED,
) -> Verdict | None:
    """Margin, smallest flipping weight change, one-point flips and rank probabilities.

    Returns None when fewer than two tools are ranked: there is no first place to defend.
    """
    ranked = [i for i in evaluation.order() if evaluation.status(i) == "ranked"]
    if len(ranked) < 2:
        return None
    first, second = ranked[0], ranked[1]
    margin = float(evaluation.totals[first] - evaluation.totals[second])
    rows = np.array(ranked)
    cells = evaluation.normalised[rows]
    every = tuple(
        WeightFlip(
            f.outcome,
            f.weight,
            f.new_weight,
            None if f.new_first is None else ranked[f.new_first],
        )
        for f in weight_flips(cells, evaluation.weights)
    )
    flips = [f for f in every if f.new_weight is not None]
    flip = min(flips, key=lambda f: abs(f.change or 0.0), default=None)
    member = one_point_flip(evaluation, first, second)
    reasons = []
    if margin < ROBUST_MARGIN:
        reasons.append(f"the margin is under {ROBUST_MARGIN:g} points")
    if flip is not None and abs(flip.change or 0.0) < ROBUST_WEIGHT_SHIFT:
        reasons.append(f"one weight moving under {100 * ROBUST_WEIGHT_SHIFT:g} points changes it")
    if member is not None:
        reasons.append("one member changing one score by one point flips first and second")
    return Verdict(
        word="fragile" if reasons else "robust",
        first=first,
        second=second,
        margin=margin,
        weight_flip=flip,
        member_flip=member,
        probabilities=monte_carlo(
            cells, evaluation.weights, draws=draws, concentration=concentration, seed=seed
        ),
        ranked=tuple(ranked),
        reasons=tuple(reasons),
        weight_flips=every,
    )
