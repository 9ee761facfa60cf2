"""Scenarios on the Rankings page: save the weights tried, switch, compare side by side."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QWidget,
)

from aligner.services.scenarios import (
    Scenario,
    active_scenario,
    delete_scenario,
    list_scenarios,
    save_scenario,
    switch_to_scenario,
    weights_by_id,
)

if TYPE_CHECKING:
    from ui.pages.rankings import RankingsPage


class ScenarioBar(QWidget):
    """Scenario picker and its actions; every change is an undoable command."""

    def __init__(self, page: RankingsPage) -> None:
        super().__init__(page)
        self.page = page
        self.scenarios: list[Scenario] = []
        self.picker = QComboBox()
        self.picker.setAccessibleName(self.tr("Scenario"))
        self.picker.setToolTip(self.tr("A saved set of weights, e.g. equity focus"))
        self.picker.setMinimumContentsLength(14)
        self.save_button = self._button(
            self.tr("Save weights as scenario…"),
            self.tr("Save the weights on the sliders under a name"),
            self.ask_save,
        )
        self.switch_button = self._button(
            self.tr("Switch to it"),
            self.tr("Make the chosen scenario's weights the project's weights (undoable)"),
            self.switch,
        )
        self.delete_button = self._button(
            self.tr("Delete"),
            self.tr("Delete the chosen scenario (Ctrl+Z brings it back)"),
            self.delete,
        )
        self.delete_button.setAccessibleName(self.tr("Delete scenario"))
        self.active_label = QLabel()
        self.active_label.setObjectName("active_scenario")
        self.active_label.setAccessibleName(self.tr("Active scenario"))
        self.active_label.setToolTip(
            self.tr("The scenario whose weights the sliders hold now, if any")
        )
        self.compare_button = self._button(
            self.tr("Compare scenarios…"),
            self.tr("Rank of each tool under two or three scenarios, side by side"),
            self.compare,
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("Scenario:"))
        label.setBuddy(self.picker)
        layout.addWidget(label)
        layout.addWidget(self.picker)
        for button in (
            self.switch_button,
            self.delete_button,
            self.save_button,
            self.compare_button,
        ):
            layout.addWidget(button)
        layout.addWidget(self.active_label, 1)

    def _button(self, text: str, tip: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.rstrip("…"))
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def reload(self) -> None:
        self.scenarios = list_scenarios(self.page.session.project)
        current = self.picker.currentText()
        self.picker.clear()
        for scenario in self.scenarios:
            self.picker.addItem(scenario.name, scenario.id)
        if current:
            self.picker.setCurrentIndex(max(0, self.picker.findText(current)))
        has = bool(self.scenarios)
        self.switch_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.compare_button.setEnabled(has)
        self.show_active()

    def show_active(self) -> None:
        """Say which scenario the weights on the sliders are (cheap: run on every step)."""
        what_if = self.page.what_if
        if what_if is None:
            return
        found = active_scenario(what_if.data, what_if.evaluation.weights, self.scenarios)
        if found is not None:
            text = self.tr("Active: <b>{name}</b>").format(name=escape(found.name))
        elif what_if.modified:
            text = self.tr("Active: weights being tried (not saved)")
        else:
            text = self.tr("Active: the project's saved weights")
        if self.active_label.text() != text:  # an unchanged label must not relayout the bar
            self.active_label.setText(text)

    def chosen(self) -> Scenario | None:
        index = self.picker.currentIndex()
        return self.scenarios[index] if 0 <= index < len(self.scenarios) else None

    def save(self, name: str) -> bool:
        """Save the sliders' weights as ``name`` (overwriting a scenario of that name)."""
        what_if = self.page.what_if
        if what_if is None:
            return False
        challenges, outcomes = weights_by_id(
            what_if.data, what_if.challenge_weights, what_if.outcome_weights
        )
        applied = self.page.push(save_scenario(name, challenges, outcomes))
        if applied is not None:
            self.picker.setCurrentIndex(max(0, self.picker.findText(name.strip())))
        return applied is not None

    def ask_save(self) -> None:
        name, accepted = QInputDialog.getText(
            self,
            self.tr("Save scenario"),
            self.tr("Name of the scenario (e.g. equity focus):"),
            text=self.picker.currentText(),
        )
        if accepted:
            self.save(name)

    def switch(self) -> None:
        scenario = self.chosen()
        if scenario is not None:
            self.page.push(
                switch_to_scenario(scenario),
                self.tr("Switch to scenario {name}").format(name=scenario.name),
            )

    def delete(self) -> None:
        scenario = self.chosen()
        if scenario is not None:
            self.page.push(
                delete_scenario(scenario),
                self.tr("Delete scenario {name}").format(name=scenario.name),
            )

    def compare(self) -> None:
        from ui.pages.scenario_compare import CompareDialog

        dialog = CompareDialog(self.page, self.scenarios)
        self.dialog = dialog
        dialog.show()
