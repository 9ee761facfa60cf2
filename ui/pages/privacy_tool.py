"""The Privacy page's per-tool pane: summary, who the tool serves, policy, data, agreement.

Each group saves as one undoable command; a value the core refuses is reported by the name of
its field and nothing is written.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aligner.domain.governance import DATA_CATEGORIES, DataAgreement, PrivacySummary
from aligner.domain.model import Tool
from aligner.services import edits, privacy
from aligner.services.commands import Command
from ui.pages import base
from ui.widgets.optional_date import OptionalDate

#: Agreement kinds offered in the list; the district may type any other.
AGREEMENT_KINDS = (
    "NDPA v1.0",
    "NDPA General Offer of Terms (Exhibit E)",
    "State data privacy agreement",
    "District standard terms",
    "Vendor terms of service only",
)


class ToolPrivacyPanel(QWidget):
    def __init__(self, page: base.Page) -> None:
        super().__init__()
        self.page = page
        self.tool: Tool | None = None
        self.agreement: DataAgreement | None = None
        self.summary = QLabel()
        self.summary.setObjectName("privacy_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAccessibleName(self.tr("Tool privacy summary"))
        self.override_button = QPushButton(self.tr("Override the gate…"))
        self.override_button.setToolTip(
            self.tr("Let a blocked tool be ranked; needs a named person and a reason")
        )
        self.withdraw_button = QPushButton(self.tr("Withdraw the override"))
        self.withdraw_button.setToolTip(self.tr("The gate applies to this tool again"))
        gate_buttons = QHBoxLayout()
        gate_buttons.addWidget(self.override_button)
        gate_buttons.addWidget(self.withdraw_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(gate_buttons)
        layout.addWidget(self._facts_box())
        layout.addWidget(self._agreement_box())
        layout.addStretch(1)
        self.save_facts_button.clicked.connect(self.save_facts)
        self.save_agreement_button.clicked.connect(self.save_agreement)
        self.remove_agreement_button.clicked.connect(self.remove_agreement)
        self.withdraw_button.clicked.connect(self.withdraw_override)

    def _audience_choice(self, name: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        box.addItem(self.tr("Not stated (its items apply)"), None)
        box.addItem(self.tr("Yes"), True)
        box.addItem(self.tr("No"), False)
        return box

    def _facts_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Who uses it, its policy and the student data it touches"))
        form = QFormLayout(box)
        self.under_13 = self._audience_choice(self.tr("Used by students under 13"))
        self.under_13.setToolTip(self.tr("Decides whether the COPPA items apply to this tool"))
        self.high_stakes = self._audience_choice(self.tr("Used for high-stakes decisions"))
        self.high_stakes.setToolTip(
            self.tr("Grading, placement, discipline or eligibility: the human-review item applies")
        )
        self.policy_version = QLineEdit()
        self.policy_version.setAccessibleName(self.tr("Privacy policy version"))
        self.policy_version.setPlaceholderText(self.tr("e.g. v4.2 (June 2026)"))
        self.policy_checked = OptionalDate(self.tr("Policy last checked"), self.tr("never"))
        self.categories = QListWidget()
        self.categories.setAccessibleName(self.tr("Student data categories"))
        self.categories.setToolTip(self.tr("SDPC NDPA Exhibit B schedule of data"))
        for name in DATA_CATEGORIES:
            entry = QListWidgetItem(name)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.categories.addItem(entry)
        self.categories.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.save_facts_button = QPushButton(self.tr("Save tool facts"))
        form.addRow(self.tr("Students under 13"), self.under_13)
        form.addRow(self.tr("High-stakes use"), self.high_stakes)
        form.addRow(self.tr("Policy version"), self.policy_version)
        form.addRow(self.tr("Policy checked"), self.policy_checked)
        form.addRow(self.tr("Student data"), self.categories)
        form.addRow(self.save_facts_button)
        return box

    def _agreement_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Data agreement on file"))
        form = QFormLayout(box)
        self.kind = QComboBox()
        self.kind.setEditable(True)
        self.kind.addItems(AGREEMENT_KINDS)
        self.kind.setAccessibleName(self.tr("Agreement kind"))
        self.signed = OptionalDate(self.tr("Agreement signed"), self.tr("not signed"))
        self.expires = OptionalDate(self.tr("Agreement expires"), self.tr("no expiry"))
        self.covers_ai = QCheckBox(self.tr("Covers the product's AI features"))
        self.agreement_document = QLineEdit()
        self.agreement_document.setAccessibleName(self.tr("Agreement document"))
        self.agreement_document.setPlaceholderText(self.tr("file name or where it is kept"))
        self.save_agreement_button = QPushButton(self.tr("Save agreement"))
        self.remove_agreement_button = QPushButton(self.tr("Remove agreement"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_agreement_button)
        buttons.addWidget(self.remove_agreement_button)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Signed"), self.signed)
        form.addRow(self.tr("Expires"), self.expires)
        form.addRow(self.covers_ai)
        form.addRow(self.tr("Document"), self.agreement_document)
        form.addRow(buttons)
        return box

    # --- showing ---------------------------------------------------------------------------

    def show_tool(self, tool: Tool | None, summary: PrivacySummary | None) -> None:
        self.tool = tool
        self.agreement = summary.agreement if summary else None
        self.setEnabled(tool is not None)
        self.override_button.setEnabled(summary is not None and summary.blocked)
        self.withdraw_button.setEnabled(summary is not None and summary.override is not None)
        self._show_summary(summary)
        if tool is None:
            return
        self.under_13.setCurrentIndex(self.under_13.findData(tool.users_under_13))
        self.high_stakes.setCurrentIndex(self.high_stakes.findData(tool.high_stakes_use))
        self.policy_version.setText(tool.policy_version)
        self.policy_checked.set_value(tool.policy_checked_on)
        touched = set(tool.data_categories)
        for row in range(self.categories.count()):
            entry = self.categories.item(row)
            checked = entry.text() in touched
            entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        agreement = self.agreement
        self.kind.setCurrentText(agreement.kind if agreement else "")
        self.signed.set_value(agreement.signed_on if agreement else None)
        self.expires.set_value(agreement.expires_on if agreement else None)
        self.covers_ai.setChecked(bool(agreement and agreement.covers_ai))
        self.agreement_document.setText(agreement.document if agreement else "")
        self.remove_agreement_button.setEnabled(agreement is not None)

    def _show_summary(self, summary: PrivacySummary | None) -> None:
        if summary is None:
            self.summary.setText(self.tr("Choose a tool."))
            return
        e = html.escape
        failed = ", ".join(summary.blockers_failed) or self.tr("none")
        versions = ", ".join(summary.checklist_versions) or self.tr("none yet")
        lines = [
            f"<b>{e(summary.tool_name)}</b>",
            e(self.tr("Must-pass items failed: {items}").format(items=failed)),
            e(
                self.tr("Unknown answers: {n} of {total}").format(
                    n=summary.unknowns, total=summary.items
                )
            ),
            e(self.tr("Agreement: {status}").format(status=summary.agreement_status)),
            e(self.tr("Answers given to checklist version {v}").format(v=versions)),
        ]
        if summary.blocked:
            lines.append("<b>⊘ " + e(self.tr("Blocked: listed apart in the ranking")) + "</b>")
        if summary.override:
            lines.append(
                e(
                    self.tr("Gate overridden by {person} on {day}: {reason}").format(
                        person=summary.override.person,
                        day=summary.override.granted_on,
                        reason=summary.override.reason,
                    )
                )
            )
        self.summary.setText("<br>".join(lines))

    # --- editing ---------------------------------------------------------------------------

    def checked_categories(self) -> list[str]:
        return [
            self.categories.item(row).text()
            for row in range(self.categories.count())
            if self.categories.item(row).checkState() == Qt.CheckState.Checked
        ]

    def save_facts(self) -> None:
        tool = self.tool
        if tool is None:
            return
        wanted = {
            "users_under_13": self.under_13.currentData(),
            "high_stakes_use": self.high_stakes.currentData(),
            "policy_version": self.policy_version.text(),
            "policy_checked_on": self.policy_checked.value(),
            "data_categories": self.checked_categories(),
        }
        now = {
            "users_under_13": tool.users_under_13,
            "high_stakes_use": tool.high_stakes_use,
            "policy_version": tool.policy_version,
            "policy_checked_on": tool.policy_checked_on,
            "data_categories": [c for c in DATA_CATEGORIES if c in tool.data_categories],
        }
        changed = {k: v for k, v in wanted.items() if v != now[k]}
        if changed:
            text = self.tr("Privacy facts of {tool}").format(tool=tool.name)
            self.page.push_built(lambda: edits.update("tool", tool.id, text, **changed), text)

    def save_agreement(self) -> None:
        tool = self.tool
        if tool is None:
            return

        def build() -> Command:
            return privacy.set_agreement(
                tool.id,
                self.kind.currentText(),
                signed_on=self.signed.value(),
                expires_on=self.expires.value(),
                covers_ai=self.covers_ai.isChecked(),
                document=self.agreement_document.text(),
            )

        self.page.push_built(build, self.tr("Data agreement of {tool}").format(tool=tool.name))

    def remove_agreement(self) -> None:
        if self.tool is not None and self.agreement is not None:
            text = self.tr("Remove the data agreement of {tool}").format(tool=self.tool.name)
            self.page.push(privacy.remove_agreement(self.tool.id), text)

    def withdraw_override(self) -> None:
        if self.tool is not None:
            text = self.tr("Withdraw the privacy override of {tool}").format(tool=self.tool.name)
            self.page.push(privacy.withdraw_override(self.tool.id), text)
