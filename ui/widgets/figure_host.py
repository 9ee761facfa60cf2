"""Hosts a matplotlib Figure from aligner.charts; imports matplotlib only on first use.

The main window paints before matplotlib is imported: the canvas is created the first time a
figure is shown. A chart is rebuilt through a zero-argument builder, debounced, so a slider
drag redraws once per pause, not once per step. Every chart can be saved as PNG.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FigureBuilder = Callable[[], "Figure"]


class FigureHost(QWidget):
    """A chart area with a Save as PNG button; give it a builder with ``set_builder``."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self._name = name
        self._builder: FigureBuilder | None = None
        self._canvas: Any = None
        self.figure: Figure | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(60)
        self._timer.timeout.connect(self.redraw)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._placeholder = QLabel(self.tr("Chart"))
        self._placeholder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout.addWidget(self._placeholder, 1)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setAccessibleName(name)
        self._scroll.setToolTip(name)
        self._scroll.hide()
        layout.addWidget(self._scroll, 1)
        # The placeholder paints with the rest of the window; only then may the first chart
        # import matplotlib, so a window opening on a chart page still shows at once.
        self._painted = False
        self._placeholder.installEventFilter(self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton(self.tr("Save chart as PNG…"))
        self.save_button.setAccessibleName(self.tr("Save {name} as PNG").format(name=name))
        self.save_button.setToolTip(self.tr("Save this chart as a PNG picture"))
        self.save_button.clicked.connect(self._ask_save)
        self.copy_button = QPushButton(self.tr("Copy chart"))
        self.copy_button.setAccessibleName(
            self.tr("Copy {name} to the clipboard").format(name=name)
        )
        self.copy_button.setToolTip(self.tr("Copy this chart as a picture, to paste elsewhere"))
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

    def set_builder(self, builder: FigureBuilder) -> None:
        self._builder = builder
        self.schedule()

    def schedule(self) -> None:
        """Redraw soon (debounced)."""
        self._timer.start()

    def redraw(self) -> None:
        if self._builder is None or not self.isVisible():
            return
        if not self._painted and "matplotlib" not in sys.modules:
            return  # the first chart waits for the window's first paint (see eventFilter)
        figure = self._builder()
        self._show(figure)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        first_paint = event.type() == QEvent.Type.Paint and not self._painted
        if watched is self._placeholder and first_paint:
            self._painted = True
            self.schedule()
        return super().eventFilter(watched, event)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.schedule()

    def hideEvent(self, event: Any) -> None:
        super().hideEvent(event)
        if not event.spontaneous():  # a minimised window keeps its charts
            self.release()

    def release(self) -> None:
        """Drop the figure and its canvas while out of sight; showing the chart rebuilds it.

        Six chart tabs over a 200-tool project kept six figures and their pixel buffers alive,
        a sixth of the app's memory, for charts nobody was looking at.
        """
        self._timer.stop()
        if self._canvas is None:
            return
        canvas = self._scroll.takeWidget()
        if canvas is not None:
            canvas.deleteLater()
        _drop_pixels(self._canvas)
        self._canvas = None
        self.figure = None
        self._scroll.hide()
        self._placeholder.show()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.schedule()

    def _show(self, figure: Figure) -> None:
        # Imported here, on first use, so the window shows before matplotlib loads.
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        self.figure = figure
        if self._canvas is None:
            self._placeholder.hide()
            self._scroll.show()
        # matplotlib's Qt backend is untyped; the canvas is used through QWidget calls only.
        canvas: Any = cast(Any, FigureCanvasQTAgg)(figure)
        canvas.setAccessibleName(self._name)
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # The charts are laid out for their own size in inches; scaling the resolution to the
        # space available keeps text in proportion instead of overflowing a small canvas.
        width_in, height_in = figure.get_size_inches()
        dpi = max(40.0, self._scroll.viewport().width() / width_in)
        figure.set_dpi(dpi)
        canvas.setMinimumHeight(int(height_in * dpi))
        self._scroll.setWidget(canvas)  # deletes the previous canvas widget
        _drop_pixels(self._canvas)
        self._canvas = canvas
        canvas.draw_idle()

    def save_png(self, path: Path) -> None:
        if self.figure is None:
            self.redraw()
        if self.figure is not None:
            self.figure.savefig(path, dpi=150, format="png")

    def png_bytes(self) -> bytes | None:
        """The chart as the workbook would embed it (aligner.charts.png), or None if none."""
        if self.figure is None and self._builder is not None:
            self._show(self._builder())
        if self.figure is None:
            return None
        from aligner.charts.png import figure_to_png

        return figure_to_png(self.figure)

    def copy_to_clipboard(self) -> None:
        png = self.png_bytes()
        if png is not None:
            QGuiApplication.clipboard().setImage(QImage.fromData(png))

    def _ask_save(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save chart"), f"{self._name}.png", self.tr("PNG pictures (*.png)")
        )
        if name:
            self.save_png(Path(name))


def _drop_pixels(canvas: Any) -> None:
    """Free a replaced canvas's pixel buffer now.

    The canvas and its figure reference each other, so without this the buffer (8 MB for the
    meeting-mode ranking of a large project) lives until the next garbage collection, and a
    few redraws in a row stack several of them.
    """
    if canvas is not None:
        # matplotlib 3.x internals: a draw still queued for the old canvas is cancelled, and
        # without its cached renderer a stray draw would build a new one instead of failing.
        canvas._draw_pending = False
        vars(canvas).pop("renderer", None)
        vars(canvas).pop("_lastKey", None)
