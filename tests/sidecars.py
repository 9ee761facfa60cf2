"""Files another program leaves beside a project: what Aligner must apply, say and keep."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def leave_a_wal(path: Path, statement: str) -> None:
    """Another program opens the file in WAL mode, commits, and dies without checkpointing."""
    script = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA journal_mode=WAL')\n"
        "c.execute(sys.argv[2])\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(path), statement], check=True)
