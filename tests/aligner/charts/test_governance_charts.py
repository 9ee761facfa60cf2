"""The monitoring and data-flow charts draw what the committee needs to read off them."""

from __future__ import annotations

from aligner.charts.data_flow import FlowLink, data_flow_chart
from aligner.charts.monitoring import monitoring_chart
from aligner.services import data_systems, monitoring
from aligner.services.project import Project


def _texts(figure) -> list[str]:
    found = [t.get_text() for t in figure.texts]
    for axes in figure.axes:
        found += [t.get_text() for t in axes.texts]
        found.append(axes.get_title(loc="left"))
        legend = axes.get_legend()
        if legend is not None:
            found += [t.get_text() for t in legend.get_texts()]
    if figure._suptitle is not None:
        found.append(figure._suptitle.get_text())
    return found


def test_monitoring_chart_shows_baseline_target_and_status(sample_project: Project) -> None:
    figure = monitoring_chart(monitoring.monitoring(sample_project))
    texts = " | ".join(_texts(figure))
    assert len(figure.axes) == 3  # the three measured outcomes of the sample
    assert "baseline 21" in texts and "target 15" in texts
    assert "! behind" in texts and "✓ on track" in texts


def test_monitoring_chart_says_so_when_nothing_is_measured() -> None:
    figure = monitoring_chart([])
    assert "Nothing measured yet" in " ".join(_texts(figure))


def test_data_flow_chart_joins_tools_systems_and_categories(sample_project: Project) -> None:
    tools = {t.id: t.name for t in sample_project.tools()}
    systems = {s.id: s.name for s in data_systems.data_systems(sample_project)}
    links = [
        FlowLink(tools[link.tool_id], systems[link.system_id], link.how.value, link.categories)
        for link in data_systems.tool_systems(sample_project)
    ]
    texts = _texts(data_flow_chart(links))
    for name in ("Beacon Early Warning", "Student information system", "Special indicator"):
        assert name in texts
    assert {"rostering standard", "single sign-on", "file upload"} <= set(texts)
