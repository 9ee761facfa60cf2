"""The committee's side of the project: conflicts of interest and scoring progress."""

from __future__ import annotations

from dataclasses import dataclass

from aligner.domain.ids import MemberId, ToolId
from aligner.services.project import Project
from aligner.storage import repositories


@dataclass(frozen=True, slots=True)
class MemberProgress:
    """How far one member is: cells scored or abstained, out of the cells they should score."""

    member_id: MemberId
    done: int
    to_do: int

    @property
    def share(self) -> float:
        return self.done / self.to_do if self.to_do else 1.0


def recusals(project: Project) -> set[tuple[MemberId, ToolId]]:
    """(member, tool) pairs where the member declared a conflict of interest."""
    with project.reading() as connection:
        return repositories.recusals(connection)


def progress(project: Project) -> list[MemberProgress]:
    """Each member's progress; cells of tools they are recused from do not count."""
    tools = [tool.id for tool in project.tools()]
    outcomes = {outcome.id for outcome in project.outcomes()}
    recused = recusals(project)
    result = []
    for member in project.members():
        own_tools = {t for t in tools if (member.id, t) not in recused}
        done = sum(
            1
            for score in project.scores(member.id)
            if score.tool_id in own_tools
            and score.outcome_id in outcomes
            and (score.value is not None or score.abstained)
        )
        result.append(MemberProgress(member.id, done, len(own_tools) * len(outcomes)))
    return result
