"""The data systems register and the monitoring forms, filled in as a committee member would."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from aligner.domain.governance import DueKind, Progress
from aligner.services import audit_log, data_systems, governance, monitoring
from tests.ui.conftest import ScriptedPrompts
from ui.main_window import MainWindow
from ui.pages.governance import GovernancePage


@pytest.fixture
def page(main_window: MainWindow) -> GovernancePage:
    shown = main_window.show_page("governance")
    assert isinstance(shown, GovernancePage)
    return shown


@pytest.fixture
def refused(monkeypatch) -> list[str]:
    """The messages a user is shown instead of an edit (no modal box in tests)."""
    shown: list[str] = []
    monkeypatch.setattr(
        "ui.pages.base.show_error", lambda parent, error: shown.append(error.message)
    )
    return shown


def _tool(page: GovernancePage, name: str) -> int:
    return next(t.id for t in page.session.project.tools() if t.name == name)


def _undo(page: GovernancePage) -> None:
    page.session.undo_stack.undo()


def test_a_data_system_is_added_edited_deleted_and_undone(
    page: GovernancePage, qtbot: QtBot, prompts: ScriptedPrompts
) -> None:
    tab = page.systems
    project = page.session.project
    qtbot.keyClicks(tab.system_name, "Library catalogue")
    tab.system_kind.setCurrentText("Library system")
    qtbot.keyClicks(tab.system_owner, "Grace Whitfield")
    tab.add_system_button.click()
    assert "Library catalogue" in tab.systems_table.texts(0)
    assert "Library catalogue" in [
        tab.link_system.itemText(i) for i in range(tab.link_system.count())
    ]
    added = next(s for s in data_systems.data_systems(project) if s.name == "Library catalogue")
    assert (added.kind, added.owner) == ("Library system", "Grace Whitfield")
    assert tab._current_system() == added  # the new row is selected, ready to edit

    tab.system_owner.setText("Rosa Delgado")
    tab.save_system_button.click()
    assert "Rosa Delgado" in tab.systems_table.texts(2)
    _undo(page)
    assert next(s for s in data_systems.data_systems(project) if s.id == added.id).owner == (
        "Grace Whitfield"
    )
    _undo(page)
    assert "Library catalogue" not in tab.systems_table.texts(0)

    sis = tab.systems_table.texts(0).index("Student information system")
    tab.systems_table.selectRow(sis)
    assert tab.system_owner.text() == "Priya Natarajan"
    links = len(data_systems.tool_systems(project))
    tab.delete_system_button.click()
    assert "3 tool connection(s)" in prompts.asked[-1]
    assert "Student information system" not in tab.systems_table.texts(0)
    assert len(data_systems.tool_systems(project)) == links - 3
    assert "Student information system" not in {link.system for link in tab.flow}
    _undo(page)
    assert "Student information system" in tab.systems_table.texts(0)
    assert len(data_systems.tool_systems(project)) == links


@pytest.mark.parametrize(
    ("name", "field"),
    [("   ", "Data system name"), ("Assessment platform", "Data system name")],
)
def test_a_bad_system_is_refused_by_field_and_changes_nothing(
    page: GovernancePage, refused: list[str], name: str, field: str
) -> None:
    tab = page.systems
    before = (data_systems.data_systems(page.session.project), audit_log.head(page.session.project))
    tab.system_name.setText(name)
    tab.add_system_button.click()
    assert refused and refused[0].startswith(field)
    assert (
        data_systems.data_systems(page.session.project),
        audit_log.head(page.session.project),
    ) == before
    assert not page.session.undo_stack.canUndo()


def test_a_tool_is_connected_to_a_system_with_the_data_that_flows(page: GovernancePage) -> None:
    tab = page.systems
    project = page.session.project
    planpal = _tool(page, "PlanPal")
    tab.link_tool.setCurrentIndex(tab.link_tool.findData(planpal))
    tab.link_system.setCurrentIndex(tab.link_system.findText("Learning management system"))
    tab.link_how.setCurrentIndex(tab.link_how.findData("sso"))
    for row in range(tab.link_categories.count()):
        item = tab.link_categories.item(row)
        if item.text() in ("Student name", "Student work"):
            item.setCheckState(Qt.CheckState.Checked)
    tab.save_link_button.click()
    link = next(x for x in data_systems.tool_systems(project) if x.tool_id == planpal)
    assert (link.how.value, link.categories) == ("sso", ("Student name", "Student work"))
    row = tab.links_table.texts(0).index("PlanPal")
    assert tab.links_table.texts(2)[row] == "single sign-on"
    assert tab.links_table.texts(3)[row] == "Student name, Student work"
    assert any(f.tool == "PlanPal" and f.system == "Learning management system" for f in tab.flow)

    # Change what flows, then take the connection away; undo brings each step back.
    tab.links_table.selectRow(row)
    tab.set_categories(["Student work"])
    tab.save_link_button.click()
    assert next(
        x for x in data_systems.tool_systems(project) if x.tool_id == planpal
    ).categories == ("Student work",)
    tab.links_table.selectRow(tab.links_table.texts(0).index("PlanPal"))
    tab.remove_link_button.click()
    assert "PlanPal" not in tab.links_table.texts(0)
    _undo(page)
    assert "PlanPal" in tab.links_table.texts(0)
    _undo(page)
    _undo(page)
    assert not any(x.tool_id == planpal for x in data_systems.tool_systems(project))


def _status(page: GovernancePage, tool: str, outcome: str) -> str | None:
    model = page.monitoring.model
    for row in range(model.rowCount()):
        if (model.index(row, 0).data(), model.index(row, 1).data()) == (tool, outcome):
            return str(model.index(row, 2).data())
    return None


def test_a_measurement_updates_the_status_and_chart_and_undo_reverts_it(
    page: GovernancePage, qtbot: QtBot
) -> None:
    tab = page.monitoring
    lexipath = _tool(page, "LexiPath Tutor")
    outcome = "Grade 3 reading proficiency"
    assert _status(page, "LexiPath Tutor", outcome) is None
    tab.tool.setCurrentIndex(tab.tool.findData(lexipath))
    tab.outcome.setCurrentIndex(tab.outcome.findText(f"{outcome} (%)"))
    tab.measured_on.setDate(QDate(2026, 11, 20))
    qtbot.keyClicks(tab.value, "52")
    qtbot.keyClicks(tab.source, "Winter benchmark")
    tab.record_button.click()
    assert _status(page, "LexiPath Tutor", outcome) == "✓ on track"  # baseline 48
    line = next(x for x in tab.lines if x.outcome_name == outcome)
    assert line.points == (("2026-11-20", 52.0),) and line.progress is Progress.ON_TRACK
    assert tab.measurements_table.texts(0)[0] == "2026-11-20"
    assert tab.measurements_table.texts(3)[0] == "Winter benchmark"
    assert tab.value.text() == ""  # ready for the next one

    qtbot.keyClicks(tab.value, "45")
    tab.measured_on.setDate(QDate(2026, 12, 20))
    qtbot.keyClick(tab.value, Qt.Key.Key_Return)
    assert _status(page, "LexiPath Tutor", outcome) == "! behind"
    _undo(page)
    assert _status(page, "LexiPath Tutor", outcome) == "✓ on track"
    _undo(page)
    assert _status(page, "LexiPath Tutor", outcome) is None


@pytest.mark.parametrize(
    ("value", "field"), [("fifty", "Measurement value"), ("", "Measurement value")]
)
def test_a_bad_measurement_is_refused_by_field_and_changes_nothing(
    page: GovernancePage, refused: list[str], value: str, field: str
) -> None:
    tab = page.monitoring
    project = page.session.project
    before = (monitoring.measurements(project), audit_log.head(project))
    tab.value.setText(value)
    tab.record_button.click()
    assert refused and refused[0].startswith(field)
    assert (monitoring.measurements(project), audit_log.head(project)) == before
    assert tab.value.text() == value  # kept, to be corrected


def test_a_measurement_is_deleted_from_the_list_and_undo_restores_it(page: GovernancePage) -> None:
    tab = page.monitoring
    beacon = _tool(page, "Beacon Early Warning")
    tab.tool.setCurrentIndex(tab.tool.findData(beacon))
    count = tab.measurements_model.rowCount()
    assert count >= 2
    tab.measurements_table.selectRow(0)
    tab.delete_button.click()
    assert tab.measurements_model.rowCount() == count - 1
    _undo(page)
    assert tab.measurements_model.rowCount() == count


def test_a_pilot_end_is_set_only_for_pilots_and_feeds_the_due_list(page: GovernancePage) -> None:
    tab = page.monitoring
    project = page.session.project
    pilots = [tab.pilot_tool.itemText(i) for i in range(tab.pilot_tool.count())]
    assert pilots == ["LexiPath Tutor"]  # Beacon is adopted: it has no pilot to end
    tab.pilot_ends_on.setDate(QDate(2026, 12, 10))
    tab.set_pilot_button.click()
    due = governance.due_list(project, date(2026, 12, 20))
    lexipath = _tool(page, "LexiPath Tutor")
    assert any(d.kind is DueKind.PILOT_END and d.tool_id == lexipath and d.overdue for d in due)
    page.as_of.setDate(QDate(2026, 12, 20))
    assert "Pilot ends" in [
        page.due_model.index(r, 3).data() for r in range(page.due_model.rowCount())
    ]
    _undo(page)
    assert next(t for t in project.tools() if t.id == lexipath).pilot_ends_on == "2027-01-29"
    assert tab.pilot_ends_on.value() == "2027-01-29"
    tab.clear_pilot_button.click()
    assert next(t for t in project.tools() if t.id == lexipath).pilot_ends_on is None
    assert tab.pilot_ends_on.value() is None
