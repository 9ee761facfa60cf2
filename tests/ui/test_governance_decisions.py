"""Decisions are final in the app: asked before, never undone, corrected by an amendment."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate

from aligner.domain.enums import ToolStatus
from aligner.domain.governance import DueKind
from aligner.services import audit_log, edits, governance
from tests.ui.conftest import ScriptedPrompts
from ui.actions import ActionId
from ui.main_window import MainWindow
from ui.pages.governance import GovernancePage


def _page(window: MainWindow) -> GovernancePage:
    page = window.show_page("governance")
    assert isinstance(page, GovernancePage)
    return page


def _tool(window: MainWindow, name: str) -> int:
    return next(t.id for t in window.session.project.tools() if t.name == name)


def _fill(page: GovernancePage, tool: int, kind: str, owner: str) -> None:
    form = page.decisions
    form.tool.setCurrentIndex(form.tool.findData(tool))
    form.kind.setCurrentIndex(form.kind.findData(kind))
    form.owner.setText(owner)
    form.rationale.setText("Strong algebra fit")


def test_recording_asks_first_says_it_is_final_and_is_not_undoable(
    main_window: MainWindow, prompts: ScriptedPrompts
) -> None:
    page = _page(main_window)
    project = main_window.session.project
    math = _tool(main_window, "MathMentor AI")
    main_window.session.push(edits.update("tool", math, vendor="Mentor Labs"))
    undo = main_window.registry[ActionId.UNDO]
    assert undo.isEnabled()

    _fill(page, math, "pilot", "Luis Ferreira")
    page.decisions.pilot_ends_on.setDate(QDate(2027, 3, 31))
    prompts.answer_confirm = False
    page.decisions.record_button.click()
    assert "final" in prompts.asked[-1] and "cannot be undone" in prompts.asked[-1]
    assert governance.decisions(project, math) == []  # declined: nothing recorded

    prompts.answer_confirm = True
    page.decisions.record_button.click()
    [decision] = governance.decisions(project, math)
    tool = next(t for t in project.tools() if t.id == math)
    assert (tool.status, tool.pilot_ends_on) == (ToolStatus.PILOTING, "2027-03-31")
    # Edit > Undo offers neither the decision nor anything before it.
    assert not undo.isEnabled()
    assert main_window.session.undo_stack.count() == 0
    undo.trigger()
    assert governance.decisions(project, math) == [decision]
    assert next(t for t in project.tools() if t.vendor == "Mentor Labs").id == math
    # The pilot's end now feeds the due list.
    due = governance.due_list(project, date(2027, 4, 2))
    assert any(d.kind is DueKind.PILOT_END and d.tool_id == math and d.overdue for d in due)


def test_a_decision_is_corrected_by_an_amendment_that_names_it(main_window: MainWindow) -> None:
    page = _page(main_window)
    project = main_window.session.project
    beacon = _tool(main_window, "Beacon Early Warning")
    original = governance.decisions(project, beacon)[-1]
    table = page.decisions.table
    row = next(
        r for r in range(table.proxy.rowCount()) if table.texts(1)[r] == "Beacon Early Warning"
    )
    table.selectRow(row)
    page.decisions.amend_selected()
    assert page.decisions.amending == original
    assert f"#{original.id}" in page.decisions.amends_label.text()
    assert page.decisions.owner.text() == "Marcus Bell"
    assert not page.decisions.tool.isEnabled()  # an amendment is about the same tool
    page.decisions.review_on.setDate(QDate(2027, 6, 30))
    page.decisions.rationale.setText("The review date in the minutes was wrong")
    page.decisions.record_button.click()

    amendment = governance.decisions(project, beacon)[-1]
    assert amendment.amends_id == original.id and amendment.review_on == "2027-06-30"
    assert page.decisions.amending is None
    assert "Adopt (amended)" in table.texts(2) and "Adopt (amendment)" in table.texts(2)
    table.selectRow(table.texts(2).index("Adopt (amended)"))
    assert (
        f"Amended by the decision of {amendment.decided_on}" in page.decisions.detail.toPlainText()
    )
    logged = audit_log.events(project, audit_log.AuditFilter(entity="decision"))
    assert f'"amends_id":{original.id}' in logged[-1].after.replace(" ", "")


def test_a_refused_decision_names_the_field_and_records_nothing(
    main_window: MainWindow, monkeypatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        "ui.pages.base.show_error", lambda parent, error: shown.append(error.message)
    )
    page = _page(main_window)
    project = main_window.session.project
    before = (governance.decisions(project), audit_log.head(project))
    _fill(page, _tool(main_window, "PlanPal"), "adopt", "   ")
    page.decisions.record_button.click()
    assert shown and shown[0].startswith("Accountable owner")
    assert (governance.decisions(project), audit_log.head(project)) == before


def test_the_policy_recheck_age_is_a_setting_on_the_due_tab(main_window: MainWindow) -> None:
    page = _page(main_window)
    project = main_window.session.project
    page.as_of.setDate(QDate(2026, 12, 1))
    assert page.recheck_days.value() == 365
    beacon = "Beacon Early Warning"

    def rechecks() -> list[str]:
        return [
            page.due_model.index(r, 2).data()
            for r in range(page.due_model.rowCount())
            if page.due_model.index(r, 3).data() == "Privacy policy re-check"
        ]

    assert beacon in rechecks()  # last read 2025-06-20
    page.recheck_days.setValue(900)
    assert governance.policy_recheck_days(project) == 900
    assert beacon not in rechecks()
    main_window.session.undo_stack.undo()
    assert governance.policy_recheck_days(project) == 365
    assert page.recheck_days.value() == 365 and beacon in rechecks()
