"""Consensus scores and conflicts of interest, through the store, as the app and CLI use them."""

from __future__ import annotations

import numpy as np
import pytest

from aligner.domain.errors import ValidationError
from aligner.services import edits


def _cell(project, tool_id: int, outcome_id: int) -> tuple[int, int]:
    evaluation = project.evaluation()
    data = evaluation.data
    return data.tool_ids.index(tool_id), data.outcome_ids.index(outcome_id)


def test_consensus_overrides_the_aggregate_and_undo_restores_it(sample_project) -> None:
    before = sample_project.evaluation()
    tool_id, outcome_id = before.data.tool_ids[1], before.data.outcome_ids[0]
    t, o = _cell(sample_project, tool_id, outcome_id)
    applied = sample_project.execute(
        edits.set_consensus(tool_id, outcome_id, 4, "Pilot data showed strong gains", "Chair")
    )
    after = sample_project.evaluation()
    assert after.cell_scores[t, o] == 4.0
    assert after.totals[t] > before.totals[t] or before.cell_scores[t, o] == 4.0
    # setting it again updates the same row; undoing twice brings back the aggregate
    second = sample_project.execute(edits.set_consensus(tool_id, outcome_id, 1, "Revisited"))
    assert sample_project.evaluation().cell_scores[t, o] == 1.0
    sample_project.execute(second.inverse)
    assert sample_project.evaluation().cell_scores[t, o] == 4.0
    sample_project.execute(applied.inverse)
    restored = sample_project.evaluation()
    assert restored.cell_scores[t, o] == pytest.approx(before.cell_scores[t, o])
    assert restored.totals == pytest.approx(before.totals, nan_ok=True)


def test_clearing_a_consensus_is_undoable(sample_project) -> None:
    data = sample_project.evaluation().data
    tool_id, outcome_id = data.tool_ids[0], data.outcome_ids[2]
    t, o = _cell(sample_project, tool_id, outcome_id)
    sample_project.execute(edits.set_consensus(tool_id, outcome_id, 0, "Vendor withdrew it"))
    cleared = sample_project.execute(edits.clear_consensus(tool_id, outcome_id))
    assert np.isnan(sample_project.evaluation().data.consensus[t, o])
    sample_project.execute(cleared.inverse)
    assert sample_project.evaluation().cell_scores[t, o] == 0.0


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_consensus_without_a_reason_is_refused(reason: str) -> None:
    with pytest.raises(ValidationError, match="Consensus reason: say why"):
        edits.set_consensus(1, 1, 3, reason)


def test_a_consensus_off_the_rubric_is_refused_and_nothing_changes(sample_project) -> None:
    before = sample_project.counts()
    with pytest.raises(ValidationError, match="Consensus score: 5 is off the rubric; use 0 to 4"):
        sample_project.execute(edits.set_consensus(1, 1, 5, "Exceptional"))
    assert sample_project.counts() == before


def test_a_recused_members_scores_are_not_counted(sample_project) -> None:
    members = sample_project.members()
    tools = sample_project.tools()
    recused = {(m, t) for m, t in _recusals(sample_project)}
    assert recused, "the sample district declares one conflict of interest"
    member_id, tool_id = next(iter(recused))
    scores = [
        s for s in sample_project.scores(member_id) if s.tool_id == tool_id and s.value is not None
    ]
    assert scores, "the recused member did score that tool; the scores must not count"
    evaluation = sample_project.evaluation()
    t = evaluation.data.tool_ids.index(tool_id)
    counted = evaluation.cell_counts[t].sum()
    expected = sum(
        1
        for s in sample_project.scores()
        if s.tool_id == tool_id and s.value is not None and s.member_id != member_id
    )
    assert counted == expected
    sample_project.execute(edits.set_recusal(member_id, tool_id, False))
    assert sample_project.evaluation().cell_counts[t].sum() == expected + len(scores)
    assert len(members) > 1 and len(tools) > 1


def _recusals(project):
    from aligner.storage import repositories

    with project.reading() as connection:
        return repositories.recusals(connection)
