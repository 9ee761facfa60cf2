"""File > Import / Export from the window: the services run, imports are one undo step."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QMenu

from ui.actions import ActionId
from ui.exchange import ExchangeController, controller
from ui.main_window import MainWindow


class Answers:
    def __init__(self) -> None:
        self.save: Path | None = None
        self.open: list[Path] = []
        self.folder: Path | None = None
        self.take_packets = False
        self.told: list[str] = []


def scripted(window: MainWindow) -> tuple[ExchangeController, Answers]:
    found, answers = controller(window), Answers()
    found.ask_save_path = lambda *a: answers.save  # type: ignore[method-assign]
    found.ask_open_paths = lambda *a: answers.open  # type: ignore[method-assign]
    found.ask_folder = lambda *a: answers.folder  # type: ignore[method-assign]
    found.ask_take_packets = lambda n: answers.take_packets  # type: ignore[method-assign]
    found.tell = lambda title, text, details="": answers.told.append(f"{text}\n{details}")  # type: ignore[method-assign]
    return found, answers


def test_file_menu_lists_the_exchange_actions(main_window: MainWindow) -> None:
    file_menu = main_window.menuBar().findChildren(QMenu)[0]
    texts = [a.text() for a in file_menu.actions()]
    for action_id in (
        ActionId.EXPORT_SCORECARD,
        ActionId.IMPORT_PACKETS,
        ActionId.IMPORT_INVENTORY,
    ):
        assert main_window.registry[action_id].text() in texts


def test_export_scorecard_with_charts(main_window: MainWindow, tmp_path: Path) -> None:
    _, answers = scripted(main_window)
    answers.save = tmp_path / "card.xlsx"
    main_window.registry[ActionId.EXPORT_SCORECARD].trigger()
    book = openpyxl.load_workbook(answers.save)
    assert book.sheetnames[:4] == ["Summary", "Weights", "Scores", "Members"]
    tools = main_window.session.project.tools()
    assert len(book.sheetnames) == 4 + len(tools) + 1
    # A radar chart on every tool sheet and four charts on the Charts sheet.
    assert [len(book[name]._images) for name in book.sheetnames[4:]] == [1] * len(tools) + [4]
    assert "Saved" in controller(main_window).last_message or "saved" in (
        controller(main_window).last_message
    )


def test_packet_import_is_one_undo_step(main_window: MainWindow, tmp_path: Path) -> None:
    _, answers = scripted(main_window)
    session = main_window.session
    member = session.project.members()[0]
    before = {(s.tool_id, s.outcome_id): s.value for s in session.project.scores(member.id)}
    answers.folder = tmp_path / "packets"
    main_window.registry[ActionId.EXPORT_PACKETS].trigger()
    packet = next(p for p in answers.folder.glob("*.xlsx") if f" {member.id} - " in p.name)
    book = openpyxl.load_workbook(packet)
    sheet = book["Scores"]
    # The first tool's row and the first outcome's column, by the hidden ids.
    row = next(r for r in range(1, sheet.max_row + 1) if isinstance(sheet.cell(r, 1).value, int))
    ids_row = next(r for r in range(1, row) if isinstance(sheet.cell(r, 3).value, int))
    key = (sheet.cell(row, 1).value, sheet.cell(ids_row, 3).value)
    new = 4 if before.get(key) != 4 else 0
    sheet.cell(row, 3).value = new
    book.save(packet)
    answers.open = [packet]
    main_window.registry[ActionId.IMPORT_PACKETS].trigger()
    after = {(s.tool_id, s.outcome_id): s.value for s in session.project.scores(member.id)}
    assert after[key] == new
    assert "1 changed" in answers.told[-1] or "1 added" in answers.told[-1]
    session.undo_stack.undo()
    restored = {(s.tool_id, s.outcome_id): s.value for s in session.project.scores(member.id)}
    assert restored == before


def test_bad_inventory_lists_problems_and_changes_nothing(
    main_window: MainWindow, tmp_path: Path
) -> None:
    _, answers = scripted(main_window)
    source = tmp_path / "tools.csv"
    source.write_text("Tool,Cost per student\nNewTool,free\n", encoding="utf-8")
    tools = main_window.session.project.tools()
    answers.open = [source]
    main_window.registry[ActionId.IMPORT_INVENTORY].trigger()
    assert "row 2, column B (Cost per student)" in answers.told[-1]
    assert main_window.session.project.tools() == tools
    source.write_text("Tool,Cost per student\nNewTool,3.5\n", encoding="utf-8")
    main_window.registry[ActionId.IMPORT_INVENTORY].trigger()
    assert len(main_window.session.project.tools()) == len(tools) + 1
    main_window.session.undo_stack.undo()
    assert main_window.session.project.tools() == tools


def test_report_saved_as_pdf_through_qt(main_window: MainWindow, tmp_path: Path) -> None:
    _, answers = scripted(main_window)
    answers.save = tmp_path / "report.pdf"
    main_window.registry[ActionId.REPORT_PDF].trigger()
    pdf = answers.save.read_bytes()
    assert pdf.startswith(b"%PDF")
    # The charts are in it: the four charts and a radar per tool, each an image in the PDF.
    tools = len(main_window.session.project.tools())
    images = len(re.findall(rb"/Subtype\s*/Image", pdf))
    assert images >= 4 + tools, images


def test_printed_report_names_only_images_it_holds(main_window: MainWindow) -> None:
    from aligner.services.scorecard import printable_report

    report = printable_report(main_window.session.project)
    document = controller(main_window).print_document(report)
    names = re.findall(r'src="([^"]+)"', report.html)
    assert names and len(names) == len(report.images)
    assert not any(name.startswith("data:") for name in names)
    for name in names:
        image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        assert isinstance(image, QImage) and not image.isNull(), name
