"""Shared fixtures: every test gets its own data folder, so no test sees another's projects."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Must be set before any QApplication exists (pytest-qt creates it lazily).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("ALIGNER_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample district written once per session; copy it before changing it."""
    from aligner.demo import write_sample

    folder = tmp_path_factory.mktemp("sample")
    old = os.environ.get("ALIGNER_DATA_DIR")
    os.environ["ALIGNER_DATA_DIR"] = str(folder / "data")
    try:
        path = folder / "sample.aligner"
        write_sample(path)
    finally:
        if old is None:
            os.environ.pop("ALIGNER_DATA_DIR", None)
        else:
            os.environ["ALIGNER_DATA_DIR"] = old
    return path


@pytest.fixture
def sample_copy(sample_file: Path, tmp_path: Path) -> Path:
    target = tmp_path / "district.aligner"
    target.write_bytes(sample_file.read_bytes())
    return target


@pytest.fixture
def sample_project(sample_copy: Path) -> Iterator[object]:
    from aligner.services.project import Project

    project = Project.open(sample_copy)
    yield project
    project.close()
