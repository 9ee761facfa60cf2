"""File > Import and Export: scorecard, report, scoring packets, inventory (an extension).

The work runs on the task runner's database worker with a progress dialog; imports come back
as one command that the session pushes, so an import is undone with one Ctrl+Z. Questions to
the user go through small methods that tests answer without modal dialogs.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from aligner.domain.errors import AlignerError
from ui.actions import ActionId
from ui.errors import show_error
from ui.tasks import CancelToken, Progress, run_with_progress

if TYPE_CHECKING:
    from aligner.services.scorecard import PrintableReport
    from ui.main_window import MainWindow

XLSX = "Excel workbook (*.xlsx)"
HTML = "Web page (*.html)"
INVENTORY = "Inventory (*.xlsx *.csv)"


class ExchangeController(QObject):
    """Connects the import and export actions to the services."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("exchange_controller")
        self.window = window
        self.last_message = ""
        actions = window.registry
        actions[ActionId.EXPORT_SCORECARD].triggered.connect(self.export_scorecard)
        actions[ActionId.EXPORT_REPORT].triggered.connect(self.export_report)
        actions[ActionId.EXPORT_PACKETS].triggered.connect(self.export_packets)
        actions[ActionId.IMPORT_PACKETS].triggered.connect(self.import_packets)
        actions[ActionId.IMPORT_INVENTORY].triggered.connect(self.import_inventory)
        actions[ActionId.SAVE_TEMPLATE].triggered.connect(self.save_template)
        actions[ActionId.PRINT_REPORT].triggered.connect(self.print_report)
        actions[ActionId.REPORT_PDF].triggered.connect(self.report_pdf)

    # --- questions (tests replace these) ---------------------------------------------------------

    def ask_save_path(self, title: str, suggested: str, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self.window, title, suggested, file_filter)
        return Path(name) if name else None

    def ask_open_paths(self, title: str, file_filter: str) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(self.window, title, "", file_filter)
        return [Path(n) for n in names]

    def ask_folder(self, title: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(self.window, title)
        return Path(name) if name else None

    def ask_take_packets(self, conflicts: int) -> bool:
        answer = QMessageBox.question(
            self.window,
            self.tr("Conflicts"),
            self.tr(
                "{n} scores were changed in the project after the packets were made. "
                "Keep the project's values (No) or take the packets' values (Yes)?"
            ).format(n=conflicts),
        )
        return answer == QMessageBox.StandardButton.Yes

    def tell(self, title: str, text: str, details: str = "") -> None:
        self.last_message = "\n".join(filter(None, (text, details)))
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self.window)
        box.setAccessibleName(title)
        if details:
            box.setDetailedText(details)
        box.exec()

    # --- running ---------------------------------------------------------------------------------

    def _run(
        self,
        title: str,
        work: Callable[[Callable[[int, int], None]], Any],
        done: Callable[[Any], None],
    ) -> None:
        def job(progress: Progress, token: CancelToken) -> Any:
            def step(finished: int, total: int) -> None:
                token.check()
                progress(finished, total, "")

            return work(step)

        def finished(future: Future[Any]) -> None:
            error = future.exception()
            if isinstance(error, AlignerError):
                show_error(self.window, error)
            elif error is not None:
                raise error
            else:
                done(future.result())

        run_with_progress(self.window, self.window.tasks, title, job, finished)

    @property
    def _project(self) -> Any:
        return self.window.session.project

    def _stem(self) -> str:
        return str(self._project.path.with_suffix(""))

    def export_scorecard(self) -> None:
        from aligner.services.scorecard import export_scorecard  # openpyxl loads on first use

        target = self.ask_save_path(
            self.tr("Export scorecard"), self._stem() + " scorecard.xlsx", XLSX
        )
        if target is None:
            return
        self._run(
            self.tr("Exporting the scorecard…"),
            lambda step: export_scorecard(self._project, target, progress=step),
            lambda _: self._status(self.tr("Scorecard saved to {path}").format(path=target)),
        )

    def export_report(self) -> None:
        from aligner.services.scorecard import export_report

        target = self.ask_save_path(self.tr("Export report"), self._stem() + " report.html", HTML)
        if target is None:
            return
        self._run(
            self.tr("Writing the meeting report…"),
            lambda step: export_report(self._project, target, progress=step),
            lambda _: self._status(self.tr("Report saved to {path}").format(path=target)),
        )

    def export_packets(self) -> None:
        from aligner.services.packets import make_packets

        folder = self.ask_folder(self.tr("Folder for the scoring packets"))
        if folder is None:
            return
        self._run(
            self.tr("Making scoring packets…"),
            lambda step: make_packets(self._project, folder, progress=step),
            lambda written: self._status(
                self.tr("{n} scoring packets saved in {folder}").format(
                    n=len(written), folder=folder
                )
            ),
        )

    def save_template(self) -> None:
        from aligner.services.inventory import write_inventory_template

        target = self.ask_save_path(
            self.tr("Save the inventory template"), "inventory template.xlsx", XLSX
        )
        if target is not None:
            write_inventory_template(target)
            self._status(self.tr("Template saved to {path}").format(path=target))

    def import_packets(self) -> None:
        paths = self.ask_open_paths(self.tr("Import scoring packets"), XLSX)
        if paths:
            self._import_packets(paths, take_packets=False)

    def _import_packets(self, paths: list[Path], *, take_packets: bool) -> None:
        from aligner.services.packets import Resolution, plan_packet_import

        resolution = Resolution.PACKET if take_packets else Resolution.STORE

        def done(result: Any) -> None:
            report, command = result
            if (
                report.conflicts
                and resolution is Resolution.STORE
                and self.ask_take_packets(report.conflicts)
            ):
                self._import_packets(paths, take_packets=True)
                return
            if command is not None:
                self.window.session.push(command)
            self.tell(
                self.tr("Scoring packets"),
                self.tr("{n} packets read; {state}.").format(
                    n=len(report.packets),
                    state=self.tr("changes merged (Undo takes them back)")
                    if command is not None
                    else self.tr("nothing to change"),
                ),
                "\n".join(report.lines()),
            )

        self._run(
            self.tr("Reading scoring packets…"),
            lambda step: plan_packet_import(
                self._project, paths, resolution=resolution, progress=step
            ),
            done,
        )

    def import_inventory(self) -> None:
        from aligner.services.inventory import plan_inventory_import

        chosen = self.ask_open_paths(self.tr("Import inventory"), INVENTORY)
        if not chosen:
            return
        path = chosen[0]

        def done(result: Any) -> None:
            problems, command, counts = result
            if problems:
                self.tell(
                    self.tr("Nothing was imported"),
                    self.tr("{n} problems were found in {file}; fix them and import again.").format(
                        n=len(problems), file=path.name
                    ),
                    "\n".join(p.describe(path.name) for p in problems),
                )
                return
            if command is None:
                self.tell(self.tr("Nothing was imported"), self.tr("The file holds no records."))
                return
            self.window.session.push(command)
            self._status(
                self.tr("Imported {c} challenges, {o} outcomes and {t} tools").format(
                    c=counts.challenges, o=counts.outcomes, t=counts.tools
                )
            )

        self._run(
            self.tr("Checking the inventory…"),
            lambda step: plan_inventory_import(self._project, path),
            done,
        )

    def ask_printer(self, printer: QPrinter) -> bool:
        dialog = QPrintDialog(printer, self.window)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _print(self, printer: QPrinter, done: str) -> None:
        from aligner.services.scorecard import printable_report

        def show(report: PrintableReport) -> None:
            self.print_document(report).print_(printer)
            self._status(done)

        self._run(
            self.tr("Preparing the meeting report…"),
            lambda step: printable_report(self._project),
            show,
        )

    def print_document(self, report: PrintableReport) -> QTextDocument:
        """The report as a rich-text document, its charts registered under their names."""
        document = QTextDocument()
        document.setMetaInformation(QTextDocument.MetaInformation.CssMedia, "print")
        for name, png in report.images.items():
            document.addResource(
                QTextDocument.ResourceType.ImageResource, QUrl(name), QImage.fromData(png)
            )
        document.setHtml(report.html)
        return document

    def print_report(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.ask_printer(printer):
            self._print(printer, self.tr("Report sent to the printer"))

    def report_pdf(self) -> None:
        target = self.ask_save_path(
            self.tr("Save report as PDF"), self._stem() + " report.pdf", "PDF (*.pdf)"
        )
        if target is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        self._print(printer, self.tr("Report saved to {path}").format(path=target))

    def _status(self, text: str) -> None:
        self.last_message = text
        self.window.statusBar().showMessage(text, 8000)


def install(window: MainWindow) -> None:
    ExchangeController(window)


def controller(window: QWidget) -> ExchangeController:
    found = window.findChild(ExchangeController, "exchange_controller")
    assert found is not None
    return found
