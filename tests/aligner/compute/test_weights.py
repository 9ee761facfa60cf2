"""Weights: direct, 100 points, from a ranking, and AHP checked against published examples."""

from __future__ import annotations

import numpy as np
import pytest

from aligner.compute.weights import (
    ahp,
    direct,
    from_ranks,
    points,
    rank_order_centroid,
    rank_sum,
)
from aligner.domain.errors import ComputeError

# Saaty, T. L. (1990). How to make a decision: The Analytic Hierarchy Process. European Journal
# of Operational Research 48(1), 9-26, doi:10.1016/0377-2217(90)90057-I. The house-buying
# example: eight criteria (size, transportation, neighbourhood, age, yard, modern facilities,
# general condition, financing); published priorities .173 .054 .188 .018 .031 .036 .167 .333,
# lambda_max = 9.669, C.I. = 0.238, C.R. = 0.169.
HOUSE = [
    [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
    [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
    [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
    [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
    [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
    [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
    [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
    [4, 7, 5, 8, 6, 6, 2, 1],
]

# Saaty, T. L. (1977). A scaling method for priorities in hierarchical structures. Journal of
# Mathematical Psychology 15(3), 234-281, doi:10.1016/0022-2496(77)90033-5; also Saaty (1980),
# The Analytic Hierarchy Process, McGraw-Hill. The relative wealth of nations (US, USSR, China,
# France, UK, Japan, West Germany): eigenvector .427 .230 .021 .052 .052 .123 .094,
# lambda_max = 7.61, C.I. = 0.10 (C.R. = 0.10 / 1.32 = 0.08 with the 1980 random index).
WEALTH = [
    [1, 4, 9, 6, 6, 5, 5],
    [1 / 4, 1, 7, 5, 5, 3, 4],
    [1 / 9, 1 / 7, 1, 1 / 5, 1 / 5, 1 / 7, 1 / 5],
    [1 / 6, 1 / 5, 5, 1, 1, 1 / 3, 1 / 3],
    [1 / 6, 1 / 5, 5, 1, 1, 1 / 3, 1 / 3],
    [1 / 5, 1 / 3, 7, 3, 3, 1, 2],
    [1 / 5, 1 / 4, 5, 3, 3, 1 / 2, 1],
]


def test_ahp_matches_saaty_house_example() -> None:
    result = ahp(HOUSE)
    published = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]
    assert result.weights == pytest.approx(published, abs=6e-4)
    assert result.lambda_max == pytest.approx(9.669, abs=6e-4)
    assert result.ci == pytest.approx(0.238, abs=6e-4)
    assert result.cr == pytest.approx(0.169, abs=6e-4)
    assert result.weights.sum() == pytest.approx(1.0)


def test_ahp_matches_saaty_wealth_of_nations_example() -> None:
    result = ahp(WEALTH)
    published = [0.427, 0.230, 0.021, 0.052, 0.052, 0.123, 0.094]
    assert result.weights == pytest.approx(published, abs=6e-4)
    assert result.lambda_max == pytest.approx(7.61, abs=6e-3)
    assert result.ci == pytest.approx(0.10, abs=6e-3)
    assert result.cr == pytest.approx(0.08, abs=6e-3)
    assert result.consistent and result.revise is None


def test_ahp_matches_the_wikipedia_leader_example() -> None:
    # Wikipedia, "Analytic hierarchy process - leader example" (criteria experience, education,
    # charisma, age): priorities 0.547 0.127 0.270 0.056, CR 0.044.
    matrix = [[1, 4, 3, 7], [1 / 4, 1, 1 / 3, 3], [1 / 3, 3, 1, 5], [1 / 7, 1 / 3, 1 / 5, 1]]
    result = ahp(matrix)
    assert result.weights == pytest.approx([0.547, 0.127, 0.270, 0.056], abs=1.1e-3)
    assert result.cr == pytest.approx(0.044, abs=6e-4)


def test_inconsistent_ahp_names_the_judgement_to_revise_and_fixing_it_helps() -> None:
    result = ahp(HOUSE)
    assert not result.consistent
    revise = result.revise
    assert revise is not None
    # neighbourhood (row 3) vs general condition (column 7) was judged 6
    assert (revise.row, revise.column, revise.current) == (2, 6, 6.0)
    assert revise.consistent == pytest.approx(result.weights[2] / result.weights[6])
    fixed = np.array(HOUSE)
    fixed[2, 6] = revise.consistent
    fixed[6, 2] = 1 / revise.consistent
    assert ahp(fixed).cr < result.cr
    assert ahp(fixed).cr <= 0.10


def test_ahp_of_a_consistent_matrix_recovers_the_ratios() -> None:
    w = np.array([0.5, 0.3, 0.2])
    result = ahp(w[:, None] / w[None, :])
    assert result.weights == pytest.approx(w)
    assert result.cr == pytest.approx(0.0, abs=1e-12)


def test_two_criteria_have_no_inconsistency() -> None:
    result = ahp([[1, 3], [1 / 3, 1]])
    assert result.weights == pytest.approx([0.75, 0.25])
    assert result.cr == 0.0


def test_rounded_reciprocals_are_accepted() -> None:
    assert ahp([[1, 3, 0.5], [0.333, 1, 0.25], [2, 4, 1]]).weights.sum() == pytest.approx(1)


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        (
            [[1, 3], [3, 1]],
            "row 1, column 2 is 3 but row 2, column 1 is 3; it must be the reciprocal",
        ),
        ([[1, -2], [-0.5, 1]], "row 1, column 2 is -2.0; every judgement must be a number > 0"),
        ([[1, np.nan], [1, 1]], "row 1, column 2 is nan"),
        ([[2, 1], [1, 1]], "row 1, column 1 is 2; a criterion compared with itself is 1"),
        ([[1, 2, 3]], "must be square"),
        ([], "must be square and not empty"),
        (np.ones((11, 11)), "11 criteria is too many"),
    ],
)
def test_bad_ahp_matrices_are_refused_naming_the_cell(matrix, message: str) -> None:
    with pytest.raises(ComputeError, match=message.replace("(", r"\(")):
        ahp(matrix)


def test_rank_order_centroid_matches_barron_and_barrett() -> None:
    # Barron, F. H. and Barrett, B. E. (1996). Decision quality using ranked attribute weights.
    # Management Science 42(11), 1515-1523: ROC weights for four attributes.
    assert rank_order_centroid(4) == pytest.approx([0.5208, 0.2708, 0.1458, 0.0625], abs=1e-4)
    assert rank_sum(4) == pytest.approx([0.4, 0.3, 0.2, 0.1])
    for n in (1, 2, 7):
        assert rank_order_centroid(n).sum() == pytest.approx(1.0)
        assert rank_sum(n).sum() == pytest.approx(1.0)
        assert np.all(np.diff(rank_order_centroid(n)) <= 0)


def test_tied_ranks_share_their_places_weight() -> None:
    w = from_ranks([3, 1, 1, 4])
    roc = rank_order_centroid(4)
    assert w == pytest.approx([roc[2], (roc[0] + roc[1]) / 2, (roc[0] + roc[1]) / 2, roc[3]])
    assert from_ranks([2, 1], "rank_sum") == pytest.approx([1 / 3, 2 / 3])
    with pytest.raises(ComputeError, match="unknown ranking method"):
        from_ranks([1, 2], "borda")
    with pytest.raises(ComputeError, match="from 1"):
        from_ranks([0, 1])
    with pytest.raises(ComputeError, match="at least one"):
        rank_order_centroid(0)


def test_points_must_add_up_to_100_and_say_by_how_much_they_miss() -> None:
    assert points([50, 30, 20]) == pytest.approx([0.5, 0.3, 0.2])
    with pytest.raises(ComputeError, match="add up to 95, 5 short of 100"):
        points([50, 30, 15])
    with pytest.raises(ComputeError, match="add up to 110, 10 over 100"):
        points([60, 30, 20])
    with pytest.raises(ComputeError, match="weight 2 is -10"):
        points([110, -10])


def test_direct_weights_are_scaled_and_bad_ones_refused() -> None:
    assert direct([2, 1, 1]) == pytest.approx([0.5, 0.25, 0.25])
    with pytest.raises(ComputeError, match="weight 2 is nan"):
        direct([1, np.nan])
    with pytest.raises(ComputeError, match="weight 1 is -1"):
        direct([-1, 2])
    with pytest.raises(ComputeError, match="every criterion weight is 0"):
        direct([0, 0])
    with pytest.raises(ComputeError, match="at least one weight"):
        direct([])
