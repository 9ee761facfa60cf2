"""The privacy gate: which must-pass checklist items stop a tool, and why.

A blocker answered "no" stops a tool; so does "unknown" (or no answer at all) when the district
says unknown counts as risk. "Not applicable" never blocks. A committee override lifts the gate
for a tool but is recorded elsewhere with a name and a reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from aligner.domain.enums import Answer


def blocking_answers(unknown_blocks: bool) -> frozenset[str]:
    if unknown_blocks:
        return frozenset({Answer.NO.value, Answer.UNKNOWN.value})
    return frozenset({Answer.NO.value})


def reason(key: str, title: str, answer: str) -> str:
    """How one failed item reads in a ranking: "P08 No training ... (no)"."""
    return f"{key} {title} ({answer})" if title else f"{key} ({answer})"


def blocked_tools(
    tool_ids: Iterable[int],
    blockers: Mapping[str, str],
    answers: Mapping[tuple[int, str], str],
    *,
    unknown_blocks: bool,
    overridden: frozenset[int] = frozenset(),
) -> dict[int, tuple[str, ...]]:
    """Return tool id -> reasons for every tool the gate stops.

    ``blockers`` maps the key of each blocking item to its title, ``answers`` maps
    (tool id, item key) to the stored answer; a missing answer reads as unknown.
    """
    stopping = blocking_answers(unknown_blocks)
    result: dict[int, tuple[str, ...]] = {}
    for tool_id in tool_ids:
        if tool_id in overridden:
            continue
        reasons = []
        for key in sorted(blockers):
            answer = answers.get((tool_id, key), Answer.UNKNOWN.value)
            if answer in stopping:
                reasons.append(reason(key, blockers[key], answer))
        if reasons:
            result[tool_id] = tuple(reasons)
    return result
