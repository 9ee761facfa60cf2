"""Benchmarks, each printed as a ratio against a floor measured in the same run.

Run: python bench/run.py   (medians of several runs; the machine is shared and noisy)
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aligner.compute.pipeline import evaluate
from aligner.storage.snapshot import load_evaluation
from bench.synthetic import build

REPEATS = 15


def median_seconds(fn: Callable[[], object], repeats: int = REPEATS) -> float:
    fn()  # warm caches and imports
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def report(name: str, measured: float, floor: float, limit: float) -> None:
    ratio = measured / floor
    verdict = "ok" if ratio <= limit else "OVER"
    print(
        f"{name:<44} {measured * 1e3:9.3f} ms  floor {floor * 1e3:8.3f} ms  "
        f"ratio {ratio:5.2f}x (limit {limit}x) {verdict}"
    )


def bench_core(folder: Path) -> None:
    project = build(folder / "big.aligner")
    try:
        with project.reading() as connection:
            data = load_evaluation(connection)
        working = project.engine.url.database
        assert working is not None
        raw = sqlite3.connect(working)
        shape = data.scores.shape

        def raw_floor() -> np.ndarray:
            rows = np.array(
                raw.execute(
                    "SELECT member_id, tool_id, outcome_id, value FROM score "
                    "WHERE value IS NOT NULL"
                ).fetchall(),
                dtype=np.float64,
            )
            cube = np.full(shape, np.nan)
            ids = rows[:, :3].astype(np.int64) - 1
            cube[ids[:, 0], ids[:, 1], ids[:, 2]] = rows[:, 3]
            return cube

        def load() -> object:
            with project.reading() as connection:
                return load_evaluation(connection)

        report(
            "load scores into arrays (200x40x15)",
            median_seconds(load),
            median_seconds(raw_floor),
            2.0,
        )

        weights = evaluate(data).weights
        cube = data.scores

        def floor_pipeline() -> object:
            cube[0, 0, 0] = 3.0
            return np.nanmean(cube, axis=0) @ weights

        def pipeline() -> object:
            cube[0, 0, 0] = 3.0  # one score edit
            return evaluate(data)

        report(
            "pipeline after one score edit",
            median_seconds(pipeline),
            median_seconds(floor_pipeline),
            3.0,
        )
        raw.close()
    finally:
        project.close()


def main() -> int:
    with tempfile.TemporaryDirectory() as temp:
        os.environ.setdefault("ALIGNER_DATA_DIR", str(Path(temp) / "data"))
        bench_core(Path(temp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
