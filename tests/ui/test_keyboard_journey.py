"""A whole evaluation, from an empty project to a ranking, without touching the mouse."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from aligner.services.ranking import ranking_from
from tests.ui.conftest import ScriptedPrompts
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


_WINDOW: list[MainWindow] = []


def _focus() -> QWidget:
    """The widget keyboard input goes to: the window's focus widget."""
    widget = _WINDOW[0].focusWidget()
    assert widget is not None
    return widget


def _key(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(_focus(), key, modifier)
    if modifier == ALT:
        qtbot.wait(300)  # a button's mnemonic clicks it through animateClick's timer


def _type(qtbot: QtBot, text: str) -> None:
    """Replace the focused field's text and leave it with Tab."""
    _key(qtbot, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(_focus(), text)
    _key(qtbot, Qt.Key.Key_Tab)


def test_empty_project_to_ranking_by_keyboard_only(
    main_window: MainWindow, prompts: ScriptedPrompts, qtbot: QtBot, tmp_path: Path
) -> None:
    _WINDOW[:] = [main_window]
    main_window.activateWindow()
    main_window.sidebar.setFocus()
    prompts.path = tmp_path / "Lakeside.aligner"
    prompts.name = "Lakeside School District"
    _key(qtbot, Qt.Key.Key_N, CTRL)
    project = main_window.session.project
    assert project.district().name == "Lakeside School District"
    assert project.counts().challenges == 0

    _key(qtbot, Qt.Key.Key_2, CTRL)  # Challenges
    _key(qtbot, Qt.Key.Key_A, ALT)  # Add challenge; focus goes to its title
    _type(qtbot, "Early reading")
    assert [c.title for c in project.challenges()] == ["Early reading"]

    _key(qtbot, Qt.Key.Key_3, CTRL)  # Outcomes & weights
    page = main_window.pages["outcomes"]
    page.tree.setFocus()
    _key(qtbot, Qt.Key.Key_A, ALT)  # Add outcome to the selected challenge
    _type(qtbot, "Reading growth")
    _key(qtbot, Qt.Key.Key_A, ALT)
    _type(qtbot, "Reading proficiency")
    assert [o.name for o in project.outcomes()] == ["Reading growth", "Reading proficiency"]

    _key(qtbot, Qt.Key.Key_4, CTRL)  # Tools
    for name in ("LexiTutor", "StoryBot"):
        _key(qtbot, Qt.Key.Key_A, ALT)
        _type(qtbot, name)
    assert [t.name for t in project.tools()] == ["LexiTutor", "StoryBot"]

    _key(qtbot, Qt.Key.Key_5, CTRL)  # Committee
    for name in ("Ana Ruiz", "Ben Cho"):
        _key(qtbot, Qt.Key.Key_A, ALT)
        _type(qtbot, name)
    assert [m.name for m in project.members()] == ["Ana Ruiz", "Ben Cho"]

    _key(qtbot, Qt.Key.Key_6, CTRL)  # Scoring
    scoring = main_window.pages["scoring"]
    for member_row, digits in ((1, "3412"), (2, "4321")):
        _key(qtbot, Qt.Key.Key_S, ALT)  # "Scoring as"
        assert _focus() is scoring.member
        scoring.member.setCurrentIndex(0)
        for _ in range(member_row):
            _key(qtbot, Qt.Key.Key_Down)
        _key(qtbot, Qt.Key.Key_Tab)
        assert _focus() is scoring.grid
        for digit in digits:
            _key(qtbot, Qt.Key(Qt.Key.Key_0 + int(digit)))
    assert project.counts().scores == 8

    ranking = ranking_from(project.evaluation())
    assert [t.name for t in ranking.tools] == ["LexiTutor", "StoryBot"]
    assert ranking.tools[0].rank == 1 and ranking.tools[0].score is not None
    # Mean scores: LexiTutor (3+4)/2, (4+3)/2 = 3.5 each -> 87.5 on a 0-4 rubric.
    assert ranking.tools[0].score == 87.5
