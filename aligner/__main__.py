"""`python -m aligner` runs the command line."""

import sys

from aligner.cli import main

sys.exit(main())
