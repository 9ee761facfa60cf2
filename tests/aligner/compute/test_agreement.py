"""Agreement: per-cell spread with the "discuss" flag; Kendall's W against published examples."""

from __future__ import annotations

import numpy as np
import pytest

from aligner.compute.agreement import concordance_by_outcome, disagreement, kendall_w
from aligner.compute.ranks import average_ranks
from aligner.domain.errors import ComputeError

nan = np.nan


def test_kendall_w_matches_the_proofwiki_example() -> None:
    # ProofWiki, "Kendall's Coefficient of Concordance/Examples/Arbitrary Example 1"
    # (https://proofwiki.org/wiki/Kendall%27s_Coefficient_of_Concordance/Examples/Arbitrary_Example_1):
    # judges A-D rank competitors X, Y, Z; W = 1/16.
    judges = [[1, 3, 2], [1, 2, 3], [2, 3, 1], [3, 1, 2]]
    assert kendall_w(judges) == pytest.approx(1 / 16)


def test_kendall_w_matches_a_published_wine_tasting() -> None:
    # R. E. Quandt, Winetaster report of 6/8/93, flight 2 (http://liquidasset.com/report-19.html):
    # seven judges rank four wines; published W = 0.5918.
    judges = [
        [4, 1, 3, 2],
        [4, 1, 2, 3],
        [4, 1, 3, 2],
        [3, 1, 2, 4],
        [2, 1, 3, 4],
        [3, 2, 1, 4],
        [4, 1, 3, 2],
    ]
    assert kendall_w(judges) == pytest.approx(0.5918, abs=5e-5)


def test_kendall_w_corrects_for_ties() -> None:
    # The tie-corrected formula of Sheskin (2011), Handbook of Parametric and Nonparametric
    # Statistical Procedures, 5th ed., Chapman & Hall/CRC, worked for two raters of five items
    # with ties at https://stats.stackexchange.com/posts/261206 : W = 102 / 444 = 0.22973.
    raters = [[12, 2, 1, 12, 2], [1, 4, 7, 1, 0]]
    assert kendall_w(raters) == pytest.approx(102 / 444)
    # Ties use average ranks, and rank direction does not matter.
    assert average_ranks(np.array([12.0, 2, 1, 12, 2])).tolist() == [4.5, 2.5, 1, 4.5, 2.5]
    assert kendall_w(-np.array(raters, dtype=float)) == pytest.approx(102 / 444)


def test_kendall_w_is_one_for_unanimous_raters_even_with_ties() -> None:
    assert kendall_w([[3, 1, 1, 2], [30, 10, 10, 20], [4, 2, 2, 3]]) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ([[1, 2, 3]], "at least two raters and two items"),
        ([[1, nan], [2, 1]], "rater 1 has no score for item 2"),
        ([[2, 2], [3, 3]], "every rater gave every item the same score"),
        ([1, 2, 3], "shaped \\(raters, items\\)"),
    ],
)
def test_kendall_w_refuses_what_it_cannot_measure(scores, message: str) -> None:
    with pytest.raises(ComputeError, match=message):
        kendall_w(scores)


def test_disagreement_reports_spread_and_flags_wide_cells() -> None:
    # three members x two tools x two outcomes on a 0-4 rubric
    scores = np.array(
        [
            [[4, 2], [1, nan]],
            [[2, 2], [nan, nan]],
            [[0, 3], [nan, 3]],
        ]
    )
    result = disagreement(scores, threshold=2.0)
    assert result.counts.tolist() == [[3, 3], [1, 1]]
    assert result.range[0].tolist() == [4.0, 1.0]
    assert result.std[0, 0] == pytest.approx(2.0)  # sample std of 4, 2, 0
    assert result.discuss.tolist() == [[True, False], [False, False]]
    # a single score has no spread and is never flagged
    assert np.isnan(result.range[1]).all()


def test_the_discuss_flag_fires_at_the_threshold_itself() -> None:
    scores = np.array([[[3.0]], [[1.0]]])
    assert disagreement(scores, 2.0).discuss[0, 0]
    assert not disagreement(scores, 2.5).discuss[0, 0]
    with pytest.raises(ComputeError, match="threshold is -1"):
        disagreement(scores, -1)
    with pytest.raises(ComputeError, match="threshold is nan"):
        disagreement(scores, float("nan"))


def test_concordance_per_outcome_uses_members_who_scored_every_tool() -> None:
    # outcome 1: members 1 and 2 order three tools alike, member 3 skipped one tool
    # outcome 2: only member 1 is complete, so W cannot be measured
    scores = np.array(
        [
            [[4, 1], [2, 2], [0, 3]],
            [[3, nan], [2, 1], [1, 0]],
            [[nan, nan], [4, 2], [0, 1]],
        ]
    )
    first, second = concordance_by_outcome(scores)
    assert first.raters == 2 and first.w == pytest.approx(1.0)
    assert second.raters == 1 and second.w is None
    tied = concordance_by_outcome(np.array([[[2], [2]], [[3], [3]]]))
    assert tied[0].w is None and tied[0].raters == 2
