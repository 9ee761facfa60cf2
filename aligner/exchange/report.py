"""The meeting report: one self-contained HTML file, readable on a phone and printable.

Jinja2 with autoescaping renders it, so a tool named "<script>" prints as text. Font sizes
are in pt and em, not px or rem: Qt's rich text (which prints it) takes px as printer dots and
does not know rem, while browsers read 12pt as 16px. Charts are
embedded as base64 PNG; a Content-Security-Policy forbids every network load and script.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, select_autoescape

from aligner.exchange.cells import write_atomically
from aligner.exchange.scorecard_data import ScorecardData


@dataclass(frozen=True, slots=True)
class Discussion:
    """A cell where members disagree enough to talk about it."""

    tool: str
    outcome: str
    spread: float
    raters: int


@dataclass(frozen=True, slots=True)
class ReportExtras:
    verdict: str
    verdict_reasons: tuple[str, ...] = ()
    discuss: tuple[Discussion, ...] = ()


TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="generator" content="Aligner">
<title>AI tool report: {{ d.district }}</title>
<style>
 body { font: 12pt/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b;
        margin: 0 auto; max-width: 60rem; padding: 1rem; }
 h1 { font-size: 1.6em; margin-bottom: .2rem; } h2 { margin-top: 2rem; border-bottom: 2px solid
 #1f4e79; } h3 { margin-top: 1.5rem; }
 .meta { color: #555; font-size: .9em; overflow-wrap: anywhere; }
 .scroll { overflow-x: auto; }
 table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .95em; }
 th, td { border-bottom: 1px solid #ccc; padding: .3em .5em; text-align: left;
          vertical-align: top; }
 th { background: #1f4e79; color: #fff; }
 td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
 .verdict { font-size: 1.2em; font-weight: bold; }
 .fragile { color: #a33; } .robust { color: #1a6b33; }
 img { max-width: 100%; height: auto; }
 .blocked { background: #fdecea; padding: .5rem 1rem; border-left: 4px solid #a33; }
 .pre { white-space: pre-line; }
 @media print {
   body { max-width: none; font-size: 11pt; }
   h2 { page-break-after: avoid; } .tool, .chart { page-break-inside: avoid; }
   .tool { page-break-before: always; }
   th { background: #ddd !important; color: #000; }
 }
</style>
</head>
<body>
<header>
<h1>AI tool report: {{ d.district }}</h1>
<p class="meta">School year {{ d.school_year }} &middot; made {{ d.made_on }} by Aligner
&middot; fingerprint {{ d.fingerprint }}</p>
</header>

<h2>How the ranking was made</h2>
{% for line in d.method_note %}<p>{{ line }}</p>{% endfor %}

<h2>Ranking</h2>
<div class="scroll"><table>
<thead><tr><th class="n">Rank</th><th>Tool</th><th class="n">Total (0-100)</th>
<th class="n">TOPSIS rank</th><th class="n">Coverage</th><th class="n">Points per $1,000
per student</th></tr></thead>
<tbody>
{% for t in d.tools if t.status != "blocked" %}
<tr><td class="n">{{ t.rank or "-" }}</td><td>{{ t.name }}</td>
<td class="n">{{ num(t.total, 1) }}</td><td class="n">{{ t.topsis_rank or "-" }}</td>
<td class="n">{{ pct(t.coverage) }}</td><td class="n">{{ num(t.cost_effectiveness, 0) }}</td></tr>
{% endfor %}
</tbody></table></div>

<h2>Blocked tools</h2>
{% set blocked = d.tools | selectattr("status", "equalto", "blocked") | list %}
{% if blocked %}
<div class="blocked">{% for t in blocked %}
<p><strong>{{ t.name }}</strong> (total {{ num(t.total, 1) }}):
 {{ t.blocked_reasons | join("; ") }}</p>
{% endfor %}</div>
{% else %}<p>None: every tool passed the privacy gate.</p>{% endif %}

<h2>How safe is the first place?</h2>
<p class="verdict {{ x.verdict.split()[0] | lower }}">{{ x.verdict }}</p>
{% if x.verdict_reasons %}<ul>
{% for r in x.verdict_reasons %}<li>{{ r }}</li>{% endfor %}
</ul>{% endif %}

<h2>Disagreement to discuss</h2>
{% if x.discuss %}
<div class="scroll"><table><thead><tr><th>Tool</th><th>Outcome</th><th class="n">Spread</th>
<th class="n">Raters</th></tr></thead><tbody>
{% for c in x.discuss %}<tr><td>{{ c.tool }}</td><td>{{ c.outcome }}</td>
<td class="n">{{ num(c.spread, 1) }}</td><td class="n">{{ c.raters }}</td></tr>{% endfor %}
</tbody></table></div>
{% else %}<p>No cell where members' scores are far apart.</p>{% endif %}

<h2>Weights</h2>
<div class="scroll"><table><thead><tr><th>Challenge</th><th>Outcome</th>
<th class="n">Global weight</th></tr></thead><tbody>
{% for o in d.outcomes %}<tr><td>{{ o.challenge }}</td><td>{{ o.name }}</td>
<td class="n">{{ pct(o.global_weight, 1) }}</td></tr>{% endfor %}
</tbody></table></div>

{% for title, png in d.charts %}
<figure class="chart"><img alt="{{ title }} chart" width="640" src="{{ image(png) }}">
<figcaption>{{ title }}</figcaption></figure>
{% endfor %}

<h2>Scorecards</h2>
{% for t in d.tools %}
<section class="tool">
<h3>{{ t.name }}{% if t.vendor %} <small>({{ t.vendor }})</small>{% endif %}</h3>
<p>{{ t.purpose }}</p>
<p>Status: {{ t.status }} &middot; total {{ num(t.total, 1) }} &middot; rank {{ t.rank or "-" }}
&middot; coverage {{ pct(t.coverage) }}</p>
{% if t.blocked_reasons %}
<p class="blocked">Blocked: {{ t.blocked_reasons | join("; ") }}</p>
{% endif %}
{% if t.radar_png %}<img alt="Profile of {{ t.name }} across the outcomes" width="420"
 src="{{ image(t.radar_png) }}">{% endif %}
<div class="scroll"><table><thead><tr><th>Outcome</th><th class="n">Consensus</th>
<th class="n">Spread</th><th class="n">Raters</th><th>Rationales</th></tr></thead><tbody>
{% for l in t.lines %}<tr><td>{{ l.outcome }}</td><td class="n">{{ num(l.consensus, 2) }}</td>
<td class="n">{{ num(l.spread, 1) }}</td><td class="n">{{ l.raters }}</td>
<td class="pre">{{ l.rationales }}</td></tr>{% endfor %}
</tbody></table></div>
{% if t.privacy %}<h4>Privacy summary</h4><ul>
{% for item, answer in t.privacy %}<li>{{ item }}: <strong>{{ answer }}</strong></li>{% endfor %}
</ul>{% endif %}
</section>
{% endfor %}
</body>
</html>
"""


def _num(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def _pct(value: float | None, digits: int = 0) -> str:
    return "-" if value is None else f"{100 * value:.{digits}f}%"


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def render_report(
    data: ScorecardData, extras: ReportExtras, *, images: dict[str, bytes] | None = None
) -> str:
    """The report's HTML; charts are data URIs, or, given ``images``, names filled into it.

    Qt's rich-text engine (which prints the report and saves it as PDF) does not load data
    URIs; it shows images the caller registers under a name, so printing asks for names. It
    also ignores CSS max-width, so each image carries a width that fits a printed page.
    """

    def image(png: bytes) -> str:
        if images is None:
            return _data_uri(png)
        name = f"aligner-image-{len(images) + 1}.png"
        images[name] = png
        return name

    environment = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    environment.globals.update(num=_num, pct=_pct, image=image)
    return environment.from_string(TEMPLATE).render(d=data, x=extras)


def write_report(data: ScorecardData, extras: ReportExtras, target: Path) -> None:
    write_atomically(target, render_report(data, extras).encode("utf-8"))
