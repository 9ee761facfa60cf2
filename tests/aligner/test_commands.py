"""Every edit is a command whose inverse restores the store exactly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from aligner.domain.errors import InUseError, NotFoundError, ValidationError
from aligner.domain.model import RubricLevel
from aligner.services import edits
from aligner.services.commands import Command
from aligner.services.project import Project
from aligner.storage.tables import Base


def dump(project: Project) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table except the audit log, which only ever grows."""
    with project.reading() as connection:
        return {
            table.name: sorted(tuple(row) for row in connection.execute(select(table)).all())
            for table in Base.metadata.sorted_tables
            if table.name != "audit_event"
        }


# Ids of the sample district; every example starts from it because every example is undone.
TOOLS, MEMBERS, OUTCOMES, CHALLENGES = range(1, 9), range(1, 6), range(1, 15), range(1, 7)


def edit_strategy() -> st.SearchStrategy[Command]:
    ids = st.sampled_from
    return st.one_of(
        st.builds(
            edits.SetScore,
            ids(MEMBERS),
            ids(TOOLS),
            ids(OUTCOMES),
            st.sampled_from([None, 0.0, 1.0, 2.0, 3.0, 4.0]),
        ),
        st.builds(
            lambda m, t, o: edits.SetScore(m, t, o, None, True),
            ids(MEMBERS),
            ids(TOOLS),
            ids(OUTCOMES),
        ),
        st.builds(
            lambda c, w: edits.update("challenge", c, weight=w), ids(CHALLENGES), st.floats(0, 100)
        ),
        st.builds(
            lambda o, w: edits.update("outcome", o, weight=w), ids(OUTCOMES), st.floats(0, 10)
        ),
        st.builds(lambda c: edits.delete("challenge", c), ids(CHALLENGES)),
        st.builds(lambda t: edits.delete("tool", t), ids(TOOLS)),
        st.builds(lambda m: edits.delete("member", m), ids(MEMBERS)),
        st.builds(lambda n: edits.add("tool", name=f"New tool {n}"), st.integers(0, 10**6)),
        st.builds(lambda m, t: edits.set_recusal(m, t, True), ids(MEMBERS), ids(TOOLS)),
        st.builds(
            lambda name: edits.update_district(name=name),
            st.text(min_size=1, max_size=20).filter(str.strip),
        ),
        st.just(
            edits.set_rubric([RubricLevel(0, "Low"), RubricLevel(4, "High"), RubricLevel(2, "Mid")])
        ),
    )


@pytest.fixture(scope="module")
def module_project(sample_file: Path, tmp_path_factory: pytest.TempPathFactory):
    import os

    folder = tmp_path_factory.mktemp("inverse")
    os.environ["ALIGNER_DATA_DIR"] = str(folder / "data")
    path = folder / "p.aligner"
    path.write_bytes(sample_file.read_bytes())
    project = Project.open(path)
    yield project
    project.close()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(commands=st.lists(edit_strategy(), min_size=1, max_size=4))
def test_every_command_is_undone_exactly(module_project: Project, commands: list[Command]) -> None:
    project = module_project
    before = dump(project)
    inverses = []
    for command in commands:
        try:
            inverses.append(project.execute(command).inverse)
        except (ValidationError, InUseError, NotFoundError):
            pass  # refused edits (a deleted record, a recusal declared twice) change nothing
        except IntegrityError:
            pass
    after = dump(project)
    redos = [project.execute(inverse).inverse for inverse in reversed(inverses)]
    assert dump(project) == before
    for redo in reversed(redos):
        project.execute(redo)
    assert dump(project) == after
    for inverse in reversed(inverses):
        project.execute(inverse)
    assert dump(project) == before


def test_delete_and_undo_restores_ids_and_children(sample_project: Project) -> None:
    before = dump(sample_project)
    challenge = sample_project.challenges()[0]
    dependents = sample_project.dependents("challenge", challenge.id)
    assert dependents["outcome"] == 2
    assert dependents["score"] > 0
    applied = sample_project.execute(edits.delete("challenge", challenge.id))
    assert all(c.id != challenge.id for c in sample_project.challenges())
    redo = sample_project.execute(applied.inverse).inverse
    assert dump(sample_project) == before
    sample_project.execute(redo)
    assert all(c.id != challenge.id for c in sample_project.challenges())


def test_set_score_off_the_rubric_is_refused(sample_project: Project) -> None:
    member = sample_project.members()[0]
    tool = sample_project.tools()[0]
    outcome = sample_project.outcomes()[0]
    with pytest.raises(ValidationError, match="off the rubric"):
        sample_project.execute(edits.SetScore(member.id, tool.id, outcome.id, 9.0))


def test_bad_fields_name_the_record_and_field() -> None:
    with pytest.raises(ValidationError, match="Outcome weight: must be at least 0"):
        edits.update("outcome", 1, weight=-2)
    with pytest.raises(ValidationError, match="Tool name: must not be empty"):
        edits.add("tool", name="  ")
    with pytest.raises(ValidationError, match="Challenge category: must be one of"):
        edits.add("challenge", title="X", category="sports")


def test_every_edit_appends_a_chained_audit_event(sample_project: Project) -> None:
    before = sample_project.counts().audit_events
    sample_project.execute(edits.update("tool", sample_project.tools()[0].id, vendor="Acme"))
    assert sample_project.counts().audit_events == before + 1
    assert sample_project.audit_chain_broken_at() is None
