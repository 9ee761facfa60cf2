"""`aligner --self-test`, the check a school laptop runs after install (and CI on the bundle)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from aligner.cli import main
from aligner.services import selftest

STEPS = ("create", "write", "read", "rank", "chart", "export", "audit")


def test_the_self_test_passes_every_step_without_touching_user_data(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in out[:-1]] == list(STEPS)
    assert all(line.startswith("ok") for line in out[:-1])
    assert out[-1].endswith("self-test: passed")
    assert list(data_dir.iterdir()) == [], "the self-test wrote into the user's data folder"


# pytest-socket is lifted here so the self-test's own guard is the one that refuses; the step
# only creates a socket object, it never connects.
@pytest.mark.enable_socket
def test_a_step_that_reaches_for_the_network_fails_the_self_test(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    socket_class = socket.socket

    def phoning_home(path: Path) -> None:
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # e.g. a "check for updates"

    monkeypatch.setattr(selftest, "write_sample", phoning_home)
    assert main(["--self-test"]) == 1
    out = capsys.readouterr().out
    assert "FAIL  create" in out and "network socket" in out
    assert out.rstrip().endswith("self-test: FAILED")
    assert socket.socket is socket_class, "the self-test left its socket guard installed"
