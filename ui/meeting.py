"""Meeting mode: the ranking chart and the verdict, full screen, in large type, by keyboard.

Space reveals the next tool from the bottom (the room sees the order build up to the first),
the arrows move between revealed tools, Esc leaves. The chart is the same figure as on the
Rankings page, drawn at a higher dpi so every label reads from the back of a room.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.actions import ActionId
from ui.widgets.figure_host import FigureHost

if TYPE_CHECKING:
    # install() runs before the window's first paint; the engine (numpy) is imported only
    # when meeting mode opens.
    from matplotlib.figure import Figure

    from aligner.compute.pipeline import Evaluation
    from aligner.compute.sensitivity import Verdict
    from ui.main_window import MainWindow

#: Points of the window's text; 22 pt reads on a 1024x768 projector from ten metres.
MEETING_POINTS = 22
#: matplotlib sizes text in points, so a higher dpi makes the chart's type larger: the chart is
#: drawn as if the screen were this many inches wide (a 1024-pixel projector gets 128 dpi).
MEETING_WIDTH_INCHES = 8.0
MIN_DPI, MAX_DPI = 60.0, 160.0


class MeetingWindow(QWidget):
    """A top-level, full-screen view of one evaluation."""

    def __init__(self, evaluation: Evaluation, district: str, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        from aligner.services.figures import chart_order

        self.evaluation = evaluation
        self.order = chart_order(evaluation)
        self.revealed = 0
        self.highlight: int | None = None
        self.verdict: Verdict | None = None
        self.setObjectName("meeting_mode")
        self.setWindowTitle(self.tr("Aligner meeting mode"))
        self.setAccessibleName(self.tr("Meeting mode"))
        font = QFont(self.font())
        font.setPointSize(MEETING_POINTS)
        self.setFont(font)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.title = QLabel(district)
        self.title.setWordWrap(True)
        self.chart = FigureHost(self.tr("Ranking"))
        self.chart.save_button.hide()
        self.chart.copy_button.hide()
        self.chart.set_builder(self._figure)
        self.chart.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setTextFormat(Qt.TextFormat.RichText)
        self.hint = QLabel(
            self.tr("Space: reveal the next tool · ← →: move between tools · Esc: leave")
        )
        small = QFont(font)
        small.setPointSize(MEETING_POINTS * 2 // 3)
        self.hint.setFont(small)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.hint)
        self._show_verdict()

    def _figure(self) -> Figure:
        from aligner.services.figures import ranking_figure
        from ui.chart_words import chart_words

        figure = ranking_figure(
            self.evaluation,
            words=chart_words(),
            reveal=self.revealed,
            highlight=self.highlight,
        )
        width = self.chart.width() or self.width()
        figure.set_dpi(max(MIN_DPI, min(MAX_DPI, width / MEETING_WIDTH_INCHES)))
        return figure

    @property
    def all_revealed(self) -> bool:
        return self.revealed >= len(self.order)

    def visible_tools(self) -> list[int]:
        """Revealed tools, top row first."""
        return self.order[len(self.order) - self.revealed :]

    def reveal_next(self) -> None:
        if not self.all_revealed:
            self.revealed += 1
            self.highlight = self.visible_tools()[0]
            self._changed()

    def step(self, rows: int) -> None:
        """Move the frame ``rows`` rows down (positive) or up (negative) among revealed tools."""
        visible = self.visible_tools()
        if not visible:
            return
        at = visible.index(self.highlight) if self.highlight in visible else 0
        self.highlight = visible[max(0, min(len(visible) - 1, at + rows))]
        self._changed()

    def _changed(self) -> None:
        self.chart.schedule()
        self._show_verdict()

    def set_verdict(self, found: Verdict | None) -> None:
        self.verdict = found
        self._show_verdict()

    def _show_verdict(self) -> None:
        if not self.all_revealed:
            # The verdict names the first tool: it waits until the room has seen it.
            self.verdict_label.setText(
                self.tr("{left} of {total} tools still hidden.").format(
                    left=len(self.order) - self.revealed, total=len(self.order)
                )
            )
            return
        from ui.verdict_text import verdict_html

        self.verdict_label.setText(verdict_html(self.verdict, self.evaluation.data))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Space:
            self.reveal_next()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Left):
            self.step(-1)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Right):
            self.step(1)
        elif key == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.deleteLater()
        super().closeEvent(event)


def current_evaluation(window: MainWindow) -> Evaluation:
    """The weights the room is trying on the Rankings page, or the saved ones."""
    from aligner.services.whatif import WhatIf, load_data

    page: Any = window.pages.get("rankings")
    evaluation = page.evaluation() if page is not None else None
    if evaluation is None:
        evaluation = WhatIf(load_data(window.session.project)).evaluation
    return evaluation


def open_meeting(window: MainWindow, *, full_screen: bool = True) -> MeetingWindow:
    from aligner.services.stability import quick_verdict

    evaluation = current_evaluation(window)
    meeting = MeetingWindow(evaluation, window.session.project.district().name, window)
    window.tasks.submit(
        lambda: quick_verdict(evaluation),
        lambda future: meeting.set_verdict(future.result()),
        uses_db=False,
    )
    if full_screen:
        meeting.showFullScreen()
    else:
        meeting.show()
    meeting.activateWindow()
    meeting.setFocus()
    return meeting


def install(window: MainWindow) -> None:
    """Wire the Meeting mode action (F11) and put it on a toolbar."""
    action = window.registry[ActionId.MEETING]
    action.triggered.connect(lambda: open_meeting(window))
    toolbar = window.addToolBar(QCoreApplication.translate("MainWindow", "Meeting"))
    toolbar.setObjectName("meeting_toolbar")
    toolbar.addAction(action)
