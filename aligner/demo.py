"""The embedded sample district (built by aligner.services.sample, the one place it lives)."""

from __future__ import annotations

from aligner.services.sample import SAMPLE_NAME, build_sample, write_sample

__all__ = ["SAMPLE_NAME", "build_sample", "write_sample"]
