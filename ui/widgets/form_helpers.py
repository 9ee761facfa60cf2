"""Small helpers the governance forms share: labelled rows, combos that list records by id."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget


def labelled_row(form: QFormLayout, text: str, widget: QWidget) -> None:
    """Add ``widget`` under a label with a mnemonic, and name it after the label for readers."""
    label = QLabel(text)
    label.setBuddy(widget)
    widget.setAccessibleName(text.replace("&", "").rstrip(":"))
    form.addRow(label, widget)


def refill(box: QComboBox, items: Mapping[int, str]) -> None:
    """Replace a combo's (id, name) items, keeping the chosen id when it is still there.

    Signals are held while it refills, then one change is announced if the choice moved, so
    whatever follows the combo updates once, not once per item.
    """
    current = box.currentData()
    box.blockSignals(True)
    box.clear()
    for item_id, name in items.items():
        box.addItem(name, item_id)
    box.setCurrentIndex(max(box.findData(current), 0) if items else -1)
    box.blockSignals(False)
    if box.currentData() != current:
        box.currentIndexChanged.emit(box.currentIndex())
