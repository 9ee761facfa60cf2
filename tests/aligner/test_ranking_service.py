"""The extended ranking: both methods, coverage, gates, costs and the verdict, on every surface."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from aligner.cli import main
from aligner.compute.pipeline import evaluate
from aligner.domain.enums import Aggregation
from aligner.domain.errors import ComputeError
from aligner.services import edits
from aligner.services.method_note import method_note
from aligner.services.ranking import ranking_from


def test_rank_json_carries_every_figure_the_committee_reads(sample_copy: Path, capsys) -> None:
    assert main(["rank", str(sample_copy), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["method"] == "weighted_sum"
    assert sum(w["weight"] for w in result["weights"]) == pytest.approx(1.0, abs=1e-5)
    assert -1 <= result["methods_kendall_tau"] <= 1
    tools = result["tools"]
    for tool in tools:
        assert 0 <= tool["topsis_closeness"] <= 1
        assert tool["rank"] == tool["weighted_sum_rank"]
        assert tool["cost_effectiveness"] == pytest.approx(
            tool["score"] / (tool["cost_per_student"] / 1000), rel=1e-3
        )
        if tool["status"] == "ranked":
            assert 0 <= tool["p_first"] <= 1
        else:  # blocked tools cannot come first in any draw; they are listed apart
            assert tool["p_first"] is None and tool["rank"] is None
            assert tool["blocked_reasons"]
    assert sum(t["p_first"] or 0 for t in tools) == pytest.approx(1.0, abs=1e-3)
    assert any(t["on_cost_frontier"] for t in tools)
    agreement = result["agreement"]
    assert [a["outcome_id"] for a in agreement] == [w["outcome_id"] for w in result["weights"]]
    assert all(a["kendall_w"] is None or 0 <= a["kendall_w"] <= 1 for a in agreement)
    assert any(a["kendall_w"] is not None for a in agreement)
    assert all(a["cells_to_discuss"] >= 0 for a in agreement)
    sensitivity = result["sensitivity"]
    assert sensitivity["verdict"] in ("robust", "fragile")
    assert sensitivity["first"] == tools[0]["name"]
    assert sensitivity["second"] == tools[1]["name"]
    assert sensitivity["margin"] == pytest.approx(tools[0]["score"] - tools[1]["score"], abs=1e-3)
    assert sensitivity["thresholds"] == {"margin": 5.0, "weight_change": 0.1}
    assert sensitivity["text"].endswith(f"Verdict: {sensitivity['verdict']}.")
    changes = sensitivity["weight_changes"]
    assert [c["outcome_id"] for c in changes] == [w["outcome_id"] for w in result["weights"]]
    moves = [abs(c["to"] - c["weight"]) for c in changes if c["to"] != "none within 0-100%"]
    smallest = sensitivity["smallest_weight_change"]
    if moves:
        assert abs(smallest["change"]) == pytest.approx(min(moves), abs=1e-6)
    else:
        assert smallest == "none within 0-100%"


def test_rank_by_topsis_orders_by_closeness(sample_copy: Path, capsys) -> None:
    assert main(["rank", str(sample_copy), "--json", "--method", "topsis"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["method"] == "topsis"
    closeness = [t["topsis_closeness"] for t in result["tools"]]
    assert closeness == sorted(closeness, reverse=True)
    assert [t["rank"] for t in result["tools"]] == [t["topsis_rank"] for t in result["tools"]]
    assert main(["rank", str(sample_copy), "--method", "topsis"]) == 0
    out = capsys.readouterr().out
    assert "TOPSIS" in out and "Verdict:" in out


def test_an_unknown_method_is_a_usage_error(sample_copy: Path, sample_project, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["rank", str(sample_copy), "--method", "electre"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'electre'" in capsys.readouterr().err
    with pytest.raises(ComputeError, match="unknown ranking method 'electre'"):
        ranking_from(sample_project.evaluation(), "electre")


def test_blocked_tools_are_listed_apart_with_their_reasons(sample_project) -> None:
    data = sample_project.evaluation().data
    first = data.tool_ids[0]
    blocked = dataclasses.replace(data, blocked={first: ("No data processing agreement",)})
    ranking = ranking_from(evaluate(blocked), sensitivity=False)
    line = next(t for t in ranking.tools if t.tool_id == first)
    assert line.status == "blocked" and line.rank is None and line.topsis_rank is None
    assert line.blocked_reasons == ("No data processing agreement",)
    assert line.score is not None
    statuses = [t.status for t in ranking.tools]
    assert statuses.index("blocked") > max(i for i, s in enumerate(statuses) if s == "ranked")
    assert sorted(t.rank for t in ranking.tools if t.rank) == list(range(1, len(data.tool_ids)))
    assert ranking.stability is None


def test_the_app_cli_and_exports_get_the_same_numbers(sample_project) -> None:
    evaluation = sample_project.evaluation()
    ranking = ranking_from(evaluation, sensitivity=False)
    by_id = {t.tool_id: t for t in ranking.tools}
    for i, tool_id in enumerate(evaluation.data.tool_ids):
        assert by_id[tool_id].score == pytest.approx(evaluation.totals[i])
        assert by_id[tool_id].topsis_closeness == pytest.approx(evaluation.closeness[i], abs=1e-4)
    assert (
        ranking_from(evaluation).to_json()["tools"] == ranking_from(evaluation).to_json()["tools"]
    ), "the seeded Monte Carlo gives the same probabilities every time"


def test_method_note_states_the_districts_settings(sample_project) -> None:
    district = sample_project.district()
    note = method_note(district)
    for phrase in (
        "mean of the members' scores",
        f"fewer than {district.min_raters} scores",
        "never counted as zero",
        "conflict of interest",
        "challenge's share",
        "0.58",
        "1.49",
        "TOPSIS",
        "Kendall's tau-b",
        "Kendall's W",
        "per $1,000 of cost per student",
        "10,000 weight vectors",
        "concentration 100",
        "'robust'",
        "Ties share a rank",
    ):
        assert phrase in note, phrase
    sample_project.execute(
        edits.update_district(aggregation=Aggregation.MEDIAN.value, disagreement_threshold=1.5)
    )
    changed = method_note(sample_project.district(), concentration=50)
    assert "median of the members' scores" in changed
    assert "1.5 points or more (the district's setting)" in changed
    assert "concentration 50" in changed
