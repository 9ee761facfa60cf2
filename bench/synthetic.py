"""A large synthetic project for benchmarks: many tools, outcomes and members, random scores."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sqlalchemy import insert

from aligner.services.project import Project
from aligner.storage.tables import (
    ChallengeRow,
    MemberRow,
    OutcomeRow,
    ScoreRow,
    ToolRow,
    table_of,
)


def build(
    path: Path, *, tools: int = 200, outcomes: int = 40, members: int = 15, seed: int = 7
) -> Project:
    """Create and return an open project of the given size (scores ~10% missing)."""
    rng = np.random.default_rng(seed)
    project = Project.create(path, name="Synthetic district")
    challenges = max(1, outcomes // 5)
    with project.engine.begin() as c:
        c.execute(
            insert(table_of(ChallengeRow)),
            [
                {
                    "id": i + 1,
                    "title": f"Challenge {i + 1}",
                    "category": "equity",
                    "priority": 3,
                    "weight": float(rng.uniform(1, 10)),
                    "description": "",
                    "evidence": "",
                    "owner": "",
                    "outcome_weight_method": "direct",
                }
                for i in range(challenges)
            ],
        )
        c.execute(
            insert(table_of(OutcomeRow)),
            [
                {
                    "id": j + 1,
                    "challenge_id": j % challenges + 1,
                    "name": f"Outcome {j + 1}",
                    "metric": "",
                    "unit": "",
                    "direction": "higher",
                    "weight": float(rng.uniform(1, 5)),
                }
                for j in range(outcomes)
            ],
        )
        c.execute(
            insert(table_of(ToolRow)),
            [
                {
                    "id": t + 1,
                    "name": f"Tool {t + 1}",
                    "vendor": "",
                    "purpose": "",
                    "status": "candidate",
                    "owner": "",
                    "cost_per_student": float(rng.uniform(1, 40)),
                }
                for t in range(tools)
            ],
        )
        c.execute(
            insert(table_of(MemberRow)),
            [{"id": m + 1, "name": f"Member {m + 1}", "role": ""} for m in range(members)],
        )
        values = rng.integers(0, 5, size=(members, tools, outcomes)).astype(float)
        keep = rng.random((members, tools, outcomes)) > 0.1
        m_idx, t_idx, o_idx = np.nonzero(keep)
        c.execute(
            insert(table_of(ScoreRow)),
            [
                {
                    "member_id": int(m) + 1,
                    "tool_id": int(t) + 1,
                    "outcome_id": int(o) + 1,
                    "value": float(values[m, t, o]),
                    "abstained": False,
                    "rationale": "",
                }
                for m, t, o in zip(m_idx, t_idx, o_idx, strict=True)
            ],
        )
    project.save()
    return project
