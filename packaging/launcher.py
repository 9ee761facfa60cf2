"""Entry point of the bundled app: the same `aligner` command as the installed package."""

from __future__ import annotations

import sys

from aligner.cli import main

if __name__ == "__main__":
    sys.exit(main())
