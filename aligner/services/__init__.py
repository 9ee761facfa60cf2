"""Use cases: the only aligner API the desktop app calls."""
