"""Run long work off the GUI thread; deliver results on the GUI thread (Anki's TaskManager shape).

One worker for anything that touches the project's database (SQLite has one writer), a small
pool for pure computation. Workers get values, a progress callback and a cancel token, never
widgets. Completion comes back through a queued signal and runs on the GUI thread.
Tests inject ``ImmediateTaskRunner``, which runs everything inline.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Protocol, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")


class CancelledError(Exception):
    """Raised inside a job that noticed its cancel token."""


class CancelToken:
    """Set by the GUI when the user presses Cancel; jobs check it between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise CancelledError


#: progress(done, total, what) -> None; callable from a worker thread.
Progress = Callable[[int, int, str], None]
#: A long job: job(progress, token) -> result.
Job = Callable[[Progress, CancelToken], T]


class Runner(Protocol):
    def submit(
        self,
        fn: Callable[[], T],
        on_done: Callable[[Future[T]], None],
        *,
        uses_db: bool = True,
    ) -> Future[T]: ...

    def post(self, closure: Callable[[], None]) -> None: ...

    def shutdown(self) -> None: ...


class TaskRunner(QObject):
    """Thread pools whose completions run on the GUI thread."""

    _pending = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="aligner-db")
        workers = max(1, min(4, (os.cpu_count() or 2) - 1))
        self._cpu = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="aligner-cpu")
        self._done: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        # Queued: emitted from a worker thread, the slot runs in this object's (GUI) thread.
        self._pending.connect(self._drain, Qt.ConnectionType.QueuedConnection)

    def submit(
        self,
        fn: Callable[[], T],
        on_done: Callable[[Future[T]], None],
        *,
        uses_db: bool = True,
    ) -> Future[T]:
        future = (self._db if uses_db else self._cpu).submit(fn)
        future.add_done_callback(lambda f: self.post(partial(on_done, f)))
        return future

    def post(self, closure: Callable[[], None]) -> None:
        """Run ``closure`` on the GUI thread soon; safe to call from any thread."""
        self._done.put(closure)
        self._pending.emit()

    def _drain(self) -> None:
        while True:
            try:
                closure = self._done.get_nowait()
            except queue.Empty:
                return
            closure()

    def shutdown(self) -> None:
        self._db.shutdown(wait=True, cancel_futures=True)
        self._cpu.shutdown(wait=True, cancel_futures=True)


class ImmediateTaskRunner:
    """Runs every job inline on the calling thread: deterministic, for tests."""

    def submit(
        self,
        fn: Callable[[], T],
        on_done: Callable[[Future[T]], None],
        *,
        uses_db: bool = True,
    ) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn())
        except BaseException as exc:  # delivered to on_done like a worker's failure
            future.set_exception(exc)
        on_done(future)
        return future

    def post(self, closure: Callable[[], None]) -> None:
        closure()

    def shutdown(self) -> None:
        return None


def run_with_progress(
    parent: QWidget,
    runner: Runner,
    title: str,
    job: Job[T],
    on_done: Callable[[Future[T]], None],
    *,
    uses_db: bool = True,
) -> CancelToken:
    """Run ``job`` with a modal progress dialog whose Cancel sets the job's token."""
    token = CancelToken()
    dialog = QProgressDialog(title, parent.tr("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.canceled.connect(token.cancel)

    def progress(done: int, total: int, what: str) -> None:
        runner.post(partial(_show_progress, dialog, done, total, what))

    def finished(future: Future[T]) -> None:
        dialog.reset()
        dialog.deleteLater()
        on_done(future)

    runner.submit(lambda: job(progress, token), finished, uses_db=uses_db)
    return token


def _show_progress(dialog: QProgressDialog, done: int, total: int, what: str) -> None:
    dialog.setMaximum(max(total, 0))
    dialog.setValue(done)
    if what:
        dialog.setLabelText(what)
