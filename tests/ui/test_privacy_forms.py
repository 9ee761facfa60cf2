"""The Privacy page's forms, used as a committee member would: fill, see it, undo, get refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt

from aligner.config import resources_dir
from aligner.domain.errors import AlignerError
from aligner.services import audit_log, privacy
from aligner.services.commands import DeleteRows
from tests.ui.conftest import ScriptedPrompts
from ui.main_window import MainWindow
from ui.pages.privacy import PrivacyPage
from ui.pages.privacy_tool import ToolPrivacyPanel


@pytest.fixture
def refusals(monkeypatch: pytest.MonkeyPatch) -> list[AlignerError]:
    shown: list[AlignerError] = []
    monkeypatch.setattr("ui.pages.base.show_error", lambda parent, error: shown.append(error))
    return shown


def _page(window: MainWindow) -> PrivacyPage:
    page = window.show_page("privacy")
    assert isinstance(page, PrivacyPage)
    return page


def _tool(window: MainWindow, name: str) -> int:
    return next(t.id for t in window.session.project.tools() if t.name == name)


def _cell(page: PrivacyPage, tool_id: int, key: str) -> str:
    column = [i.key for i in page.items].index(key)
    return str(page.model.index(page.tool_ids.index(tool_id), column).data())


def _state(window: MainWindow) -> tuple[object, ...]:
    project = window.session.project
    return (
        audit_log.head(project),
        project.tools(),
        privacy.items(project),
        privacy.answers(project),
        privacy.agreements(project),
    )


def _check(panel: ToolPrivacyPanel, *names: str) -> None:
    for row in range(panel.categories.count()):
        entry = panel.categories.item(row)
        if entry.text() in names:
            entry.setCheckState(Qt.CheckState.Checked)


def test_who_a_tool_serves_policy_and_data_categories(
    main_window: MainWindow, refusals: list[AlignerError]
) -> None:
    page = _page(main_window)
    math = _tool(main_window, "MathMentor AI")
    page.select(math, "P13")
    assert _cell(page, math, "P13") == "—"  # COPPA does not apply to a grades 9-10 tool
    panel = page.tool_panel
    panel.under_13.setCurrentIndex(panel.under_13.findData(True))
    panel.policy_version.setText("v3.1 (Sept 2026)")
    panel.policy_checked.setDate(QDate(2026, 11, 20))
    _check(panel, "Student name", "Assessment")
    panel.save_facts_button.click()
    tool = next(t for t in main_window.session.project.tools() if t.id == math)
    assert tool.users_under_13 is True
    assert (tool.policy_version, tool.policy_checked_on) == ("v3.1 (Sept 2026)", "2026-11-20")
    assert tool.data_categories == ("Assessment", "Student name")
    assert _cell(page, math, "P13") == "∅ n/a"  # now it applies: the stored answer shows
    assert panel.policy_version.text() == "v3.1 (Sept 2026)"
    main_window.session.undo_stack.undo()
    tool = next(t for t in main_window.session.project.tools() if t.id == math)
    assert (tool.users_under_13, tool.policy_version, tool.data_categories) == (False, "", ())
    assert _cell(page, math, "P13") == "—"
    assert panel.policy_checked.value() is None

    before = _state(main_window)
    panel.policy_version.setText("v" * 61)
    panel.save_facts_button.click()
    assert [e.field for e in refusals] == ["Tool policy version"]
    assert _state(main_window) == before


def test_an_under_13_tool_with_a_coppa_no_is_blocked_from_the_form(
    main_window: MainWindow,
) -> None:
    page = _page(main_window)
    math = _tool(main_window, "MathMentor AI")
    page.select(math, "P13")
    page.answer_choice.setCurrentIndex(page.answer_choice.findData("no"))
    page.reviewer.setText("Luis Ferreira")
    page.save_answer_button.click()
    assert math not in privacy.blocked(main_window.session.project)
    page.tool_panel.under_13.setCurrentIndex(page.tool_panel.under_13.findData(None))
    page.tool_panel.save_facts_button.click()
    assert privacy.blocked(main_window.session.project)[math][0].startswith("P13")
    assert page.model.headerData(page.tool_ids.index(math), Qt.Orientation.Vertical).startswith("⊘")


def test_data_agreement_form(main_window: MainWindow, refusals: list[AlignerError]) -> None:
    page = _page(main_window)
    homelink = _tool(main_window, "HomeLink Translate")
    page.select(homelink, "P05")
    panel = page.tool_panel
    assert not panel.remove_agreement_button.isEnabled()  # none on file yet
    panel.kind.setCurrentText("NDPA v1.0")
    panel.signed.setDate(QDate(2026, 12, 1))
    panel.expires.setDate(QDate(2028, 6, 30))
    panel.covers_ai.setChecked(True)
    panel.agreement_document.setText("Agreements/HomeLink NDPA.pdf")
    panel.save_agreement_button.click()
    stored = privacy.agreements(main_window.session.project)[homelink]
    assert (stored.kind, stored.signed_on, stored.expires_on, stored.covers_ai) == (
        "NDPA v1.0",
        "2026-12-01",
        "2028-06-30",
        True,
    )
    assert "signed, expires 2028-06-30" in panel.summary.text()
    main_window.session.undo_stack.undo()
    assert homelink not in privacy.agreements(main_window.session.project)
    assert "none on file" in panel.summary.text()

    before = _state(main_window)
    panel.kind.setCurrentText("NDPA v1.0")
    panel.signed.setDate(QDate(2026, 12, 1))
    panel.expires.setDate(QDate(2026, 1, 1))
    panel.save_agreement_button.click()
    panel.kind.setCurrentText("  ")
    panel.save_agreement_button.click()
    assert [e.field for e in refusals] == ["Agreement expiry", "Agreement kind"]
    assert _state(main_window) == before

    lexi = _tool(main_window, "LexiPath Tutor")
    page.select(lexi, "P05")
    panel.remove_agreement_button.click()
    assert lexi not in privacy.agreements(main_window.session.project)
    main_window.session.undo_stack.undo()
    assert privacy.agreements(main_window.session.project)[lexi].kind.startswith("NDPA")


def test_answer_evidence_reviewer_and_version(
    main_window: MainWindow, refusals: list[AlignerError]
) -> None:
    page = _page(main_window)
    planpal = _tool(main_window, "PlanPal")
    page.select(planpal, "P17")
    assert page.answer_version.text() == "Answered to checklist version 2026.1"
    before = _state(main_window)
    page.reviewer.setText("x" * 201)
    page.save_answer_button.click()
    assert [e.field for e in refusals] == ["Reviewer"]
    assert _state(main_window) == before
    page.reviewer.setText("Priya Natarajan")
    page.document.setText("PlanPal security whitepaper")
    page.section.setText("§2 Encryption")
    page.checked_on.setDate(QDate(2026, 11, 25))
    page.save_answer_button.click()
    stored = privacy.answers(main_window.session.project, planpal)[(planpal, "P17")]
    assert (stored.reviewer, stored.evidence_section, stored.checked_on) == (
        "Priya Natarajan",
        "§2 Encryption",
        "2026-11-25",
    )
    assert page.section.text() == "§2 Encryption"
    main_window.session.undo_stack.undo()
    assert privacy.answers(main_window.session.project, planpal)[(planpal, "P17")].reviewer == (
        "Marcus Bell"
    )


def test_the_district_chooses_which_items_block(main_window: MainWindow) -> None:
    page = _page(main_window)
    math = _tool(main_window, "MathMentor AI")
    page.select(math, "P27")  # its bias-testing answer is "no"
    assert not page.blocker_box.isChecked()
    page.blocker_box.click()
    assert privacy.blocked(main_window.session.project)[math][0].startswith("P27")
    assert "★P27" in [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(30)]
    main_window.session.undo_stack.undo()
    assert math not in privacy.blocked(main_window.session.project)
    assert not page.blocker_box.isChecked()


def test_unknown_answers_block_setting(main_window: MainWindow) -> None:
    page = _page(main_window)
    homelink = _tool(main_window, "HomeLink Translate")
    page.unknown_blocks.click()
    assert main_window.session.project.district().unknown_blocks
    assert homelink in privacy.blocked(main_window.session.project)
    header = page.model.headerData(page.tool_ids.index(homelink), Qt.Orientation.Vertical)
    assert header == "⊘ HomeLink Translate"
    main_window.session.undo_stack.undo()
    assert not page.unknown_blocks.isChecked()
    assert homelink not in privacy.blocked(main_window.session.project)


def test_the_districts_own_item(main_window: MainWindow, refusals: list[AlignerError]) -> None:
    page = _page(main_window)
    panel = page.checklist_panel
    panel.item_id.setText("D01")
    panel.item_title.setText("Board approval")
    panel.item_question.setText("Has the school board approved the tool for student use?")
    panel.item_guidance.setPlainText("Ask the board secretary for the minute.")
    panel.item_applies.setCurrentIndex(panel.item_applies.findData("users_under_13"))
    panel.item_blocker.setChecked(True)
    before = _state(main_window)
    panel.add_button.click()  # no source given
    assert [e.field for e in refusals] == ["Checklist item D01"]
    assert "source" in refusals[0].message
    assert _state(main_window) == before
    assert panel.item_id.text() == "D01"  # the form keeps what was typed
    panel.item_sources.setPlainText("Board policy 6163.4\n")
    panel.add_button.click()
    item = next(i for i in privacy.items(main_window.session.project) if i.key == "D01")
    assert (item.custom, item.blocker, item.applies_when) == (True, True, "users_under_13")
    assert page.model.headerData(30, Qt.Orientation.Horizontal) == "★D01"
    assert panel.item_id.text() == ""
    assert "(1 the district's own)" in panel.state.text()
    # Unanswered, it blocks an under-13 tool once unknown answers block, never a 9-10 tool.
    page.unknown_blocks.click()
    blocked = privacy.blocked(main_window.session.project)
    assert any(r.startswith("D01") for r in blocked[_tool(main_window, "LexiPath Tutor")])
    assert _tool(main_window, "MathMentor AI") not in blocked
    main_window.session.undo_stack.undo()  # the setting
    main_window.session.undo_stack.undo()  # the item
    assert "D01" not in {i.key for i in privacy.items(main_window.session.project)}
    assert page.model.columnCount() == 30

    panel.item_id.setText("P01")
    panel.item_title.setText("Again")
    panel.item_question.setText("Again?")
    panel.item_sources.setPlainText("Somewhere")
    panel.add_button.click()
    assert refusals[-1].field == "Item id"
    main_window.session.undo_stack.redo()
    page.select(_tool(main_window, "PlanPal"), "D01")
    assert page.remove_item_button.isEnabled()
    page.remove_item_button.click()
    assert "D01" not in {i.key for i in privacy.items(main_window.session.project)}
    page.select(_tool(main_window, "PlanPal"), "P01")
    assert not page.remove_item_button.isEnabled()  # shipped items stay


def _checklist_file(folder: Path, version: str) -> Path:
    data = json.loads((resources_dir() / privacy.CHECKLIST_FILE).read_text(encoding="utf-8"))
    data["version"] = version
    data["items"].append(
        {
            "id": "P31",
            "title": "Age assurance",
            "question": "Is any age assurance done without collecting more data?",
            "guidance": "New in this version.",
            "sources": ["Example state guidance 2027"],
            "applies_when": "always",
            "blocker": False,
        }
    )
    path = folder / f"checklist-{version}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_installing_a_newer_checklist_keeps_answers_and_marks_new_items_unknown(
    main_window: MainWindow,
    prompts: ScriptedPrompts,
    refusals: list[AlignerError],
    tmp_path: Path,
) -> None:
    page = _page(main_window)
    project = main_window.session.project
    answers = privacy.answers(project)
    prompts.answer_checklist = _checklist_file(tmp_path, "2027.1")
    page.checklist_panel.install_file_button.click()
    assert privacy.installed_version(project) == "2027.1"
    after = privacy.answers(project)
    assert all(after[key] == answer for key, answer in answers.items())
    assert page.model.headerData(30, Qt.Orientation.Horizontal) == "P31"
    assert all(_cell(page, t, "P31") == "? unknown" for t in page.tool_ids)
    assert "Checklist version 2027.1" in page.version_label.text()
    page.select(page.tool_ids[0], "P31")
    assert page.answer_version.text() == "Answered to checklist version 2027.1"
    page.select(page.tool_ids[0], "P01")
    assert page.answer_version.text() == "Answered to checklist version 2026.1"
    main_window.session.undo_stack.undo()
    assert privacy.installed_version(project) == "2026.1"
    assert privacy.answers(project) == answers
    assert page.model.columnCount() == 30

    before = _state(main_window)
    prompts.answer_checklist = _checklist_file(tmp_path, "2025.9")
    page.checklist_panel.install_file_button.click()
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    prompts.answer_checklist = broken
    page.checklist_panel.install_file_button.click()
    assert refusals[0].field == "Checklist version" and "older" in refusals[0].message
    assert refusals[1].field == str(broken)
    assert _state(main_window) == before


def test_a_project_without_a_checklist_is_offered_one(main_window: MainWindow) -> None:
    project = main_window.session.project
    keys = [i.key for i in privacy.items(project)]
    main_window.session.push(DeleteRows(tuple(("privacy_item", (k,)) for k in keys), "Clear"))
    page = _page(main_window)
    assert page.version_label.text().startswith("⚠ No privacy checklist installed")
    assert page.detail_tabs.currentIndex() == 2
    button = page.checklist_panel.install_button
    assert button.isEnabled() and button.isDefault()
    assert "2026.1" in button.text()
    button.click()
    assert privacy.installed_version(project) == "2026.1"
    assert len(privacy.items(project)) == 30
    assert not button.isEnabled()


def test_an_override_can_be_withdrawn(main_window: MainWindow, prompts: ScriptedPrompts) -> None:
    page = _page(main_window)
    chat = _tool(main_window, "FrontDesk Chat")
    page.select(chat, "P08")
    panel = page.tool_panel
    assert not panel.withdraw_button.isEnabled()
    prompts.answer_text = "Dr. Amara Osei"  # asked twice: who, then why
    panel.override_button.click()
    assert chat not in privacy.blocked(main_window.session.project)
    assert panel.withdraw_button.isEnabled()
    panel.withdraw_button.click()
    assert chat in privacy.blocked(main_window.session.project)
    assert "overridden" not in panel.summary.text()
    main_window.session.undo_stack.undo()
    assert chat not in privacy.blocked(main_window.session.project)
