"""The writer the crash loop kills: numbered transactions through the production code path.

Run as ``python crash_writer.py PROJECT K``. It opens the project the way the app does
(recovering what an earlier, killed writer left), prints ``ready``, then commits transaction
n = 1, 2, ...: one challenge (id OFFSET + n) and K outcomes under it, in one Project.execute. Only
after execute returns does it print n, so every printed number is an acknowledged commit.
"""

from __future__ import annotations

import sys
from pathlib import Path

from aligner.services.commands import InsertRows
from aligner.services.project import Project, Recovery
from aligner.storage import rows

#: Ids far above the sample district's, so transaction n owns challenge OFFSET + n.
OFFSET = 1_000_000


def transaction(n: int, children: int) -> InsertRows:
    parent = rows.pack("challenge", {"id": OFFSET + n, "title": f"txn {n}", "category": "equity"})
    outcomes = tuple(
        rows.pack("outcome", {"challenge_id": OFFSET + n, "name": f"txn {n}.{i}"})
        for i in range(children)
    )
    return InsertRows((parent, *outcomes), f"Crash-loop transaction {n}")


def main() -> None:
    path, children = Path(sys.argv[1]), int(sys.argv[2])
    project = Project.open(path, recovery=Recovery.RECOVER)
    with project.reading() as connection:
        done = connection.exec_driver_sql(
            f"SELECT coalesce(max(id) - {OFFSET}, 0) FROM challenge WHERE id > {OFFSET}"
        ).scalar_one()
    print("ready", flush=True)
    n = int(done)
    while True:
        n += 1
        project.execute(transaction(n, children))
        print(n, flush=True)


if __name__ == "__main__":
    main()
