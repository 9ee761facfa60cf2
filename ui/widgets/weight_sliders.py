"""What-if weight sliders: one per challenge, and under it one per outcome of that challenge.

A slider moves a raw weight (the number typed on the Outcomes & weights page); beside it the
resulting share of the total weight is shown, because that is what the room argues about.
Sliders take the keyboard (arrows, Page Up/Down) like any slider.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QSlider, QWidget

from aligner.compute.pipeline import EvaluationData

#: Slider positions; the largest saved weight sits at the middle so it can grow as well.
STEPS = 100
MIDDLE = 50


def _unit(weights: NDArray[np.float64]) -> float:
    top = float(weights.max()) if weights.size else 0.0
    return top / MIDDLE if top > 0 else 1.0 / MIDDLE


class WeightSliders(QScrollArea):
    """Emits ``challengeMoved(index, raw weight)`` and ``outcomeMoved(index, raw weight)``."""

    challengeMoved = Signal(int, float)
    outcomeMoved = Signal(int, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName(self.tr("What-if weights"))
        self.setMinimumWidth(230)
        self.challenge_sliders: list[QSlider] = []
        self.outcome_sliders: list[QSlider] = []
        self._challenge_shares: list[QLabel] = []
        self._outcome_shares: list[QLabel] = []
        self._challenge_unit = 1.0
        self._outcome_unit = 1.0

    def build(self, data: EvaluationData) -> None:
        """Lay out one slider per challenge and outcome of ``data``."""
        self._challenge_unit = _unit(data.challenge_weights)
        self._outcome_unit = _unit(data.outcome_weights)
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setColumnStretch(1, 1)
        grid.setColumnMinimumWidth(0, 16)  # indents outcome sliders under their challenge
        self.challenge_sliders, self.outcome_sliders = [], []
        self._challenge_shares, self._outcome_shares = [], []
        outcome_sliders: list[QSlider | None] = [None] * len(data.outcome_ids)
        outcome_shares: list[QLabel | None] = [None] * len(data.outcome_ids)
        row = 0
        for c, title in enumerate(data.challenge_names):
            label = QLabel(f"<b>{title}</b>")
            label.setWordWrap(True)
            grid.addWidget(label, row, 0, 1, 3)
            row += 1
            slider, share = self._slider(self.tr("Weight of challenge {name}").format(name=title))
            slider.valueChanged.connect(lambda v, c=c: self._moved_challenge(c, v))
            grid.addWidget(slider, row, 0, 1, 2)
            grid.setRowMinimumHeight(row, slider.sizeHint().height())
            grid.addWidget(share, row, 2)
            self.challenge_sliders.append(slider)
            self._challenge_shares.append(share)
            row += 1
            for o in np.flatnonzero(data.outcome_challenge == c):
                name = data.outcome_names[int(o)]
                o_label = QLabel(name)
                o_label.setWordWrap(True)
                o_label.setIndent(16)
                grid.addWidget(o_label, row, 0, 1, 3)
                row += 1
                o_slider, o_share = self._slider(
                    self.tr("Weight of outcome {name}").format(name=name)
                )
                o_slider.valueChanged.connect(lambda v, o=int(o): self._moved_outcome(o, v))
                grid.addWidget(o_slider, row, 1)
                grid.addWidget(o_share, row, 2)
                row += 1
                outcome_sliders[int(o)], outcome_shares[int(o)] = o_slider, o_share
        self.outcome_sliders = [s for s in outcome_sliders if s is not None]
        self._outcome_shares = [label for label in outcome_shares if label is not None]
        grid.setRowStretch(row, 1)
        self.setWidget(inner)

    def _slider(self, name: str) -> tuple[QSlider, QLabel]:
        slider = QSlider(Qt.Orientation.Horizontal)
        slider.setRange(0, STEPS)
        slider.setPageStep(10)
        slider.setAccessibleName(name)
        slider.setToolTip(name)
        share = QLabel()
        share.setFixedWidth(share.fontMetrics().horizontalAdvance("100%") + 8)
        share.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return slider, share

    def _moved_challenge(self, index: int, value: int) -> None:
        self.challengeMoved.emit(index, value * self._challenge_unit)

    def _moved_outcome(self, index: int, value: int) -> None:
        self.outcomeMoved.emit(index, value * self._outcome_unit)

    def set_weights(self, challenges: NDArray[np.float64], outcomes: NDArray[np.float64]) -> None:
        """Put the sliders at these raw weights without emitting moves."""
        for sliders, weights, unit in (
            (self.challenge_sliders, challenges, self._challenge_unit),
            (self.outcome_sliders, outcomes, self._outcome_unit),
        ):
            for slider, weight in zip(sliders, weights, strict=True):
                slider.blockSignals(True)
                slider.setValue(min(STEPS, round(float(weight) / unit)))
                slider.blockSignals(False)

    def show_shares(
        self, challenge_shares: NDArray[np.float64], outcome_shares: NDArray[np.float64]
    ) -> None:
        """Write each level's resulting share of the total weight beside its slider."""
        for labels, shares in (
            (self._challenge_shares, challenge_shares),
            (self._outcome_shares, outcome_shares),
        ):
            for label, share in zip(labels, shares, strict=True):
                text = f"{share:.0%}"
                if label.text() != text:  # an unchanged label must not relayout the panel
                    label.setText(text)
