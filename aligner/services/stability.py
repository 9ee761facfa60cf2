"""How sure the room can be of the ranking: the verdict and the Monte Carlo rank probabilities.

Long runs are split into chunks with their own seeds, so the desktop app can show progress and
stop between chunks; the same seeds give the same probabilities on every run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from aligner.compute.pipeline import Evaluation
from aligner.compute.sensitivity import DEFAULT_SEED, Verdict, monte_carlo, verdict

#: Draws behind the verdict while the room drags a slider: quick, and re-run on each pause.
QUICK_DRAWS = 1_000
#: Draws of the full stability check the committee asks for.
FULL_DRAWS = 10_000
CHUNK = 1_000


class Cancel(Protocol):
    def check(self) -> None:
        """Raise if the user asked to stop."""


Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, eq=False)
class Stability:
    """P(tool holds place) for the ranked tools, best first by current rank."""

    #: probabilities[row, place]; rows follow ``ranked``.
    probabilities: NDArray[np.float64]
    #: Indices into ``data.tool_ids`` of the ranked tools.
    ranked: tuple[int, ...]
    draws: int


def quick_verdict(evaluation: Evaluation) -> Verdict | None:
    """The verdict for the room with few draws; None when fewer than two tools are ranked."""
    return verdict(evaluation, draws=QUICK_DRAWS)


def _ranked(evaluation: Evaluation) -> list[int]:
    return [i for i in evaluation.order() if evaluation.status(i) == "ranked"]


def rank_probabilities(
    evaluation: Evaluation,
    draws: int = FULL_DRAWS,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Stability:
    """Monte Carlo rank probabilities of the ranked tools, in chunks that report progress."""
    ranked = _ranked(evaluation)
    if len(ranked) < 2:
        return Stability(np.ones((len(ranked), len(ranked))), tuple(ranked), 0)
    cells = evaluation.normalised[np.array(ranked)]
    counts = np.zeros((len(ranked), len(ranked)))
    done = 0
    for chunk, start in enumerate(range(0, draws, CHUNK)):
        if cancel is not None:
            cancel.check()
        size = min(CHUNK, draws - start)
        result = monte_carlo(cells, evaluation.weights, draws=size, seed=DEFAULT_SEED + chunk)
        counts += result.rank * size
        done += size
        if progress is not None:
            progress(done, draws, "")
    return Stability(counts / done, tuple(ranked), done)


def from_verdict(found: Verdict) -> Stability:
    return Stability(found.probabilities.rank, found.ranked, found.probabilities.draws)
