"""Aligner: choose AI tools for a school district by its real challenges.

This package is the Qt-free core. Importing it has no side effects.
"""

__version__ = "0.1.0"
