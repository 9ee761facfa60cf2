"""Entry point of the bundled app: the same `aligner` command as the installed package."""

from __future__ import annotations

import multiprocessing
import sys

from aligner.cli import main

if __name__ == "__main__":
    # Incoming workbooks are parsed in a spawned child (aligner/exchange/isolated.py); in a
    # frozen bundle that child is this same executable, and this call lets it act as one.
    multiprocessing.freeze_support()
    sys.exit(main())
