"""R1.9: the code never weakens SQLite's guarantees (howtocorrupt §7).

journal_mode OFF or MEMORY and synchronous OFF drop crash safety; writable_schema and writing
schema_version let a bug corrupt the schema. The rule is checked on the source text, so a new
module cannot slip one in.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = re.compile(
    r"journal_mode\s*=\s*['\"]?(off|memory)\b"
    r"|synchronous\s*=\s*['\"]?(off|0)\b"
    r"|writable_schema"
    r"|pragma\s+(\w+\.)?schema_version\s*=",
    re.IGNORECASE,
)


def _sources() -> list[Path]:
    files = [*(ROOT / "aligner").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]
    return [path for path in files if path.is_file()]


def test_no_code_sets_a_forbidden_sqlite_setting() -> None:
    sources = _sources()
    assert len(sources) > 20, "the scan found no code: wrong root?"
    hits = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if FORBIDDEN.search(line)
    ]
    assert hits == []


def test_the_scan_recognises_each_forbidden_setting() -> None:
    for line in (
        'connection.execute("PRAGMA journal_mode=OFF")',
        "cursor.execute('PRAGMA journal_mode = memory')",
        'raw.execute("PRAGMA synchronous=OFF")',
        'raw.execute("PRAGMA synchronous = 0")',
        'raw.execute("PRAGMA writable_schema=ON")',
        'raw.execute("PRAGMA schema_version=7")',
        'raw.execute("pragma main.schema_version = 7")',
    ):
        assert FORBIDDEN.search(line), line
    for line in (
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=FULL",
        "PRAGMA user_version=2",
        "SCHEMA_VERSION = len(SCHEMA_REVISIONS)",
    ):
        assert not FORBIDDEN.search(line), line
