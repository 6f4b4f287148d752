"""The one way the UI runs background work (after Anki's CollectionOp/QueryOp).

- `run_db(fn, on_done)`: database work, serialised on ONE worker thread (SQLite has one
  writer), result delivered on the GUI thread.
- `run(fn, on_done)`: other blocking work (network, printing, devices) on a small pool.
Errors go to `on_error` if given, else to the one `show_exception` hook. The GUI thread
never blocks on either.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from ui.qt import QObject, Signal

T = TypeVar("T")
log = logging.getLogger(__name__)


def _log_exception(exc: BaseException) -> None:
    log.error("background task failed", exc_info=exc)


class TaskManager(QObject):
    """Owns the executors; results hop back to the GUI thread through one signal."""

    _finished = Signal(object)

    def __init__(self, show_exception: Callable[[BaseException], None] | None = None) -> None:
        super().__init__()
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="linli-db")
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="linli-io")
        self._finished.connect(self._deliver)
        self.show_exception = show_exception or _log_exception
        self._closed = False

    def run_db(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Future[T]:
        return self._submit(self._db, fn, on_done, on_error)

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Future[T]:
        return self._submit(self._pool, fn, on_done, on_error)

    def _submit(
        self,
        executor: ThreadPoolExecutor,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None,
        on_error: Callable[[BaseException], None] | None,
    ) -> Future[T]:
        if self._closed:  # a late callback while the app shuts down: nothing runs any more
            late: Future[T] = Future()
            late.cancel()
            return late
        future = executor.submit(fn)
        future.add_done_callback(lambda f: self._finished.emit((f, on_done, on_error)))
        return future

    def _deliver(self, item: tuple[Future[Any], Any, Any]) -> None:
        future, on_done, on_error = item
        if self._closed or future.cancelled():
            return
        exc = future.exception()
        if exc is not None:
            (on_error or self.show_exception)(exc)
        elif on_done is not None:
            on_done(future.result())

    def shutdown(self) -> None:
        self._closed = True
        self._db.shutdown(wait=True)
        self._pool.shutdown(wait=True)
