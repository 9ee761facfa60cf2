"""Open damaged copies of a valid project, one per seed, and report what happened to each.

Run as ``python damage_opener.py VALID_PROJECT WORK_DIR FIRST_SEED COUNT``. The parent runs it in
a subprocess with a timeout, so a hang or a crash in SQLite is caught and pinned to the seed after
the last one reported. Each line printed is one JSON object:
``{"seed", "damage", "result": "refused"|"opened"|"crashed", "check", "code", "same_bytes",
"integrity", "reading"}``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import random
import sys
import traceback
from pathlib import Path

from aligner.domain.errors import AlignerError, ProjectFileError
from aligner.services.project import Project, Recovery

PAGE = 4096
HEADER = 100


def damage(valid: bytes, seed: int) -> tuple[bytes, str]:
    """Flip 1-16 bytes (often in the header and page 1) or truncate, chosen by ``seed``."""
    rng = random.Random(seed)
    if rng.random() < 0.25:
        length = rng.randrange(0, len(valid))
        return valid[:length], f"truncated to {length}"
    data = bytearray(valid)
    offsets = []
    for _ in range(rng.randint(1, 16)):
        region = rng.random()
        if region < 0.2:
            offset = rng.randrange(HEADER)
        elif region < 0.4:
            offset = rng.randrange(PAGE)
        else:
            offset = rng.randrange(len(data))
        data[offset] ^= rng.randrange(1, 256)
        offsets.append(offset)
    return bytes(data), f"flipped bytes at {sorted(offsets)}"


def _read_everything(project: Project) -> str:
    """What a user sees after opening: counts, ranking, audit trail. Returns the integrity."""
    project.counts()
    project.tools()
    project.scores()
    project.audit_chain_broken_at()
    # A damaged weight or score may make the ranking refuse, with a message.
    with contextlib.suppress(AlignerError):
        project.evaluation()
    return project.integrity()


def try_open(path: Path) -> dict[str, object]:
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    report: dict[str, object] = {}
    try:
        project = Project.open(path, recovery=Recovery.DISCARD)
    except ProjectFileError as exc:
        report |= {"result": "refused", "code": str(exc.code), "check": exc.params.get("check")}
        report["names_file"] = str(path) in exc.message
    except Exception:
        report |= {"result": "crashed", "error": traceback.format_exc(limit=4)}
    else:
        try:
            report |= {"result": "opened", "integrity": _read_everything(project)}
        except Exception:
            report |= {"result": "opened", "reading": traceback.format_exc(limit=4)}
        finally:
            project.close()
    report["same_bytes"] = hashlib.sha256(path.read_bytes()).hexdigest() == before
    return report


def main() -> None:
    valid_path, work = Path(sys.argv[1]), Path(sys.argv[2])
    first, count = int(sys.argv[3]), int(sys.argv[4])
    valid = valid_path.read_bytes()
    for seed in range(first, first + count):
        damaged, how = damage(valid, seed)
        path = work / f"seed-{seed}.aligner"
        path.write_bytes(damaged)
        report = {"seed": seed, "damage": how, **try_open(path)}
        print(json.dumps(report), flush=True)
        path.unlink()


if __name__ == "__main__":
    main()
