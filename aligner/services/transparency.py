"""The transparency page for families and staff: what the district uses and what data it touches.

Only public facts go in: tools in use or in pilot, their purpose, the student data categories,
the agreement status and the accountable person. Nothing from deliberations (scores, rankings,
rationales, member names other than accountable owners) is read at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from aligner.config import resources_dir
from aligner.domain.enums import ToolStatus
from aligner.services.fields import today
from aligner.services.privacy import agreement_status, agreements
from aligner.services.project import Project

PUBLISHED = (ToolStatus.ADOPTED, ToolStatus.PILOTING)
TEMPLATE = "transparency.html.j2"


@dataclass(frozen=True, slots=True)
class PublicTool:
    name: str
    vendor: str
    purpose: str
    stage: str
    data_categories: tuple[str, ...]
    agreement: str
    accountable: str


def public_tools(project: Project, on: date) -> list[PublicTool]:
    signed = agreements(project)
    return [
        PublicTool(
            name=tool.name,
            vendor=tool.vendor,
            purpose=tool.purpose,
            stage="In use" if tool.status is ToolStatus.ADOPTED else "Pilot",
            data_categories=tool.data_categories,
            agreement=agreement_status(signed.get(tool.id), on),
            accountable=tool.owner,
        )
        for tool in project.tools()
        if tool.status in PUBLISHED
    ]


def render(project: Project, on: date | None = None) -> str:
    on = on or today()
    environment = Environment(
        loader=FileSystemLoader(resources_dir() / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    return environment.get_template(TEMPLATE).render(
        district=project.district().name, tools=public_tools(project, on), on=on.isoformat()
    )


def write(project: Project, target: Path, on: date | None = None) -> None:
    """Write the page next to ``target`` first and rename it over, so a reader never sees half."""
    html = render(project, on)
    partial = target.with_name(target.name + ".partial")
    partial.write_text(html, encoding="utf-8")
    partial.replace(target)
