"""The sensitivity verdict in plain words for the room: robust or fragile, the margin, the flip."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from aligner.compute.pipeline import EvaluationData

if TYPE_CHECKING:
    from aligner.compute.sensitivity import Verdict


def _t(text: str) -> str:
    return QCoreApplication.translate("Verdict", text)


def verdict_parts(found: Verdict | None, data: EvaluationData) -> tuple[str, list[str]]:
    """(headline, sentences); the headline carries a symbol as well as the word."""
    if found is None:
        return _t("No verdict yet"), [_t("Fewer than two tools are ranked.")]
    names = data.tool_names
    robust = found.word == "robust"
    headline = _t("✔ Robust") if robust else _t("⚠ Fragile")
    sentences = [
        _t("{first} leads {second} by {margin:.1f} points.").format(
            first=names[found.first], second=names[found.second], margin=found.margin
        )
    ]
    flip = found.weight_flip
    if flip is None or flip.new_weight is None:
        sentences.append(_t("No single weight change within 0-100% changes who is first."))
    else:
        sentences.append(
            _t("Smallest flip: {outcome} from {old:.0%} to {new:.0%} puts {tool} first.").format(
                outcome=data.outcome_names[flip.outcome],
                old=flip.weight,
                new=flip.new_weight,
                tool=names[flip.new_first] if flip.new_first is not None else "?",
            )
        )
    if found.member_flip is None:
        sentences.append(_t("No one-point change by one member flips first and second."))
    else:
        sentences.append(_t("One member moving one score by one point flips first and second."))
    return headline, sentences


def verdict_html(found: Verdict | None, data: EvaluationData) -> str:
    headline, sentences = verdict_parts(found, data)
    return f"<b>{escape(headline)}</b> — " + " ".join(escape(s) for s in sentences)
