"""The privacy gate: which must-pass checklist items stop a tool, and why.

A blocker answered "no" stops a tool; so does "unknown" (or no answer at all) when the district
says unknown counts as risk. "Not applicable" never blocks. An item that applies only to some
tools (users under 13, high-stakes uses) stops only the tools it applies to; when the committee
has not said who a tool serves, the item applies, so silence never lifts a block. A committee
override lifts the gate for a tool but is recorded elsewhere with a name and a reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from aligner.domain.enums import Answer
from aligner.domain.model import Tool

ALWAYS = "always"
UNDER_13 = "users_under_13"
HIGH_STAKES = "high_stakes_use"
#: The applies-when conditions a checklist item may carry; each but "always" is a tool field.
CONDITIONS = (ALWAYS, UNDER_13, HIGH_STAKES)
#: A tool's audience: applies-when condition -> True, False or None (not stated).
Audience = Mapping[str, bool | None]


def audience_of(tool: Tool) -> dict[str, bool | None]:
    return {UNDER_13: tool.users_under_13, HIGH_STAKES: tool.high_stakes_use}


def blocking_answers(unknown_blocks: bool) -> frozenset[str]:
    if unknown_blocks:
        return frozenset({Answer.NO.value, Answer.UNKNOWN.value})
    return frozenset({Answer.NO.value})


def applies(applies_when: str, audience: Audience) -> bool:
    """Whether an item with this condition applies to a tool with this audience."""
    return applies_when == ALWAYS or audience.get(applies_when) is not False


def reason(key: str, title: str, answer: str) -> str:
    """How one failed item reads in a ranking: "P08 No training ... (no)"."""
    return f"{key} {title} ({answer})" if title else f"{key} ({answer})"


def failed_items(
    tool_id: int,
    blockers: Mapping[str, tuple[str, str]],
    answers: Mapping[tuple[int, str], str],
    audience: Audience,
    *,
    unknown_blocks: bool,
) -> tuple[str, ...]:
    """Reasons, in item order, for the blocking items this tool fails (overrides aside).

    ``blockers`` maps the key of each blocking item to (title, applies-when).
    """
    stopping = blocking_answers(unknown_blocks)
    reasons = []
    for key in sorted(blockers):
        title, condition = blockers[key]
        if not applies(condition, audience):
            continue
        answer = answers.get((tool_id, key), Answer.UNKNOWN.value)
        if answer in stopping:
            reasons.append(reason(key, title, answer))
    return tuple(reasons)


def blocked_tools(
    tool_ids: Iterable[int],
    blockers: Mapping[str, tuple[str, str]],
    answers: Mapping[tuple[int, str], str],
    *,
    unknown_blocks: bool,
    overridden: frozenset[int] = frozenset(),
    audiences: Mapping[int, Audience] | None = None,
) -> dict[int, tuple[str, ...]]:
    """Return tool id -> reasons for every tool the gate stops.

    ``answers`` maps (tool id, item key) to the stored answer; a missing answer reads as
    unknown. ``audiences`` maps tool id to its audience; a tool left out has stated nothing.
    """
    result: dict[int, tuple[str, ...]] = {}
    for tool_id in tool_ids:
        if tool_id in overridden:
            continue
        audience = (audiences or {}).get(tool_id, {})
        reasons = failed_items(tool_id, blockers, answers, audience, unknown_blocks=unknown_blocks)
        if reasons:
            result[tool_id] = reasons
    return result
