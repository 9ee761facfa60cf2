"""A second Aligner: holds a project open and obeys one-line commands on stdin.

Run as ``python project_holder.py PROJECT [take-over]``. Prints ``open PID WORKING_COPY`` once the
project is open (or ``locked ...`` if it is not), then for each line: ``add NAME`` adds a member,
``save`` saves, ``names`` prints the member names, ``close`` closes and exits. Each command
answers one line.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from aligner.domain.errors import AlignerError
from aligner.services import edits
from aligner.services.project import Project, Recovery


def main() -> None:
    path = Path(sys.argv[1])
    take_over = sys.argv[2:] == ["take-over"]
    try:
        project = Project.open(path, take_over=take_over, recovery=Recovery.RECOVER)
    except AlignerError as exc:
        print(f"{exc.code} {exc.message}", flush=True)
        return
    print(f"open {os.getpid()} {project._working.database}", flush=True)
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        try:
            if command == "add":
                project.execute(edits.add("member", name=argument, role="Teacher"))
                print("ok", flush=True)
            elif command == "save":
                project.save()
                print("ok", flush=True)
            elif command == "names":
                print("|".join(m.name for m in project.members()), flush=True)
            elif command == "close":
                project.close()
                print("closed", flush=True)
                return
        except AlignerError as exc:
            print(f"{exc.code} {exc.message}", flush=True)


if __name__ == "__main__":
    main()
