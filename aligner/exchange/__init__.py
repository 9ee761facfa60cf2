"""Excel and CSV in and out: scorecards, scoring packets, inventory import."""
