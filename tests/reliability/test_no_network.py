"""The whole suite runs with sockets blocked except AF_UNIX (pytest-socket, set in pyproject).

So any code path that reaches for the network fails loudly in every test, not only here. This
file proves the guard is really on, and that the core and a full open/edit/save cycle run under it.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from pytest_socket import SocketBlockedError

from aligner.services import edits
from aligner.services.project import Project
from aligner.services.ranking import ranking_from

# pytest-socket warns as well as raising; the raise is what these tests check.
blocked_warning = pytest.mark.filterwarnings("ignore:A test tried to use socket")


@blocked_warning
@pytest.mark.parametrize("family", [socket.AF_INET, socket.AF_INET6])
def test_an_internet_socket_cannot_be_created(family: socket.AddressFamily) -> None:
    with pytest.raises(SocketBlockedError):
        socket.socket(family, socket.SOCK_STREAM)


@blocked_warning
def test_a_connection_attempt_is_blocked_before_it_leaves() -> None:
    with pytest.raises(SocketBlockedError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)


def test_open_edit_rank_save_needs_no_network(sample_copy: Path, figures) -> None:
    project = Project.open(sample_copy)
    try:
        project.execute(edits.add("member", name="Offline Olive", role="Teacher"))
        assert ranking_from(project.evaluation()).tools
        project.save()
    finally:
        project.close()
    # Reaching here means no socket was opened: any attempt would have raised.
    figures("no network", sockets_opened=0)
