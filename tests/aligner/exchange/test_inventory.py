"""Inventory import: the template filled in, CSV, and all-or-nothing with exact places."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from aligner.cli import main
from aligner.domain.errors import FileRejectedError
from aligner.services.inventory import import_inventory, write_inventory_template
from aligner.services.project import Project


@pytest.fixture
def empty_project(tmp_path: Path) -> Project:
    project = Project.create(tmp_path / "new.aligner", name="Lakeside USD")
    yield project  # type: ignore[misc]
    project.close()


def filled_template(
    path: Path, tools: int = 99, bad_tool_row: int | None = None, prefix: str = ""
) -> Path:
    write_inventory_template(path)
    book = openpyxl.load_workbook(path)
    book["Challenges"].append(
        [prefix + "Chronic absenteeism", "Equity", 3, 4, "Too many days missed"]
    )
    book["Challenges"].append([prefix + "Reading", "student_achievement", 2])
    book["Outcomes"].append(
        [prefix + "Chronic absenteeism", "Absence rate", "% of days", "%", 12, 8, "lower", 2]
    )
    book["Outcomes"].append(
        [prefix + "Reading", "Grade 3 proficiency", "", "%", 48, 60, "Higher", 1]
    )
    for n in range(tools):
        book["Tools"].append(
            [f"{prefix}Tool {n}", "Vendor", "", 1000, 2.5, 300, "Candidate", "", "2027-01-15"]
        )
    if bad_tool_row is not None:
        book["Tools"].cell(bad_tool_row, 5).value = "twelve dollars"
    book.save(path)
    return path


def test_filled_template_imports_everything(empty_project: Project, tmp_path: Path) -> None:
    source = filled_template(tmp_path / "inventory.xlsx", tools=3)
    counts = import_inventory(empty_project, source)
    assert (counts.challenges, counts.outcomes, counts.tools) == (2, 2, 3)
    challenges = {c.title: c for c in empty_project.challenges()}
    outcomes = {o.name: o for o in empty_project.outcomes()}
    assert outcomes["Absence rate"].challenge_id == challenges["Chronic absenteeism"].id
    assert outcomes["Absence rate"].direction.value == "lower"
    assert challenges["Chronic absenteeism"].category.value == "equity"
    tool = next(t for t in empty_project.tools() if t.name == "Tool 0")
    assert tool.cost_per_student == 2.5
    assert tool.next_review == "2027-01-15"


def test_one_bad_row_in_a_hundred_imports_nothing(empty_project: Project, tmp_path: Path) -> None:
    source = filled_template(tmp_path / "inventory.xlsx", tools=99, bad_tool_row=51)
    events = empty_project.counts().audit_events
    with pytest.raises(FileRejectedError) as caught:
        import_inventory(empty_project, source)
    assert len(caught.value.problems) == 1
    (problem,) = caught.value.problems
    assert "sheet Tools, row 51, column E (Cost per student)" in problem
    assert "twelve dollars" in problem
    assert empty_project.counts().audit_events == events
    assert empty_project.tools() == []
    assert empty_project.challenges() == []


def test_every_problem_is_collected(empty_project: Project, tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    write_inventory_template(path)
    book = openpyxl.load_workbook(path)
    book["Challenges"].append(["", "weather", -1])
    book["Outcomes"].append(["No such challenge", "Thing"])
    book["Tools"].append(["Same"])
    book["Tools"].append(["same"])
    book["Tools"].cell(4, 1).value = "=1+1"
    book.save(path)
    with pytest.raises(FileRejectedError) as caught:
        import_inventory(empty_project, path)
    text = "\n".join(caught.value.problems)
    assert "sheet Challenges, row 2, column A (Title)" in text
    assert "sheet Challenges, row 2, column B (Category)" in text
    assert "sheet Challenges, row 2, column C (Weight)" in text
    assert "sheet Outcomes, row 2, column A (Challenge)" in text
    assert "sheet Tools, row 3, column A (Tool)" in text  # duplicate name
    assert "sheet Tools, row 4, column A (Tool): holds a formula" in text


def test_csv_with_bom_and_semicolons(empty_project: Project, tmp_path: Path) -> None:
    source = tmp_path / "tools.csv"
    source.write_bytes(
        "\ufeffTool;Vendor;Cost per student;Status\nEchoRead;Echo Inc;4,5;candidate\n"
        "=cmd;Evil;1;adopted\n".encode()
    )
    with pytest.raises(FileRejectedError) as caught:
        import_inventory(empty_project, source)
    assert any("row 2, column C (Cost per student)" in p for p in caught.value.problems)
    source.write_text("Tool,Vendor,Cost per student\nEchoRead,Echo Inc,4.5\n=cmd,Evil,1\n")
    counts = import_inventory(empty_project, source)
    assert counts.tools == 2
    assert {t.name for t in empty_project.tools()} == {"EchoRead", "=cmd"}  # stored raw (R3.11)


def test_cli_template_and_import(sample_copy: Path, tmp_path: Path) -> None:
    template = tmp_path / "template.xlsx"
    assert main(["template", str(template)]) == 0
    assert openpyxl.load_workbook(template).sheetnames == [
        "About",
        "Challenges",
        "Outcomes",
        "Tools",
    ]
    source = filled_template(tmp_path / "in.xlsx", tools=2, prefix="New: ")
    before = sample_copy.read_bytes()
    bad = filled_template(tmp_path / "bad.xlsx", tools=2, bad_tool_row=2)
    assert main(["import", str(sample_copy), str(bad)]) == 1
    assert sample_copy.read_bytes() == before
    assert main(["import", str(sample_copy), str(source)]) == 0
    assert sample_copy.read_bytes() != before
