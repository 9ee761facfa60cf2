"""Typed ids so a tool id cannot be passed where an outcome id is expected."""

from __future__ import annotations

from typing import NewType

ChallengeId = NewType("ChallengeId", int)
OutcomeId = NewType("OutcomeId", int)
ToolId = NewType("ToolId", int)
MemberId = NewType("MemberId", int)
ScenarioId = NewType("ScenarioId", int)
DecisionId = NewType("DecisionId", int)
