"""The method note: how every number in the ranking was made, in words a committee can defend.

The app's rankings page, the CLI and the scorecard workbook show this same text, so the stated
conventions can never drift from one surface to another. Every figure quoted here comes from the
constants the computations themselves use.
"""

from __future__ import annotations

from aligner.compute.aggregation import TRIM_MIN_RATERS
from aligner.compute.scoring import DOLLARS_PER_UNIT
from aligner.compute.sensitivity import (
    DEFAULT_CONCENTRATION,
    DEFAULT_DRAWS,
    ROBUST_MARGIN,
    ROBUST_WEIGHT_SHIFT,
)
from aligner.compute.weights import CONSISTENCY_LIMIT, RANDOM_INDEX
from aligner.domain.enums import Aggregation, WeightMethod
from aligner.domain.model import District

_AGGREGATION = {
    Aggregation.MEAN: "the mean of the members' scores",
    Aggregation.MEDIAN: "the median of the members' scores",
    Aggregation.TRIMMED_MEAN: (
        "the trimmed mean of the members' scores (the single highest and lowest score are "
        f"dropped when a cell has {TRIM_MIN_RATERS} or more scores; otherwise the plain mean)"
    ),
}

_WEIGHTING = {
    WeightMethod.DIRECT: "weights entered directly, divided by their sum",
    WeightMethod.POINTS: "a 100-point allocation that must add up to exactly 100",
    WeightMethod.RANKING: (
        "a ranking turned into rank-order-centroid weights, w_i = (1/n) x sum of 1/k for "
        "k = i..n (rank sum, w_i = 2(n + 1 - i) / (n(n + 1)), is also available)"
    ),
    WeightMethod.PAIRWISE: (
        "Saaty's pairwise comparisons (AHP): the principal eigenvector of the comparison matrix, "
        "with consistency ratio CR = CI / RI, CI = (lambda_max - n) / (n - 1)"
    ),
}


def _number(value: float) -> str:
    return f"{value:g}"


def method_note(
    district: District,
    *,
    draws: int = DEFAULT_DRAWS,
    concentration: float = DEFAULT_CONCENTRATION,
) -> str:
    """The method note for ``district``'s settings, as plain paragraphs."""
    low, high = district.rubric_min, district.rubric_max
    random_index = ", ".join(f"{n}: {_number(ri)}" for n, ri in RANDOM_INDEX.items() if n >= 3)
    threshold = district.discuss_threshold
    threshold_source = (
        "the district's setting"
        if district.disagreement_threshold is not None
        else "half the rubric span, the default"
    )
    paragraphs = [
        (
            f"Scores. Members score each tool on each outcome on the {low}-{high} rubric. A "
            "missing score or an abstention is left out, never counted as zero. A member who "
            "declared a conflict of interest with a tool has none of their scores for it "
            "counted."
        ),
        (
            f"Combining members. Each tool x outcome cell is {_AGGREGATION[district.aggregation]}. "
            f"Each cell reports how many members scored it; a cell with fewer than "
            f"{district.min_raters} scores is marked insufficient, and each tool's total states "
            "what share of its weight rests on insufficient cells. Where the committee agreed a "
            "consensus score (with its reason), that score is used instead."
        ),
        (
            "Disagreement. For each cell the sample standard deviation (n - 1) and the range "
            f"(highest minus lowest score) are shown. A cell whose range is {_number(threshold)} "
            f"points or more ({threshold_source}) is flagged 'discuss'; a cell with one score "
            "has no spread. Agreement on the order of the tools is Kendall's W per outcome, over "
            "the members who scored every tool on it, with average ranks for ties and the tie "
            "correction."
        ),
        (
            "Weights. Each outcome's global weight is its challenge's share of all challenge "
            "weights x its share within the challenge. Challenges are weighted by "
            f"{_WEIGHTING[district.challenge_weight_method]}; each challenge's outcomes may use "
            "any of: direct weights, 100 points, a ranking, or AHP pairwise comparisons. AHP "
            f"uses Saaty's random index ({random_index}; CR = 0 for two criteria); a CR above "
            f"{_number(CONSISTENCY_LIMIT)} is shown with the judgement that departs most from the "
            "weights and the value that would be consistent."
        ),
        (
            f"Totals. Each cell is normalised to 0-1 on the rubric, (score - {low}) / "
            f"({high} - {low}), and the total is the weighted sum x 100. A tool's total uses the "
            "outcomes it has scores for, with their weights rescaled to sum to 1; its coverage "
            "says what share of all weight that was. A tool with no scores is unscored: no total "
            "and no rank. Ties share a rank (1, 2, 2, 4)."
        ),
        (
            "Second method. TOPSIS runs on the same normalised cells and weights with vector "
            "normalisation: closeness = D- / (D+ + D-), the Euclidean distances to the worst "
            "and best values on each outcome. A tool's unscored cells take its own weighted "
            "mean, as in the weighted sum. Kendall's tau-b between the two rankings is reported."
        ),
        (
            "Privacy gates. A tool that fails a must-pass privacy item keeps its total but is "
            "listed apart as blocked, with the reasons, and takes no rank in either method."
        ),
        (
            f"Cost. Cost-effectiveness is total points per ${DOLLARS_PER_UNIT:,.0f} of cost per "
            "student served. The cost-score frontier holds the eligible tools that no other "
            "eligible tool beats on both total and cost per student."
        ),
        (
            f"Stability. {draws:,} weight vectors are drawn from a Dirichlet distribution centred "
            f"on the current weights (concentration {_number(concentration)}: alpha = "
            "concentration x weight); the share of draws in which each tool holds each place is "
            "shown. For each outcome, the smallest change of its weight (others rescaled in "
            "proportion) that changes who is first is found, or 'none within 0-100%'. The "
            f"verdict is 'robust' when the first leads by at least {_number(ROBUST_MARGIN)} "
            f"points, no single weight change under {_number(100 * ROBUST_WEIGHT_SHIFT)} points "
            "changes who is first, and no one-point change of one member's score lets the second "
            "catch the first; otherwise 'fragile'."
        ),
    ]
    return "\n\n".join(paragraphs)
