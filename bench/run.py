"""Benchmarks, each printed as a ratio against a floor measured in the same run.

Run: python bench/run.py   (medians of several runs; the machine is shared and noisy)
The TOPSIS comparison needs the optional bench extra: pip install -e ".[bench]" (pymcdm 1.4).
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

from aligner.compute.pipeline import Evaluation, complete_by_own_mean, evaluate
from aligner.compute.scoring import topsis
from aligner.compute.sensitivity import monte_carlo
from aligner.storage.snapshot import load_evaluation
from bench.synthetic import build

REPEATS = 15
DRAWS = 10_000


def median_seconds(fn: Callable[[], object], repeats: int = REPEATS) -> float:
    fn()  # warm caches and imports
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def paired_medians(
    fn: Callable[[], object], floor: Callable[[], object], repeats: int
) -> tuple[float, float]:
    """Median times of ``fn`` and ``floor`` run alternately, so load changes hit both alike."""
    fn()
    floor()
    measured, floors = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        floor()
        floors.append(time.perf_counter() - start)
        start = time.perf_counter()
        fn()
        measured.append(time.perf_counter() - start)
    return statistics.median(measured), statistics.median(floors)


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
        cube[0, 0, 0] = np.nan
        evaluation = evaluate(data)
        bench_monte_carlo(evaluation)
        bench_topsis(evaluation)
    finally:
        project.close()


def bench_monte_carlo(evaluation: Evaluation) -> None:
    """10,000 Dirichlet weight draws scored and ranked vs one matmul + one argsort per draw."""
    cells = evaluation.normalised
    weights = evaluation.weights
    shape = cells.shape
    drawn = np.random.default_rng(1).dirichlet(100.0 * weights, size=DRAWS)
    filled = np.nan_to_num(cells)

    def floor() -> object:
        return np.argsort(drawn @ filled.T, axis=1)

    measured, floor_time = paired_medians(
        lambda: monte_carlo(cells, weights, draws=DRAWS), floor, repeats=9
    )
    report(f"Monte Carlo {DRAWS:,} draws ({shape[0]}x{shape[1]})", measured, floor_time, 1.5)


def bench_topsis(evaluation: Evaluation) -> None:
    """TOPSIS closeness on the committee matrix vs pymcdm 1.4 doing the same (vector norm)."""
    name = f"TOPSIS ({evaluation.normalised.shape[0]}x{evaluation.normalised.shape[1]}) vs pymcdm"
    try:
        from pymcdm.methods import TOPSIS
        from pymcdm.normalizations import vector_normalization
    except ImportError:
        print(f"{name:<44} skipped: pymcdm not installed (pip install -e '.[bench]')")
        return
    matrix = complete_by_own_mean(evaluation.normalised, evaluation.weights)
    weights = evaluation.weights / evaluation.weights.sum()
    benefit = np.ones(matrix.shape[1], dtype=bool)
    reference = TOPSIS(vector_normalization)
    types = np.ones(matrix.shape[1])
    ours = topsis(matrix, weights, benefit)
    theirs = reference(matrix, weights, types)
    if not np.allclose(ours, theirs):
        print(
            f"{name:<44} MISMATCH: closeness differs from pymcdm by {np.abs(ours - theirs).max()}"
        )
        return
    measured, floor_time = paired_medians(
        lambda: topsis(matrix, weights, benefit),
        lambda: reference(matrix, weights, types),
        repeats=51,
    )
    report(name, measured, floor_time, 0.2)


def bench_exchange(folder: Path) -> None:
    """Scorecard export and packet import against plain openpyxl doing the same cells."""
    from bench.exchange import bench_packets, bench_scorecard

    project = build(folder / "exchange.aligner")
    try:
        measured, floor = bench_scorecard(project, folder, median_seconds)
        report("scorecard export, 200 tools (no charts)", measured, floor, 1.5)
        measured, floor = bench_packets(project, folder, median_seconds)
        report("import 15 scoring packets (200x40 each)", measured, floor, 2.0)
    finally:
        project.close()


def main() -> int:
    with tempfile.TemporaryDirectory() as temp:
        os.environ.setdefault("ALIGNER_DATA_DIR", str(Path(temp) / "data"))
        only = set(sys.argv[1:])  # e.g. "python bench/run.py exchange"
        if not only or "core" in only:
            bench_core(Path(temp))
        if not only or "exchange" in only:
            bench_exchange(Path(temp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
