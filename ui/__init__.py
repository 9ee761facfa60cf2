"""The PySide6 desktop front end: one client of aligner.services."""
