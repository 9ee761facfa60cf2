"""Scenarios round-trip through the store and undo; what-if re-ranks like the stored weights."""

from __future__ import annotations

import numpy as np
import pytest

from aligner.domain.errors import ValidationError
from aligner.services.project import Project
from aligner.services.scenarios import (
    compare_scenarios,
    delete_scenario,
    list_scenarios,
    save_scenario,
    switch_to_scenario,
    weights_by_id,
)
from aligner.services.whatif import WhatIf, load_data, result_lines


def stored_weights(project: Project) -> tuple[list[float], list[float]]:
    return [c.weight for c in project.challenges()], [o.weight for o in project.outcomes()]


def test_what_if_ranks_exactly_as_the_store_would_with_those_weights(
    sample_project: Project,
) -> None:
    what_if = WhatIf(load_data(sample_project))
    equity = next(i for i, n in enumerate(what_if.data.challenge_names) if "absenteeism" in n)
    moved = what_if.set_challenge_weight(equity, 80.0)
    assert what_if.modified
    challenges, outcomes = weights_by_id(
        what_if.data, what_if.challenge_weights, what_if.outcome_weights
    )
    sample_project.execute(save_scenario("equity focus", challenges, outcomes))
    sample_project.execute(switch_to_scenario(list_scenarios(sample_project)[0]))
    stored = sample_project.evaluation()
    np.testing.assert_allclose(moved.totals, stored.totals)
    assert moved.ranks.tolist() == stored.ranks.tolist()
    assert moved.ranks.tolist() != WhatIf(what_if.data).evaluation.ranks.tolist()
    assert not np.allclose(what_if.reset().totals, moved.totals)
    assert not what_if.modified


def test_refused_weights_leave_the_what_if_as_it_was(sample_project: Project) -> None:
    what_if = WhatIf(load_data(sample_project))
    before = what_if.evaluation
    with pytest.raises(Exception, match="every challenge weight is 0"):
        what_if.set_weights(np.zeros_like(what_if.challenge_weights), what_if.outcome_weights)
    assert what_if.evaluation is before
    assert not what_if.modified


def test_result_lines_list_ranked_tools_first_with_topsis_and_cost(
    sample_project: Project,
) -> None:
    lines = result_lines(sample_project.evaluation())
    ranks = [line.rank for line in lines if line.status == "ranked"]
    assert ranks == sorted(ranks) and ranks[0] == 1
    assert all(line.topsis_rank is not None for line in lines if line.status == "ranked")
    best = lines[0]
    tool = next(t for t in sample_project.tools() if t.id == best.tool_id)
    assert tool.cost_per_student is not None and best.score is not None
    assert best.cost_effectiveness == pytest.approx(best.score / (tool.cost_per_student / 1000))


def test_save_switch_and_undo_round_trip_through_the_store(sample_project: Project) -> None:
    original = stored_weights(sample_project)
    data = load_data(sample_project)
    challenges = dict.fromkeys(data.challenge_ids, 1.0)
    outcomes = dict.fromkeys(data.outcome_ids, 1.0)
    saved = sample_project.execute(save_scenario("  equal weights ", challenges, outcomes))
    [scenario] = list_scenarios(sample_project)
    assert scenario.name == "equal weights"
    assert scenario.challenge_weights == challenges

    switched = sample_project.execute(switch_to_scenario(scenario))
    assert stored_weights(sample_project) == ([1.0] * len(challenges), [1.0] * len(outcomes))
    sample_project.execute(switched.inverse)
    assert stored_weights(sample_project) == original

    # Saving under the same name overwrites, and undo brings the old weights back.
    overwrite = sample_project.execute(
        save_scenario("equal weights", {**challenges, data.challenge_ids[0]: 9.0}, outcomes)
    )
    assert list_scenarios(sample_project)[0].challenge_weights[data.challenge_ids[0]] == 9.0
    sample_project.execute(overwrite.inverse)
    assert list_scenarios(sample_project) == [scenario]
    sample_project.execute(saved.inverse)
    assert list_scenarios(sample_project) == []


def test_delete_scenario_is_undoable(sample_project: Project) -> None:
    sample_project.execute(save_scenario("cost focus", {}, {}))
    [scenario] = list_scenarios(sample_project)
    removed = sample_project.execute(delete_scenario(scenario))
    assert list_scenarios(sample_project) == []
    sample_project.execute(removed.inverse)
    assert list_scenarios(sample_project) == [scenario]


@pytest.mark.parametrize(
    ("name", "weight", "message"),
    [("  ", 1.0, "Scenario name: must not be empty"), ("x", -1.0, "must be a number >= 0")],
)
def test_bad_scenarios_are_refused_and_nothing_is_written(
    sample_project: Project, name: str, weight: float, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        sample_project.execute(save_scenario(name, {1: weight}, {}))
    assert list_scenarios(sample_project) == []


def test_compare_gives_each_tools_rank_under_each_scenario(sample_project: Project) -> None:
    data = load_data(sample_project)
    reading = next(i for i, n in enumerate(data.challenge_names) if "reading" in n)
    equity = {cid: (1.0 if i != reading else 0.0) for i, cid in enumerate(data.challenge_ids)}
    sample_project.execute(
        save_scenario("current", *weights_by_id(data, data.challenge_weights, data.outcome_weights))
    )
    sample_project.execute(save_scenario("no reading", equity, {}))
    comparison = compare_scenarios(data, list_scenarios(sample_project))
    assert comparison.names == ("current", "no reading")
    current = WhatIf(data).evaluation
    lexipath = next(t for t in comparison.tools if t.name == "LexiPath Tutor")
    index = data.tool_names.index("LexiPath Tutor")
    assert lexipath.ranks[0] == current.ranks[index] == 1
    assert lexipath.ranks[1] is not None and lexipath.ranks[1] > 1
    assert lexipath.moves() == (0, 1 - lexipath.ranks[1])
    # Ranked tools first, by rank; tools not ranked (blocked, unscored) come after them.
    order = [t.ranks[0] or 99 for t in comparison.tools]
    assert order == sorted(order)


def test_long_stability_run_reports_progress_and_stops_when_cancelled(
    sample_project: Project,
) -> None:
    from aligner.services.stability import rank_probabilities

    evaluation = sample_project.evaluation()
    seen: list[tuple[int, int]] = []
    result = rank_probabilities(
        evaluation, 3_000, lambda done, total, _: seen.append((done, total))
    )
    assert seen == [(1_000, 3_000), (2_000, 3_000), (3_000, 3_000)]
    np.testing.assert_allclose(result.probabilities.sum(axis=1), 1.0)
    assert result.ranked[0] == int(np.argmax(evaluation.ranks == 1))

    class StopAfterOne:
        calls = 0

        def check(self) -> None:
            self.calls += 1
            if self.calls > 1:
                raise KeyboardInterrupt("cancelled")

    token = StopAfterOne()
    with pytest.raises(KeyboardInterrupt):
        rank_probabilities(evaluation, 10_000, None, token)
    assert token.calls == 2
