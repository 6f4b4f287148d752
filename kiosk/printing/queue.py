"""The persistent print queue and the dispatcher that empties it.

A slip is queued in a database transaction (the caller's, or its own short one) and printed
later by one background thread, so a printer that is off, out of paper or unplugged mid-job
never blocks or undoes the pickup the slip belongs to. The job waits with the printer's own
sentence ("Printer out of paper — load a new roll") and is retried until it goes through.

Exactly once: a job is marked printed with `UPDATE … WHERE status = 'pending'` right after
the printer acknowledged it, and only pending jobs are ever sent. The one gap a queue cannot
close is a crash between the printer's acknowledgement and that commit: then the slip prints
again after the restart (a duplicate receipt, never a lost one).
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Result, func, select, update
from sqlalchemy.orm import Session

from kiosk.db import Database
from kiosk.errors import DeviceError, DeviceErrorKind
from kiosk.models.printing import PrintJob
from kiosk.ports import DeviceState, DeviceStatus, Printer, StatusBoard, utcnow
from kiosk.printing import documents, gather
from kiosk.printing.layout import Document, document_from_json, document_to_json

log = logging.getLogger(__name__)
PENDING, PRINTED, CANCELLED = "pending", "printed", "cancelled"


@dataclass(frozen=True, slots=True)
class QueuedJob:
    """A read-only view of a queued job for the GUI and the CLI."""

    id: str
    kind: str
    ref: str
    status: str
    attempts: int
    last_error: str | None
    created_at: datetime
    printed_at: datetime | None


def _changed(result: Result[Any]) -> bool:
    """Whether an UPDATE touched a row (its guard held)."""
    return bool(cast(CursorResult[Any], result).rowcount)


def _view(job: PrintJob) -> QueuedJob:
    return QueuedJob(
        job.id,
        job.kind,
        job.ref,
        job.status,
        job.attempts,
        job.last_error,
        job.created_at,
        job.printed_at,
    )


def enqueue_in(s: Session, doc: Document, *, ref: str = "", dedupe_key: str | None = None) -> str:
    """Queue `doc` in the caller's transaction; with a `dedupe_key` already queued, returns
    the existing job's id and queues nothing."""
    if dedupe_key is not None:
        existing = s.scalars(select(PrintJob.id).where(PrintJob.dedupe_key == dedupe_key)).first()
        if existing is not None:
            return existing
    job = PrintJob(
        id=str(uuid.uuid4()),
        kind=doc.kind,
        ref=ref,
        dedupe_key=dedupe_key,
        document=document_to_json(doc),
        status=PENDING,
        attempts=0,
        created_at=utcnow(),
    )
    s.add(job)
    s.flush()
    return job.id


def enqueue_receipt_in(s: Session, order_id: str) -> str:
    """Queue an order's receipt in the caller's transaction (the pickup's own, so a crash
    can never leave a pickup without its slip); the same order state queues one receipt.
    Wake the dispatcher (`PrintQueue.notify`) after the commit."""
    doc = documents.receipt(gather.receipt_data(s, order_id))
    return enqueue_in(s, doc, ref=order_id, dedupe_key=gather.receipt_dedupe_key(s, order_id))


class PrintQueue:
    """Queue operations on one database; `on_enqueued` wakes the dispatcher."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._listeners: list[threading.Event] = []

    def enqueue(self, doc: Document, *, ref: str = "", dedupe_key: str | None = None) -> str:
        with self.db.session() as s:
            job_id = enqueue_in(s, doc, ref=ref, dedupe_key=dedupe_key)
        self.notify()
        return job_id

    def add_wakeup(self, event: threading.Event) -> None:
        """`event` is set whenever a job is queued (the dispatcher waits on it)."""
        self._listeners.append(event)

    def notify(self) -> None:
        for event in self._listeners:
            event.set()

    def pending(self) -> list[QueuedJob]:
        with self.db.reader() as s:
            rows = s.scalars(
                select(PrintJob)
                .where(PrintJob.status == PENDING)
                .order_by(PrintJob.created_at, PrintJob.id)
            )
            return [_view(j) for j in rows]

    def get(self, job_id: str) -> QueuedJob | None:
        with self.db.reader() as s:
            job = s.get(PrintJob, job_id)
            return _view(job) if job else None

    def jobs_for(self, ref: str) -> list[QueuedJob]:
        with self.db.reader() as s:
            rows = s.scalars(
                select(PrintJob).where(PrintJob.ref == ref).order_by(PrintJob.created_at)
            )
            return [_view(j) for j in rows]

    def cancel(self, job_id: str) -> bool:
        """The clerk gave up on a waiting slip; True if it was still waiting."""
        with self.db.session() as s:
            result = s.execute(
                update(PrintJob)
                .where(PrintJob.id == job_id, PrintJob.status == PENDING)
                .values(status=CANCELLED)
            )
        return _changed(result)

    def reprint(self, job_id: str) -> str:
        """A new job with the same document (a copy the clerk asked for)."""
        with self.db.session() as s:
            job = s.get(PrintJob, job_id)
            if job is None:
                raise KeyError(job_id)
            new_id = enqueue_in(s, document_from_json(job.document), ref=job.ref)
        self.notify()
        return new_id


class SlipQueue:
    """The flows' sinks: the ledger's `ReceiptSink` (`enqueue_receipt`), the handover
    flow's `HandoverSlipSink` (`enqueue_handover_slip`), the check-in desk's
    `CheckinSheetSink` (`enqueue_checkin_sheet`) and the shift report. Call them
    after the flow's transaction committed: each opens its own short transaction.

    A slip that cannot be queued is logged, shown on the status board and raised (the flows
    catch it and tell the clerk); the pickup or handover itself is already committed.
    """

    def __init__(self, queue: PrintQueue, board: StatusBoard | None = None) -> None:
        self.queue = queue
        self.board = board

    def enqueue_receipt(self, order_id: str) -> None:
        self._enqueue(
            "receipt",
            order_id,
            lambda s: (
                documents.receipt(gather.receipt_data(s, order_id)),
                gather.receipt_dedupe_key(s, order_id),
            ),
        )

    def enqueue_handover_slip(self, handover_id: str) -> None:
        self._enqueue(
            "handover slip",
            handover_id,
            lambda s: (
                documents.handover(gather.handover_data(s, handover_id)),
                f"handover:{handover_id}",
            ),
        )

    def enqueue_checkin_sheet(self, batch_id: str) -> None:
        self._enqueue(
            "check-in sheet",
            batch_id,
            lambda s: (documents.checkin(gather.checkin_data(s, batch_id)), None),
        )

    def enqueue_shift_report(self, shift_id: str) -> None:
        """The shift report (asking twice queues one; an interim report of an open shift
        does not stand in for the closing one)."""

        def build(s: Session) -> tuple[Document, str | None]:
            data = gather.shift_data(s, shift_id)
            state = "open" if data.closed_at is None else "closed"
            return documents.shift_report(data), f"shift:{shift_id}:{state}"

        self._enqueue("shift report", shift_id, build)

    def _enqueue(
        self, what: str, ref: str, build: Callable[[Session], tuple[Document, str | None]]
    ) -> None:
        try:
            with self.queue.db.session() as s:
                doc, key = build(s)
                enqueue_in(s, doc, ref=ref, dedupe_key=key)
        except Exception as exc:
            log.exception("%s for %s could not be queued", what, ref)
            if self.board is not None:
                self.board.set(
                    DeviceState.ERROR,
                    f"The {what} for {ref} could not be queued: {exc}",
                    error=str(exc),
                    code="slip_not_queued",
                )
            raise
        self.queue.notify()


@dataclass(frozen=True, slots=True)
class DispatchResult:
    printed: int
    waiting: int
    error: str | None  # the printer's sentence when it stopped the round


class PrintDispatcher:
    """Sends pending jobs, oldest first, through one Printer on one background thread."""

    def __init__(
        self,
        queue: PrintQueue,
        printer: Printer,
        *,
        retry_seconds: float = 3.0,
        max_retry_seconds: float = 30.0,
        board: StatusBoard | None = None,
    ) -> None:
        self.queue = queue
        self.db = queue.db
        self.printer = printer
        self.retry_seconds = retry_seconds
        self.max_retry_seconds = max_retry_seconds
        self.board = board or StatusBoard("print-queue", DeviceState.WAITING, "No slips waiting")
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._round = threading.Lock()
        self._thread: threading.Thread | None = None
        queue.add_wakeup(self._wake)

    def status(self) -> DeviceStatus:
        return self.board.current

    def run_once(self) -> DispatchResult:
        """Print every pending job until the printer fails; safe to call from any thread
        (rounds never overlap, so no job is sent twice by two callers)."""
        with self._round:
            return self._round_unlocked()

    def _round_unlocked(self) -> DispatchResult:
        printed, error = 0, None
        while not self._stop.is_set():
            job = self._next_job()
            if job is None:
                break
            job_id, doc = job
            if doc is None:
                continue  # malformed; it was cancelled with a reason
            try:
                self.printer.print_document(doc)
            except DeviceError as exc:
                error = str(exc)
                self._record_failure(job_id, exc.kind.value, error)
                break
            except (ValueError, TypeError) as exc:  # this document can never print: skip it
                log.warning("print job %s cannot be rendered: %s", job_id, exc)
                self._cancel(job_id, f"This slip cannot be printed: {exc}")
                continue
            except Exception as exc:  # a driver bug must not kill the queue
                log.exception("printer driver failed on job %s", job_id)
                error = f"Printer driver failed: {exc}"
                self._record_failure(job_id, DeviceErrorKind.OTHER.value, error)
                break
            if self._mark_printed(job_id):
                printed += 1
        waiting = self._count_pending()
        self._show(waiting, error)
        return DispatchResult(printed, waiting, error)

    def _next_job(self) -> tuple[str, Document | None] | None:
        with self.db.reader() as s:
            job = s.scalars(
                select(PrintJob)
                .where(PrintJob.status == PENDING)
                .order_by(PrintJob.created_at, PrintJob.id)
                .limit(1)
            ).first()
            if job is None:
                return None
            job_id, stored = job.id, job.document
        try:
            return job_id, document_from_json(stored)
        except ValueError as exc:
            self._cancel(job_id, str(exc))
            return job_id, None

    def _mark_printed(self, job_id: str) -> bool:
        now = utcnow()
        with self.db.session() as s:
            result = s.execute(
                update(PrintJob)
                .where(PrintJob.id == job_id, PrintJob.status == PENDING)
                .values(
                    status=PRINTED,
                    printed_at=now,
                    last_attempt_at=now,
                    attempts=PrintJob.attempts + 1,
                    last_error=None,
                    last_error_kind=None,
                )
            )
        return _changed(result)

    def _cancel(self, job_id: str, reason: str) -> None:
        with self.db.session() as s:
            s.execute(
                update(PrintJob)
                .where(PrintJob.id == job_id, PrintJob.status == PENDING)
                .values(
                    status=CANCELLED,
                    last_error=reason,
                    last_error_kind="bad_data",
                    attempts=PrintJob.attempts + 1,
                    last_attempt_at=utcnow(),
                )
            )

    def _record_failure(self, job_id: str, kind: str, message: str) -> None:
        with self.db.session() as s:
            s.execute(
                update(PrintJob)
                .where(PrintJob.id == job_id, PrintJob.status == PENDING)
                .values(
                    attempts=PrintJob.attempts + 1,
                    last_error=message,
                    last_error_kind=kind,
                    last_attempt_at=utcnow(),
                )
            )

    def _count_pending(self) -> int:
        with self.db.reader() as s:
            return int(
                s.scalar(
                    select(func.count()).select_from(PrintJob).where(PrintJob.status == PENDING)
                )
                or 0
            )

    def _show(self, waiting: int, error: str | None) -> None:
        if error:
            self.board.set(
                DeviceState.ERROR,
                f"{waiting} slip(s) waiting: {error}",
                error=error,
                code="slips_failed",
                params={"waiting": waiting},
            )
        elif waiting:
            self.board.set(
                DeviceState.WAITING,
                f"{waiting} slip(s) waiting to print",
                code="slips_waiting",
                params={"waiting": waiting},
            )
        else:
            self.board.set(DeviceState.ONLINE, "All slips printed", code="slips_done")

    # --- background thread -------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="print-dispatcher", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self._thread = None

    def wake(self) -> None:
        self._wake.set()

    def _loop(self) -> None:
        failures = 0
        while not self._stop.is_set():
            self._wake.clear()
            try:
                result = self.run_once()
            except Exception:  # database trouble: keep the thread, try again later
                log.exception("print dispatcher round failed")
                result = DispatchResult(0, 1, "print queue error")
            if result.waiting == 0 or result.error is None:
                failures = 0
                self._wake.wait()  # until a new job is queued (or `wake()` from a Retry button)
            else:
                failures += 1
                delay = min(self.retry_seconds * 2 ** min(failures - 1, 10), self.max_retry_seconds)
                self._wake.wait(delay)
