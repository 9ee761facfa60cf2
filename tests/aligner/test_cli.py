"""The command line: the sample district, ranking as JSON, one-line errors that write nothing."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from aligner.cli import main
from aligner.config import APPLICATION_ID, SCHEMA_VERSION


def test_demo_then_rank_json_lists_all_sample_tools(tmp_path: Path, capsys) -> None:
    path = tmp_path / "x.aligner"
    assert main(["demo", str(path)]) == 0
    capsys.readouterr()
    assert main(["rank", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["method"] == "weighted_sum"
    tools = result["tools"]
    assert len(tools) == 8
    assert all(0 <= t["score"] <= 100 for t in tools)
    assert [t["score"] for t in tools] == sorted((t["score"] for t in tools), reverse=True)
    assert {"name", "score", "rank", "status"} <= set(tools[0])
    import sqlite3

    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    connection.close()


def test_info_prints_counts_and_integrity(sample_copy: Path, capsys) -> None:
    assert main(["info", str(sample_copy)]) == 0
    out = capsys.readouterr().out
    assert "tools: 8" in out
    assert "integrity check: ok" in out
    assert f"schema version: {SCHEMA_VERSION}" in out


@pytest.mark.parametrize("content", [b"", b"hello", b"\x89PNG\r\n\x1a\n" + b"\0" * 200])
def test_errors_are_one_line_on_stderr_and_write_nothing(
    tmp_path: Path, capsys, content: bytes
) -> None:
    path = tmp_path / "bad.aligner"
    path.write_bytes(content)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    assert main(["rank", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "not an Aligner project" in err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.aligner"]


def test_a_missing_file_is_a_usage_error(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["rank", str(tmp_path / "missing.aligner")])
    assert caught.value.code == 2
    assert "no such file" in capsys.readouterr().err


def test_a_locked_project_is_refused(sample_copy: Path, capsys) -> None:
    from aligner.storage import workspace

    workspace.lock_path(sample_copy).write_text(
        json.dumps(
            {"user": "grace", "host": "library-pc", "pid": 1234, "since": "2026-11-30T09:00"}
        )
    )
    assert main(["rank", str(sample_copy)]) == 1
    assert "in use by grace on library-pc" in capsys.readouterr().err


def test_every_subcommand_has_help() -> None:
    for command in ("open", "demo", "info", "rank"):
        with pytest.raises(SystemExit) as caught:
            main([command, "--help"])
        assert caught.value.code == 0


def test_the_core_never_imports_qt() -> None:
    code = (
        "import importlib, pkgutil, sys, aligner\n"
        "for m in pkgutil.walk_packages(aligner.__path__, 'aligner.'):\n"
        "    if '.migrations' not in m.name and m.name != 'aligner.__main__':\n"
        "        importlib.import_module(m.name)\n"
        "bad = [n for n in sys.modules if n.split('.')[0] in ('PySide6', 'shiboken6', 'ui')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
