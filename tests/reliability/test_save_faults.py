"""T1.3: Save made to fail at each step of publishing, once and continuously.

publish() (aligner/storage/workspace.py) checks free space, backs the working copy up into a temp
file beside the target, validates it, fsyncs it, renames it over the target and fsyncs the folder.
Each step is made to raise ENOSPC or EIO, before or after doing its work, at one call only or at
every call from then on. Whatever happens: the target is the old file or the complete new one,
no temp file is left, the working copy keeps every edit, and the user gets a SaveFailedError
that names the file. Clearing the fault, Save works.
"""

from __future__ import annotations

import errno
import itertools
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from aligner.domain.errors import SaveFailedError
from aligner.services import edits
from aligner.services.project import Project
from aligner.storage import workspace

STEPS = ("free space", "backup", "validate", "fsync temp", "rename", "fsync folder")
ERRORS = {"ENOSPC": errno.ENOSPC, "EIO": errno.EIO}


@dataclass
class Faults:
    """Makes one publish step raise OSError(code) at its first call, once or from then on."""

    step: str
    code: int
    after: bool  # raise after the step did its work (e.g. the rename happened, then EIO)
    continuous: bool
    fired: int = 0
    active: bool = True
    calls: list[str] = field(default_factory=list)

    def wrap(self, step: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def faulty(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(step)
            hit = self.active and step == self.step and (self.continuous or self.fired == 0)
            if hit and not self.after:
                self.fired += 1
                raise OSError(self.code, os.strerror(self.code))
            result = real(*args, **kwargs)
            if hit:
                self.fired += 1
                raise OSError(self.code, os.strerror(self.code))
            return result

        return faulty


@contextmanager
def injected(faults: Faults, target: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Faults]:
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        if Path(dst) == target:
            faults.wrap("rename", real_replace)(src, dst)
        else:  # the working-copy note is written the same way; leave it alone
            real_replace(src, dst)

    with monkeypatch.context() as patch:
        patch.setattr(
            workspace.shutil, "disk_usage", faults.wrap("free space", workspace.shutil.disk_usage)
        )
        patch.setattr(workspace, "backup_into", faults.wrap("backup", workspace.backup_into))
        patch.setattr(workspace, "validate_copy", faults.wrap("validate", workspace.validate_copy))
        patch.setattr(workspace, "_fsync_file", faults.wrap("fsync temp", workspace._fsync_file))
        patch.setattr(workspace, "_fsync_dir", faults.wrap("fsync folder", workspace._fsync_dir))
        patch.setattr(os, "replace", replace)
        yield faults


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".saving")]


def _assert_old_or_new(target: Path, old: bytes, project: Project) -> str:
    now = target.read_bytes()
    if now == old:
        return "old"
    # Not the old file: then it must be the whole new one, as valid as a fresh save.
    workspace.validate_copy(target, target)
    connection = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    try:
        head = connection.execute("SELECT max(id) FROM audit_event").fetchone()[0]
    finally:
        connection.close()
    with project.reading() as reading:
        assert head == reading.exec_driver_sql("SELECT max(id) FROM audit_event").scalar_one()
    return "new"


def _scenarios(full: bool) -> list[tuple[str, str, bool, bool]]:
    if full:
        return list(itertools.product(STEPS, ERRORS, (False, True), (False, True)))
    # Reduced: every step, both errors, both timings, both persistences, in 12 runs.
    return [
        (step, error, after, continuous)
        for i, step in enumerate(STEPS)
        for error, after, continuous in (
            ("ENOSPC", False, i % 2 == 0),
            ("EIO", True, i % 2 == 1),
        )
    ]


def test_a_failing_save_leaves_old_or_new_never_partial(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch, rounds, figures
) -> None:
    full = rounds(0, 1) == 1
    scenarios = _scenarios(full)
    survived = 0
    for number, (step, error, after, continuous) in enumerate(scenarios):
        timing = "after" if after else "before"
        where = f"{step} {error} {timing} {'always' if continuous else 'once'}"
        project = Project.open(sample_copy)
        try:
            old = sample_copy.read_bytes()
            member = f"Member {number}"
            project.execute(edits.add("member", name=member, role="Teacher"))
            faults = Faults(step, ERRORS[error], after, continuous)
            with injected(faults, sample_copy, monkeypatch):
                attempts = 2 if continuous else 1
                for _ in range(attempts):
                    with pytest.raises(SaveFailedError) as failed:
                        project.save()
                    assert str(sample_copy) in failed.value.message, where
                    assert "working copy" in failed.value.message, where
                    _assert_old_or_new(sample_copy, old, project)
                    assert _leftovers(sample_copy.parent) == [], where
                    assert project.integrity() == "ok", where
                    assert member in {m.name for m in project.members()}, where
                    assert project.is_dirty, where
                assert faults.fired == attempts, f"{where}: the fault never fired"
                faults.active = False
                project.save()
            assert _assert_old_or_new(sample_copy, old, project) == "new", where
            assert not project.is_dirty
            assert _leftovers(sample_copy.parent) == []
        finally:
            project.close()
        survived += 1
    figures("save faults", survived=f"{survived}/{len(scenarios)}")


def test_a_temp_copy_that_comes_out_damaged_is_never_renamed_over_the_file(
    sample_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk that lies about what it wrote: validation of the temp copy catches it."""
    target = sample_project.path
    old = target.read_bytes()
    real = workspace.backup_into

    def lying_backup(source: Any, temp: Path, **kwargs: Any) -> None:
        real(source, temp, **kwargs)
        data = bytearray(temp.read_bytes())
        data[4096 * 2 : 4096 * 2 + 64] = bytes(64)  # a b-tree page header zeroed
        temp.write_bytes(bytes(data))

    monkeypatch.setattr(workspace, "backup_into", lying_backup)
    sample_project.execute(edits.add("member", name="Lost Lydia", role="Parent"))
    with pytest.raises(SaveFailedError, match="damaged"):
        sample_project.save()
    assert target.read_bytes() == old
    assert _leftovers(target.parent) == []


def _fsync_failing_for_folders(code: int) -> Callable[[int], None]:
    real = os.fsync

    def fsync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(code, os.strerror(code))
        real(fd)

    return fsync


def test_a_folder_that_cannot_be_synced_is_not_a_failed_save(
    sample_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "fsync", _fsync_failing_for_folders(errno.EINVAL))
    sample_project.execute(edits.add("member", name="Synced Sam", role="Parent"))
    sample_project.save()
    assert not sample_project.is_dirty


def test_an_io_error_syncing_the_folder_is_reported(
    sample_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Regression: every OSError from the folder fsync was swallowed, so an EIO that may lose
    # the rename on power loss was reported as a successful save.
    monkeypatch.setattr(os, "fsync", _fsync_failing_for_folders(errno.EIO))
    sample_project.execute(edits.add("member", name="Durable Dana", role="Parent"))
    with pytest.raises(SaveFailedError):
        sample_project.save()
    assert sample_project.is_dirty


DISK_FULL = """
import resource, signal, sys
from pathlib import Path
from aligner.services import edits
from aligner.services.project import Project
from aligner.domain.errors import SaveFailedError

project = Project.open(Path(sys.argv[1]))
project.execute(edits.add("member", name="Full Fran", role="Parent"))
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, resource.RLIM_INFINITY))
try:
    project.save()
except SaveFailedError as exc:
    resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    print("refused:", exc.message)
    print("working copy:", project.integrity(), "Full Fran" in {m.name for m in project.members()})
else:
    print("saved")
"""


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX only")
def test_a_real_write_limit_fails_the_save_cleanly(sample_copy: Path) -> None:
    """A file-size limit makes SQLite's own writes of the temp copy fail, as a full disk would."""
    old = sample_copy.read_bytes()
    run = subprocess.run(
        [sys.executable, "-c", DISK_FULL, str(sample_copy)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("refused:"), run.stdout
    assert str(sample_copy) in run.stdout
    assert "working copy: ok True" in run.stdout
    assert sample_copy.read_bytes() == old
    assert _leftovers(sample_copy.parent) == []
