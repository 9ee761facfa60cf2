"""The Privacy, Governance and Audit pages, driven as a committee member would."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel
from pytestqt.qtbot import QtBot

from aligner.services import audit_log, governance, privacy, retirement
from ui.main_window import MainWindow
from ui.pages.audit import AuditPage
from ui.pages.governance import GovernancePage
from ui.pages.privacy import PrivacyPage


def _texts(model: QAbstractItemModel) -> list[str]:
    return [
        str(model.index(r, c).data())
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]


def _tool(window: MainWindow, name: str) -> int:
    return next(t.id for t in window.session.project.tools() if t.name == name)


def test_privacy_matrix_shows_symbols_colours_and_filters(main_window: MainWindow) -> None:
    page = main_window.show_page("privacy")
    assert isinstance(page, PrivacyPage)
    model = page.model
    assert model.rowCount() == 8
    assert model.columnCount() == 30  # one per item; tool names run down the side
    header = [model.headerData(c, _horizontal()) for c in range(model.columnCount())]
    assert "★P08" in header and "P01" in header
    chat_row = page.tool_ids.index(_tool(main_window, "FrontDesk Chat"))
    p08 = header.index("★P08")
    cell = model.index(chat_row, p08)
    assert cell.data() == "✗ no"
    assert cell.data(_background_role()).color().name() == "#f5c8a8"
    assert model.headerData(chat_row, _vertical()) == "⊘ FrontDesk Chat"  # blocked
    page.filter.setCurrentIndex(1)  # blockers only
    shown = [c for c in range(30) if not page.matrix.isColumnHidden(c)]
    assert len(shown) == 10
    assert all(header[c].startswith("★") for c in shown)
    page.filter.setCurrentIndex(2)  # items with unknown answers
    shown = {header[c] for c in range(30) if not page.matrix.isColumnHidden(c)}
    assert {"★P05", "★P08", "★P20", "P27"} <= shown
    assert "P01" not in shown


def test_item_detail_answer_and_summary(main_window: MainWindow) -> None:
    page = main_window.show_page("privacy")
    assert isinstance(page, PrivacyPage)
    homelink = _tool(main_window, "HomeLink Translate")
    page.select(homelink, "P08")
    text = page.item_view.toPlainText()
    assert "No training of AI models" in text
    assert "8 NYCRR" in text  # its sources
    assert "Unknown answers: 6 of 27" in page.summary.text()  # 3 items do not apply
    page.answer_choice.setCurrentIndex(page.answer_choice.findData("no"))
    page.evidence.setText("Vendor confirmed training on messages")
    page.document.setText("HomeLink terms")
    page.section.setText("§9")
    page.reviewer.setText("Marcus Bell")
    page.save_answer_button.click()
    stored = privacy.answers(main_window.session.project, homelink)[(homelink, "P08")]
    assert (stored.answer.value, stored.evidence_section) == ("no", "§9")
    assert homelink in privacy.blocked(main_window.session.project)
    assert "P08" in page.summary.text()
    main_window.session.undo_stack.undo()
    assert homelink not in privacy.blocked(main_window.session.project)


def test_blocked_tool_is_listed_apart_in_the_app_ranking_until_overridden(
    main_window: MainWindow,
) -> None:
    rankings = main_window.show_page("rankings")
    blocked_names = _texts(rankings.blocked_model)  # type: ignore[attr-defined]
    ranked_names = _texts(rankings.ranked_model)  # type: ignore[attr-defined]
    assert any("FrontDesk Chat" in t for t in blocked_names)
    assert not any("FrontDesk Chat" in t for t in ranked_names)
    page = main_window.show_page("privacy")
    assert isinstance(page, PrivacyPage)
    chat = _tool(main_window, "FrontDesk Chat")
    page.select(chat, "P08")
    assert page.override_button.isEnabled()
    page.override(chat, "Dr. Amara Osei", "Trial with families' consent only")
    assert chat not in privacy.blocked(main_window.session.project)
    assert "overridden by Dr. Amara Osei" in page.summary.text()
    rankings = main_window.show_page("rankings")
    assert any("FrontDesk Chat" in t for t in _texts(rankings.ranked_model))  # type: ignore[attr-defined]
    logged = audit_log.events(
        main_window.session.project, audit_log.AuditFilter(entity="gate_override")
    )
    assert "Trial with families' consent only" in logged[-1].after


def test_governance_page_due_decisions_monitoring_systems(main_window: MainWindow) -> None:
    page = main_window.show_page("governance")
    assert isinstance(page, GovernancePage)
    from PySide6.QtCore import QDate

    page.as_of.setDate(QDate(2026, 12, 1))
    due = _texts(page.due_model)
    assert "Agreement expires" in due and "⚠ overdue" in due
    assert "Decision review" in due
    assert page.decisions.model.rowCount() == 3
    page.decisions.table.selectRow(0)
    assert "Ranking the committee saw" in page.decisions.detail.toPlainText()
    assert "LexiPath Tutor" in page.decisions.detail.toPlainText()
    monitoring = _texts(page.monitoring.model)
    assert "! behind" in monitoring and "✓ on track" in monitoring
    assert page.systems.systems_model.rowCount() == 5
    assert "rostering standard" in _texts(page.systems.links_model)


def test_recording_a_decision_from_the_page(main_window: MainWindow) -> None:
    page = main_window.show_page("governance")
    assert isinstance(page, GovernancePage)
    math = _tool(main_window, "MathMentor AI")
    page.tabs.setCurrentIndex(1)
    page.decisions.tool.setCurrentIndex(page.decisions.tool.findData(math))
    page.decisions.kind.setCurrentIndex(page.decisions.kind.findData("pilot"))
    page.decisions.owner.setText("Luis Ferreira")
    page.decisions.rationale.setText("Strong algebra fit")
    page.decisions.record_button.click()
    decisions = governance.decisions(main_window.session.project, math)
    assert len(decisions) == 1 and decisions[0].owner == "Luis Ferreira"
    assert decisions[0].snapshot["tools"]
    assert page.decisions.model.rowCount() == 4


def test_retirement_tab_cannot_finish_before_deletion_is_confirmed(
    main_window: MainWindow, monkeypatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        "ui.pages.base.show_error", lambda parent, error: shown.append(error.message)
    )
    page = main_window.show_page("governance")
    assert isinstance(page, GovernancePage)
    tab = page.retirement
    assert tab.tool.currentText() == "FrontDesk Chat"
    assert "not confirmed deletion" in tab.state.text()
    tab.finish_button.click()
    assert shown and "deletion" in shown[0]
    chat = _tool(main_window, "FrontDesk Chat")
    assert retirement.retirements(main_window.session.project)[chat].completed_on is None
    from PySide6.QtCore import QDate

    tab.dates["deletion_confirmed_on"].setDate(QDate(2026, 12, 3))
    tab.evidence.setText("Vendor letter, ref 118")
    tab.save_button.click()
    tab.finish_button.click()
    assert retirement.retirements(main_window.session.project)[chat].completed_on is not None
    assert "Retired on" in tab.state.text()


def test_audit_page_filters_and_verifies(main_window: MainWindow, sample_copy: Path) -> None:
    page = main_window.show_page("audit")
    assert isinstance(page, AuditPage)
    head_id, head_hash = audit_log.head(main_window.session.project)
    assert f"event {head_id}" in page.head_label.text()
    assert head_hash[:16] in page.head_label.text()
    everything = page.model.rowCount()
    page.entity.setCurrentIndex(page.entity.findData("decision"))
    assert page.model.rowCount() == 3
    page.entity.setCurrentIndex(0)
    page.search.setText("Vendor trains its models")
    assert 0 < page.model.rowCount() < everything
    page.table.selectRow(0)
    assert "Vendor trains its models" in page.detail.toPlainText()
    assert page.verify().intact
    assert "verified" in page.verify_label.text()


def test_audit_page_names_the_broken_event(main_window: MainWindow) -> None:
    page = main_window.show_page("audit")
    assert isinstance(page, AuditPage)
    database = main_window.session.project._working.database
    connection = sqlite3.connect(database)
    try:
        connection.execute("DROP TRIGGER audit_event_no_update")
        connection.execute("UPDATE audit_event SET actor = 'mallory' WHERE id = 12")
        connection.commit()
    finally:
        connection.close()
    assert not page.verify().intact
    assert "broken at event 12" in page.verify_label.text()


def test_due_list_is_announced_when_the_window_opens(main_window: MainWindow, qtbot: QtBot) -> None:
    assert "overdue" in main_window.statusBar().currentMessage()


def _horizontal():
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def _vertical():
    from PySide6.QtCore import Qt

    return Qt.Orientation.Vertical


def _background_role():
    from PySide6.QtCore import Qt

    return Qt.ItemDataRole.BackgroundRole


def test_file_menu_exports_the_transparency_page(main_window: MainWindow, tmp_path: Path) -> None:
    from ui.actions import ActionId
    from ui.transparency_export import export

    action = main_window.registry[ActionId.EXPORT_TRANSPARENCY]
    assert action in main_window.menus["file"].actions()
    target = tmp_path / "families.html"
    assert export(main_window, target) == target
    page = target.read_text(encoding="utf-8")
    assert "Beacon Early Warning" in page and "Luis Ferreira" not in page
