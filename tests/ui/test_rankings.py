"""Rankings page: charts build, sliders re-rank like the core, scenarios undo, meeting mode."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aligner.services import edits
from aligner.services.scenarios import (
    list_scenarios,
    save_scenario,
    switch_to_scenario,
    weights_by_id,
)
from aligner.services.whatif import ResultLine
from ui.main_window import MainWindow
from ui.meeting import MeetingWindow
from ui.models.ranking_model import RankingModel
from ui.pages.rankings import RankingsPage


def rankings(window: MainWindow) -> RankingsPage:
    page = window.show_page("rankings")
    assert isinstance(page, RankingsPage)
    return page


def shown_ranks(page: RankingsPage) -> dict[str, int | None]:
    model = page.table.model()
    ranks = {}
    for row in range(model.rowCount()):
        rank = model.index(row, 0).data()
        ranks[model.index(row, 1).data()] = int(rank) if rank else None
    return ranks


def test_each_chart_builds_on_its_page(main_window: MainWindow, qtbot: QtBot) -> None:
    page = rankings(main_window)
    # An edge case alongside the sample: a tool nobody has scored yet.
    page.push(edits.add("tool", name="Unscored Helper"))
    assert shown_ranks(page)["Unscored Helper"] is None
    for index, (key, host) in enumerate(page.charts.hosts.items()):
        page.charts.setCurrentIndex(min(index, page.charts.count() - 1))
        if key == "profile":
            page.charts.setCurrentIndex(1)
        qtbot.waitUntil(lambda host=host: host.figure is not None)
        host.redraw()
        assert host.figure.axes, key
    ranking = page.charts.hosts["ranking"]
    page.charts.setCurrentIndex(0)  # a chart out of sight keeps no figure: back to it
    qtbot.waitUntil(lambda: ranking.figure is not None)
    labels = (
        [t.get_text() for t in ranking.figure.axes[0].get_yticklabels()] if ranking.figure else []
    )
    assert "Unscored Helper (not scored)" in labels
    png = ranking.png_bytes()
    assert png is not None and png.startswith(b"\x89PNG")
    ranking.copy_to_clipboard()
    from PySide6.QtGui import QGuiApplication

    assert not QGuiApplication.clipboard().image().isNull()


def test_moving_a_slider_shows_the_ranking_the_core_computes(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    page = rankings(main_window)
    before = shown_ranks(page)
    data = page.what_if.data if page.what_if else None
    assert data is not None
    absenteeism = next(i for i, n in enumerate(data.challenge_names) if "absenteeism" in n)
    slider = page.sliders.challenge_sliders[absenteeism]
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key.Key_End)
    after = shown_ranks(page)
    assert after != before
    assert page.reset_button.isEnabled()
    # The core, given the same weights through the store, ranks exactly as the table shows.
    assert page.what_if is not None
    project = main_window.session.project
    project.execute(
        save_scenario(
            "probe",
            *weights_by_id(data, page.what_if.challenge_weights, page.what_if.outcome_weights),
        )
    )
    project.execute(switch_to_scenario(list_scenarios(project)[0]))
    stored = project.evaluation()
    expected = {
        data.tool_names[i]: (int(stored.ranks[i]) or None)
        for i in range(len(data.tool_ids))
        if stored.status(i) != "blocked"
    }
    assert after == expected
    blocked = page.blocked_table.model()
    assert {blocked.index(r, 0).data() for r in range(blocked.rowCount())} == {
        data.tool_names[i] for i in range(len(data.tool_ids)) if stored.status(i) == "blocked"
    }
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    assert shown_ranks(page) == before
    assert not page.reset_button.isEnabled()


def test_verdict_updates_after_the_hand_pauses(main_window: MainWindow, qtbot: QtBot) -> None:
    page = rankings(main_window)
    qtbot.waitUntil(lambda: page.verdict is not None, timeout=5000)
    assert page.verdict is not None
    first_margin = page.verdict.margin
    assert ("Robust" in page.verdict_label.text()) or ("Fragile" in page.verdict_label.text())
    slider = page.sliders.challenge_sliders[0]
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: page.verdict is not None and page.verdict.margin != first_margin)


def test_scenarios_save_switch_compare_and_undo(main_window: MainWindow, qtbot: QtBot) -> None:
    page = rankings(main_window)
    session = main_window.session
    project = session.project
    saved_weights = [c.weight for c in project.challenges()]
    slider = page.sliders.challenge_sliders[3]
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key.Key_End)
    tried = dict(shown_ranks(page))
    assert page.scenarios.save("equity focus")
    assert [s.name for s in list_scenarios(project)] == ["equity focus"]
    assert page.scenarios.picker.currentText() == "equity focus"
    session.undo_stack.undo()
    assert list_scenarios(project) == []
    session.undo_stack.redo()
    [scenario] = list_scenarios(project)

    page.reset_weights()
    page.scenarios.compare()
    dialog = page.scenarios.dialog
    model = dialog.model
    assert model.columnCount() == 3  # tool, the sliders' weights, equity focus
    column = {model.index(r, 0).data(): model.index(r, 2).data() for r in range(model.rowCount())}
    for tool, rank in tried.items():
        assert column[tool].split()[0] == str(rank)
    assert any("▲" in text or "▼" in text for text in column.values())
    dialog.close()

    qtbot.mouseClick(page.scenarios.switch_button, Qt.MouseButton.LeftButton)
    assert [c.weight for c in project.challenges()] != saved_weights
    assert shown_ranks(page) == tried  # the page reloaded with the switched weights
    assert session.undo_stack.undoText() == "Switch to scenario equity focus"
    session.undo_stack.undo()
    assert [c.weight for c in project.challenges()] == saved_weights
    assert scenario in list_scenarios(project)


def test_meeting_mode_opens_navigates_and_closes_by_keyboard(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    rankings(main_window)
    qtbot.keyClick(main_window, Qt.Key.Key_F11)
    meeting = main_window.findChild(MeetingWindow)
    assert meeting is not None and meeting.isVisible()
    assert meeting.isFullScreen()
    tools = len(meeting.order)
    qtbot.keyClick(meeting, Qt.Key.Key_Space)
    qtbot.keyClick(meeting, Qt.Key.Key_Space)
    assert meeting.revealed == 2
    assert meeting.highlight == meeting.order[-2]
    assert "still hidden" in meeting.verdict_label.text()
    qtbot.keyClick(meeting, Qt.Key.Key_Down)
    assert meeting.highlight == meeting.order[-1]
    qtbot.keyClick(meeting, Qt.Key.Key_Up)
    assert meeting.highlight == meeting.order[-2]
    for _ in range(tools):
        qtbot.keyClick(meeting, Qt.Key.Key_Space)
    assert meeting.all_revealed and meeting.highlight == meeting.order[0]
    meeting.chart.redraw()
    qtbot.waitUntil(lambda: meeting.chart.figure is not None)
    assert meeting.chart.figure is not None
    labels = [t.get_text() for t in meeting.chart.figure.axes[0].get_yticklabels()]
    assert "?" not in labels
    assert meeting.verdict is not None and meeting.verdict_label.text().count("—") == 1
    qtbot.keyClick(meeting, Qt.Key.Key_Escape)
    assert not meeting.isVisible()


def test_full_stability_check_runs_as_a_task_and_fills_the_chart(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    page = rankings(main_window)
    page.check_stability()
    assert page.charts.probabilities is not None
    assert page.charts.probabilities.draws == 10_000
    np.testing.assert_allclose(page.charts.probabilities.probabilities.sum(axis=1), 1.0)
    assert page.charts.currentWidget() is page.charts.stability_page


def test_rankings_page_paints_before_matplotlib_is_imported(tmp_path: Path) -> None:
    # Records, at the window's first paint, whether matplotlib was loaded yet.
    script = (
        "import sys\n"
        "from PySide6.QtCore import QEvent, QObject, QSettings\n"
        "from PySide6.QtTest import QTest\n"
        "from ui.app import make_application, start\n"
        "from ui.settings import AppSettings\n"
        "class FirstPaint(QObject):\n"
        "    seen = None\n"
        "    def eventFilter(self, watched, event):\n"
        "        if event.type() == QEvent.Type.Paint and self.seen is None:\n"
        "            FirstPaint.seen = 'matplotlib' in sys.modules\n"
        "        return False\n"
        "app = make_application()\n"
        f"ini = {str(tmp_path / 'ui.ini')!r}\n"
        "settings = AppSettings(QSettings(ini, QSettings.Format.IniFormat))\n"
        "settings.last_page = 'rankings'\n"
        "window = start(None, settings)\n"
        "spy = FirstPaint()\n"
        "window.sidebar.viewport().installEventFilter(spy)\n"
        "window.show()\n"
        "QTest.qWait(800)\n"
        "print(window.current_page_key(), FirstPaint.seen, 'matplotlib' in sys.modules)\n"
        "window.session.project.close()\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ALIGNER_DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # Painted without matplotlib; the chart then loaded it once the window was up.
    assert result.stdout.split("\n")[0] == "rankings False True"


def test_a_step_repaints_only_the_lines_that_changed(qtbot: QtBot) -> None:
    def line(index: int, name: str, score: float) -> ResultLine:
        return ResultLine(
            index, index + 1, name, index + 1, score, index + 1, 1.0, None, "ranked", ()
        )

    model = RankingModel()
    model.set_lines([line(0, "Tutor", 80.0), line(1, "Grader", 70.0), line(2, "Planner", 60.0)])
    repainted: list[tuple[int, int]] = []
    model.dataChanged.connect(
        lambda first, last, _roles: repainted.append((first.row(), last.row()))
    )
    model.set_lines([line(0, "Tutor", 80.0), line(1, "Grader", 72.5), line(2, "Planner", 60.0)])
    assert repainted == [(1, 1)]
    assert model.index(1, 2).data() == "72.5"
    assert model.index(0, 2).data() == "80.0"
    model.set_lines([line(0, "Tutor", 80.0), line(1, "Grader", 72.5), line(2, "Planner", 60.0)])
    assert repainted == [(1, 1)]  # nothing moved, nothing repainted


def test_a_chart_out_of_sight_keeps_no_figure_and_comes_back_when_shown(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    page = rankings(main_window)
    ranking, weights = page.charts.hosts["ranking"], page.charts.hosts["weights"]
    page.charts.setCurrentIndex(0)
    qtbot.waitUntil(lambda: ranking.figure is not None, timeout=20000)
    page.charts.setCurrentWidget(weights)
    qtbot.waitUntil(lambda: weights.figure is not None, timeout=20000)
    assert ranking.figure is None
    page.charts.setCurrentIndex(0)
    qtbot.waitUntil(lambda: ranking.figure is not None, timeout=20000)
    assert weights.figure is None
    assert ranking.png_bytes() is not None


def test_the_active_scenario_is_named_and_a_scenario_deletes_undoably(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    page = rankings(main_window)
    bar = page.scenarios
    project = main_window.session.project
    assert "saved weights" in bar.active_label.text()
    assert bar.save("equity focus")
    assert "equity focus" in bar.active_label.text()
    slider = page.sliders.challenge_sliders[0]
    slider.setValue(slider.value() // 2 + 1)
    assert "not saved" in bar.active_label.text()
    page.reset_weights()
    assert "equity focus" in bar.active_label.text()  # saved from the project's own weights
    qtbot.mouseClick(bar.delete_button, Qt.MouseButton.LeftButton)
    assert list_scenarios(project) == []
    assert bar.picker.count() == 0 and not bar.delete_button.isEnabled()
    assert "saved weights" in bar.active_label.text()
    main_window.session.undo_stack.undo()
    assert [s.name for s in list_scenarios(project)] == ["equity focus"]
    assert bar.picker.currentText() == "equity focus"


def test_a_narrow_ranking_table_drops_the_least_needed_columns_first(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    page = rankings(main_window)
    columns = page.ranked_model.columns

    def shown() -> list[str]:
        return [
            str(page.ranked_model.headerData(i, Qt.Orientation.Horizontal))
            for i in range(len(columns))
            if not page.table.isColumnHidden(i)
        ]

    page.splitter.setSizes([2000, 400])
    qtbot.waitUntil(lambda: len(shown()) == len(columns))
    page.splitter.setSizes([250, 2000])
    qtbot.waitUntil(lambda: len(shown()) < len(columns))
    assert shown()[:3] == ["Rank", "Tool", "Score"]
    hidden = [
        name for name in ("Status", "Coverage", "Pts/$1k", "TOPSIS rank") if name not in shown()
    ]
    assert hidden == ["Status", "Coverage", "Pts/$1k", "TOPSIS rank"][: len(hidden)]
    page.splitter.setSizes([2000, 400])
    qtbot.waitUntil(lambda: len(shown()) == len(columns))
