"""The meeting report: self-contained, escaped, with the committee's numbers."""

from __future__ import annotations

import re
from pathlib import Path

from aligner.cli import main
from aligner.services import edits
from aligner.services.project import Project
from aligner.services.ranking import ranking_from


def test_report_is_self_contained_and_escapes_user_text(sample_copy: Path, tmp_path: Path) -> None:
    project = Project.open(sample_copy)
    try:
        tool = project.tools()[0]
        project.execute(edits.update("tool", tool.id, name="<script>alert(1)</script>"))
        project.save()
        ranking = ranking_from(project.evaluation())
    finally:
        project.close()
    target = tmp_path / "report.html"
    assert main(["report", str(sample_copy), "--html", str(target)]) == 0
    html = target.read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # Nothing outside the file: every src is inline data, no stylesheet or script links.
    assert re.findall(r'src="(?!data:image/png;base64,)', html) == []
    assert "http://" not in html.replace('xmlns="http://', "")
    assert "<link" not in html
    assert "default-src 'none'" in html
    assert '<meta name="viewport"' in html
    assert "@media print" in html
    for line in ranking.tools:
        if line.score is not None:
            assert f"{line.score:,.1f}" in html
    assert "How safe is the first place?" in html
    assert "Disagreement to discuss" in html
    assert html.count('<section class="tool">') == len(ranking.tools)
