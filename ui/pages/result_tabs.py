"""The results' charts as tabs, each titled by the question it answers in the room.

Figures are built lazily by the hosts (matplotlib loads on first show), from whatever
evaluation the Rankings page currently holds, so a what-if move redraws them all alike.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QListView,
    QListWidget,
    QListWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.figure_host import FigureHost

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from aligner.compute.pipeline import Evaluation
    from aligner.services.stability import Stability

#: Tools profiled when the page opens: the top of the ranking.
DEFAULT_PROFILED = 3
#: Inches of width the charts are designed for, and the dpi range used to fit a canvas.
DESIGN_WIDTH = 10.0
MIN_DPI = 58.0
MAX_DPI = 100.0


class ResultTabs(QTabWidget):
    """Ranking, profiles, cost, disagreement, stability and weights charts."""

    def __init__(self, current: Callable[[], Evaluation | None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Result charts"))
        self._current = current
        self.hosts: dict[str, FigureHost] = {}
        self.probabilities: Stability | None = None
        self.ranking = self._add("ranking", self.tr("Who comes first?"), self._ranking)
        self.profile_tools = QListWidget()
        self.profile_tools.setAccessibleName(self.tr("Tools to profile"))
        self.profile_tools.setToolTip(self.tr("Tick the tools to compare on the radar"))
        # A wrapping row of tick boxes above the radar: beside it, it would squeeze the circle.
        self.profile_tools.setFlow(QListView.Flow.LeftToRight)
        self.profile_tools.setWrapping(True)
        self.profile_tools.setResizeMode(QListView.ResizeMode.Adjust)
        self.profile_tools.setMaximumHeight(64)
        self.profile_tools.itemChanged.connect(lambda _item: self.hosts["profile"].schedule())
        profile = FigureHost(self.tr("Profiles across outcomes"))
        profile.set_builder(self._profile)
        self.hosts["profile"] = profile
        holder = QWidget()
        row = QVBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.profile_tools)
        row.addWidget(profile, 1)
        self.addTab(holder, self.tr("Where is each strong?"))
        self._add("cost", self.tr("What do we get for the money?"), self._cost)
        self._add("disagreement", self.tr("Where do we disagree?"), self._disagreement)
        self.stability_page = QWidget()
        self.stability_layout = QVBoxLayout(self.stability_page)
        self.stability_layout.setContentsMargins(0, 0, 0, 0)
        stability = FigureHost(self.tr("Rank probabilities"))
        stability.set_builder(self._stability)
        self.hosts["stability"] = stability
        self.stability_layout.addWidget(stability, 1)
        self.addTab(self.stability_page, self.tr("How sure are we?"))
        self._add("weights", self.tr("What matters most?"), self._weights)

    def _add(self, key: str, title: str, builder: Callable[[], Figure]) -> FigureHost:
        host = FigureHost(title)
        host.set_builder(builder)
        self.hosts[key] = host
        self.addTab(host, title)
        return host

    def redraw_soon(self) -> None:
        """Debounced redraw of the visible chart; hidden ones redraw when shown."""
        for host in self.hosts.values():
            host.schedule()

    def set_tools(self, names: tuple[str, ...], best_first: list[int]) -> None:
        """Offer the project's tools for the radar; the top ones start ticked."""
        self.profile_tools.blockSignals(True)
        self.profile_tools.clear()
        ticked = set(best_first[:DEFAULT_PROFILED])
        for index in best_first:
            item = QListWidgetItem(names[index])
            item.setData(Qt.ItemDataRole.UserRole, index)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if index in ticked else Qt.CheckState.Unchecked
            )
            self.profile_tools.addItem(item)
        self.profile_tools.blockSignals(False)

    def profiled(self) -> list[int]:
        return [
            int(item.data(Qt.ItemDataRole.UserRole))
            for item in (self.profile_tools.item(i) for i in range(self.profile_tools.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]

    # --- builders (run on first show and after each debounced change) ---------------------

    def _fit(self, figure: Figure, key: str) -> Figure:
        """Scale the figure's type to its canvas: charts are laid out for 10 inches of width.

        On a narrow canvas the dpi drops (down to a floor that keeps text readable) so the
        layout keeps its proportions instead of squeezing the plot between large labels.
        """
        width = self.hosts[key].width()
        figure.set_dpi(max(MIN_DPI, min(MAX_DPI, width / DESIGN_WIDTH)))
        return figure

    def _evaluation(self) -> Evaluation:
        evaluation = self._current()
        assert evaluation is not None, "charts are built only once a project is loaded"
        return evaluation

    def _ranking(self) -> Figure:
        from aligner.services.figures import ranking_figure
        from ui.chart_words import chart_words

        return self._fit(ranking_figure(self._evaluation(), words=chart_words()), "ranking")

    def _profile(self) -> Figure:
        from aligner.services.figures import profile_figure
        from ui.chart_words import chart_words

        return self._fit(
            profile_figure(self._evaluation(), self.profiled(), words=chart_words()), "profile"
        )

    def _cost(self) -> Figure:
        from aligner.services.figures import cost_figure
        from ui.chart_words import chart_words

        return self._fit(cost_figure(self._evaluation(), words=chart_words()), "cost")

    def _disagreement(self) -> Figure:
        from aligner.services.figures import disagreement_figure
        from ui.chart_words import chart_words

        return self._fit(
            disagreement_figure(self._evaluation(), words=chart_words()), "disagreement"
        )

    def _stability(self) -> Figure:
        from aligner.services.figures import stability_figure
        from ui.chart_words import chart_words

        return self._fit(
            stability_figure(self._evaluation(), self.probabilities, words=chart_words()),
            "stability",
        )

    def _weights(self) -> Figure:
        from aligner.services.figures import weights_figure
        from ui.chart_words import chart_words

        return self._fit(weights_figure(self._evaluation(), words=chart_words()), "weights")
