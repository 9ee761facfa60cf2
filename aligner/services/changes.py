"""What a command changed, so a client refreshes only what it must (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class Changes:
    """Which collections of the project an edit touched."""

    district: bool = False
    challenges: bool = False
    outcomes: bool = False
    tools: bool = False
    members: bool = False
    scores: bool = False
    evidence: bool = False
    governance: bool = False
    scenarios: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            **{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        )

    @property
    def ranking(self) -> bool:
        """Whether the ranking may have moved."""
        return any(
            (
                self.district,
                self.challenges,
                self.outcomes,
                self.tools,
                self.members,
                self.scores,
                self.evidence,
                self.governance,
            )
        )


#: The Changes flag that each table's edits raise.
TABLE_CHANGES: dict[str, Changes] = {
    "district": Changes(district=True),
    "rubric_level": Changes(district=True),
    "challenge": Changes(challenges=True, outcomes=True, scores=True),
    "outcome": Changes(outcomes=True, scores=True),
    "tool": Changes(tools=True, scores=True),
    "member": Changes(members=True, scores=True),
    "score": Changes(scores=True),
    "recusal": Changes(members=True, scores=True),
    "consensus": Changes(scores=True, evidence=True),
    "scenario": Changes(scenarios=True),
    "privacy_item": Changes(governance=True),
    "privacy_answer": Changes(governance=True),
    "decision": Changes(governance=True),
    "measurement": Changes(governance=True),
    "data_agreement": Changes(governance=True),
    "gate_override": Changes(governance=True),
    "data_system": Changes(governance=True),
    "tool_system": Changes(governance=True),
    "retirement": Changes(governance=True, tools=True),
    "actor": Changes(),
}
