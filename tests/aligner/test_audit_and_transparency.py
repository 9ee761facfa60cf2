"""The audit chain on the command line, tamper detection, and the families' page."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from aligner.cli import main
from aligner.services import edits
from aligner.services.project import Project


def test_audit_lists_events_and_verifies(sample_copy: Path, capsys) -> None:
    assert main(["audit", str(sample_copy)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any("create gate_override" in line or "create decision" in line for line in lines)
    assert main(["audit", str(sample_copy), "--verify"]) == 0
    assert "Audit trail verified" in capsys.readouterr().out


def test_the_audit_log_is_append_only(sample_copy: Path) -> None:
    connection = sqlite3.connect(sample_copy)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute("UPDATE audit_event SET actor = 'x' WHERE id = 3")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute("DELETE FROM audit_event WHERE id = 3")
    finally:
        connection.close()


def test_editing_one_byte_of_an_audit_row_fails_verify_at_that_event(
    sample_copy: Path, capsys
) -> None:
    connection = sqlite3.connect(sample_copy)
    try:
        # What someone with the file and the sqlite3 shell could do (reliability T4.6).
        connection.execute("DROP TRIGGER audit_event_no_update")
        after = connection.execute("SELECT after FROM audit_event WHERE id = 40").fetchone()[0]
        digit = next(i for i, ch in enumerate(after) if ch.isdigit())
        changed = after[:digit] + str((int(after[digit]) + 1) % 10) + after[digit + 1 :]
        connection.execute("UPDATE audit_event SET after = ? WHERE id = 40", (changed,))
        connection.commit()
    finally:
        connection.close()
    assert main(["audit", str(sample_copy), "--verify"]) == 1
    err = capsys.readouterr().err
    assert "broken at event 40" in err
    assert err.count("\n") == 1


def test_transparency_page_shows_public_facts_only(sample_copy: Path, tmp_path: Path) -> None:
    project = Project.open(sample_copy)
    try:
        lexipath = next(t.id for t in project.tools() if t.name == "LexiPath Tutor")
        project.execute(
            edits.update("tool", lexipath, purpose="Reading <script>alert(1)</script> tutor")
        )
        project.save()
    finally:
        project.close()
    out = tmp_path / "families.html"
    assert main(["transparency", str(sample_copy), "--html", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Beacon Early Warning" in html and "LexiPath Tutor" in html
    assert "In use" in html and "Pilot" in html
    assert "Special indicator" in html  # the student data Beacon touches
    assert "expired 2026-11-15" in html
    assert "Marcus Bell" in html and "Dr. Amara Osei" in html  # accountable owners
    # Nothing from deliberations: candidates, blocked or retiring tools, other members,
    # scores, rationales.
    for absent in (
        "MathMentor AI",
        "FrontDesk Chat",
        "Luis Ferreira",
        "Grace Whitfield",
        "rationale",
        "score",
        "strongest fit",
        "<script>",
    ):
        assert absent.lower() not in html.lower()
    assert "&lt;script&gt;" in html
