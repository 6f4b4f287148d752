"""The sync engine: push the outbox, upload media, pull changes, refresh keys.

Exactly-once rests on three facts: every event has a stable event_id, the server answers a
replay with `duplicate`, and an event leaves `pending` only in the transaction that records
the server's answer. A crash anywhere before that transaction only means the batch is sent
again and comes back `duplicate`.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select, update

from kiosk.db import Database
from kiosk.errors import SyncError, SyncErrorKind
from kiosk.ledger.outbox import event_envelope
from kiosk.models import Media, OutboxEvent
from kiosk.platform import changes as change_format
from kiosk.platform.inbound import apply_page
from kiosk.platform.sync_status import (
    CURSOR,
    events_waiting,
    get_state,
    note_failure,
    note_success,
    read_sync_status,
)
from kiosk.ports import (
    ChangesPage,
    DeviceState,
    DeviceStatus,
    EventResult,
    EventStatus,
    StatusBoard,
    SyncStatus,
    utcnow,
)
from sync.client.anchor import ANCHOR, local_head, remember_anchor
from sync.client.http import AuditHead, HttpCentralApi
from sync.client.retry import RetryPolicy, call_with_retry

T = TypeVar("T")


@dataclass
class SyncReport:
    pushed: int = 0
    results: dict[str, int] = field(default_factory=dict)
    pulled: int = 0
    pages: int = 0
    media: int = 0
    media_skipped: int = 0
    keys: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "pushed": self.pushed,
            "results": self.results,
            "pulled": self.pulled,
            "pages": self.pages,
            "media": self.media,
            "media_skipped": self.media_skipped,
            "keys": self.keys,
        }


class SyncEngine:
    def __init__(
        self,
        db: Database,
        api: HttpCentralApi,
        *,
        policy: RetryPolicy | None = None,
        batch_size: int = 200,
        page_size: int = 500,
        board: StatusBoard | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.db = db
        self.api = api
        self.policy = policy or RetryPolicy()
        self.batch_size = batch_size
        self.page_size = page_size
        self.board = board or StatusBoard("sync", DeviceState.CONNECTING, "starting")
        self._sleep = sleep
        self._anchored: AuditHead | None = None

    # --- status --------------------------------------------------------------------------
    def status(self) -> DeviceStatus:
        return self.board.current

    def sync_status(self) -> SyncStatus:
        with self.db.reader() as s:
            return read_sync_status(s)

    def _retry(self, fn: Callable[[], T]) -> T:
        def noting(exc: SyncError, attempt: int, pause: float) -> None:
            self.board.set(
                DeviceState.OFFLINE,
                f"{exc} (attempt {attempt}, next in {pause:.1f} s)",
                error=str(exc),
            )

        return call_with_retry(fn, self.policy, sleep=self._sleep, on_retry=noting)

    # --- push ----------------------------------------------------------------------------
    def push(self, report: SyncReport) -> None:
        """Send pending events in seq order, batch by batch, settling each batch's answers.
        Every push carries the audit chain's head, so the platform holds an anchor outside
        this database; with nothing to send, the head alone goes when it moved."""
        while True:
            with self.db.reader() as s:
                batch = list(
                    s.scalars(
                        select(OutboxEvent)
                        .where(OutboxEvent.status == "pending")
                        .order_by(OutboxEvent.seq)
                        .limit(self.batch_size)
                    )
                )
                envelopes = [event_envelope(ev) for ev in batch]
                head = local_head(s)
                anchored = get_state(s, ANCHOR)
            if not batch:
                if head is not None and anchored != f"{head.position}:{head.hash}":
                    self._anchor(self._retry(lambda h=head: self.api.push_batch([], h))[1])  # type: ignore[misc]
                return
            results = self._send(envelopes, head)
            self._settle([ev.event_id for ev in batch], results, report)
            report.pushed += len(batch)

    def _anchor(self, acknowledged: AuditHead | None) -> None:
        """Remember the head the platform now holds (one write per change, not per batch)."""
        if acknowledged is None or acknowledged == self._anchored:
            return
        with self.db.session() as s:
            remember_anchor(s, acknowledged)
        self._anchored = acknowledged

    def _send(
        self, envelopes: list[dict[str, Any]], head: AuditHead | None = None
    ) -> tuple[EventResult, ...]:
        """Send one batch. If the platform refuses the whole request (a 4xx other than 401),
        split it until the refused event is alone and answer `rejected` for it only, so one
        bad record never holds back the others."""
        try:
            results, acknowledged = self._retry(lambda: self.api.push_batch(envelopes, head))
            self._anchor(acknowledged)
            return results
        except SyncError as exc:
            if exc.kind is not SyncErrorKind.REJECTED:
                raise
            if len(envelopes) == 1:
                return (EventResult(str(envelopes[0]["event_id"]), EventStatus.REJECTED, str(exc)),)
        half = len(envelopes) // 2
        return self._send(envelopes[:half], head) + self._send(envelopes[half:], head)

    def _settle(self, ids: list[str], results: tuple[EventResult, ...], report: SyncReport) -> None:
        """One transaction: every answered event leaves `pending` (one UPDATE per outcome)."""
        groups: dict[tuple[str, str, bool], list[str]] = {}
        answered = set(ids)
        for r in results:
            if r.event_id not in answered:
                continue
            answered.discard(r.event_id)
            status = r.status
            if status is EventStatus.DUPLICATE and r.first_status is EventStatus.CONFLICT:
                status = EventStatus.CONFLICT  # the first answer was lost on the way
            # rejected: kept, shown, never re-sent on its own; conflict: settled + manager
            manager = status in (EventStatus.CONFLICT, EventStatus.REJECTED)
            groups.setdefault((status.value, r.reason, manager), []).append(r.event_id)
            report.results[r.status.value] = report.results.get(r.status.value, 0) + 1
        now = utcnow()
        with self.db.session() as s:
            s.execute(
                update(OutboxEvent)
                .where(OutboxEvent.event_id.in_(ids))
                .values(attempts=OutboxEvent.attempts + 1)
            )
            for (outcome, reason, manager), event_ids in groups.items():
                s.execute(
                    update(OutboxEvent)
                    .where(OutboxEvent.event_id.in_(event_ids), OutboxEvent.status == "pending")
                    .values(
                        status=outcome,
                        reason=reason or None,
                        needs_manager=manager,
                        settled_at=None if outcome == "rejected" else now,
                    )
                )
        if answered:
            raise SyncError(
                SyncErrorKind.PROTOCOL,
                f"The platform did not answer for {len(answered)} event(s); they stay queued.",
            )

    # --- media ---------------------------------------------------------------------------
    def upload_media(self, report: SyncReport) -> None:
        """Upload photos/PDFs not yet on the platform. A file that is missing, damaged (its
        bytes no longer match its sha256) or refused is skipped and counted, never blocking
        the events and orders behind it."""
        with self.db.reader() as s:
            todo = [
                (m.sha256, m.path, m.mime)
                for m in s.scalars(
                    select(Media).where(Media.uploaded_at.is_(None)).order_by(Media.created_at)
                )
            ]
        for sha, path, mime in todo:
            file = Path(path)
            if not file.is_absolute():
                file = self.db.path.parent / file
            try:
                data = file.read_bytes()
            except OSError:
                report.media_skipped += 1
                continue
            if hashlib.sha256(data).hexdigest() != sha:
                report.media_skipped += 1
                continue
            try:
                self._retry(lambda d=data, h=sha, m=mime: self.api.put_media(h, d, m))  # type: ignore[misc]
            except SyncError as exc:
                if exc.kind is not SyncErrorKind.REJECTED:
                    raise
                report.media_skipped += 1
                continue
            with self.db.session() as s:
                row = s.get(Media, sha)
                if row is not None:
                    row.uploaded_at = utcnow()
            report.media += 1

    # --- pull ----------------------------------------------------------------------------
    def pull(self, report: SyncReport) -> None:
        """Take in changes page by page; each page and its cursor land in one transaction.

        The next page is fetched while the current one is applied (one helper thread, one
        request at a time): only a page's own transaction moves the stored cursor, so a
        failure anywhere just drops the page fetched ahead.
        """
        with self.db.reader() as s:
            cursor = get_state(s, CURSOR) or "0"

        def fetch(c: str) -> ChangesPage:
            return self._retry(lambda: self.api.pull_changes(c, self.page_size))

        ahead = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-pull")
        try:
            pending: Future[ChangesPage] = ahead.submit(fetch, cursor)
            while True:
                page = pending.result()
                if page.has_more:
                    pending = ahead.submit(fetch, page.next_cursor)
                if page.changes or page.next_cursor != cursor:
                    apply_page(self.db, page.changes, page.next_cursor)
                    report.pulled += len(page.changes)
                    report.pages += 1
                cursor = page.next_cursor
                if not page.has_more:
                    return
        finally:
            ahead.shutdown(wait=False, cancel_futures=True)  # never wait for a page ahead

    def refresh_keys(self, report: SyncReport) -> None:
        keys = self._retry(self.api.keys)
        try:
            with self.db.session() as s:  # all or nothing: a bad key keeps the old set
                for k in keys:
                    change_format.add_platform_key(s, k.key_id, k.public_key, revoked=k.revoked)
        except ValueError as exc:  # not base64, not 32 bytes
            raise SyncError(
                SyncErrorKind.PROTOCOL,
                f"The platform sent a key this kiosk "
                f"cannot use ({exc}); keys are kept as they were.",
            ) from exc
        report.keys = len(keys)

    # --- whole runs ----------------------------------------------------------------------
    def run_once(self, *, keys: bool = True) -> SyncReport:
        """Push, upload, pull until nothing is left. Raises SyncError when it cannot."""
        report = SyncReport()
        if self.board.current.state is not DeviceState.ONLINE:  # no flicker while healthy
            self.board.set(DeviceState.CONNECTING, "syncing with the central platform")
        try:
            self.push(report)
            self.upload_media(report)
            self.pull(report)
            if keys:
                self.refresh_keys(report)
        except SyncError as exc:
            self._record_failure(exc)
            raise
        with self.db.session() as s:
            note_success(s)
            waiting = events_waiting(s)
        self.board.set(DeviceState.ONLINE, f"in sync; {waiting} event(s) waiting")
        return report

    def _record_failure(self, exc: SyncError) -> None:
        auth = exc.kind is SyncErrorKind.AUTH
        with self.db.session() as s:
            note_failure(s, str(exc), reenroll=auth)
        state = (
            DeviceState.ERROR if auth or exc.kind is SyncErrorKind.PROTOCOL else DeviceState.OFFLINE
        )
        self.board.set(state, str(exc), error=str(exc))

    def run_forever(self, stop: threading.Event, *, interval_s: float = 15.0) -> None:
        """Sync every `interval_s`; after failures wait by the backoff policy. Stops on AUTH."""
        failures = 0
        while not stop.is_set():
            try:
                self.run_once(keys=failures == 0)
                failures = 0
                stop.wait(interval_s)
            except SyncError as exc:
                if exc.kind is SyncErrorKind.AUTH:
                    return
                stop.wait(self.policy.delay(failures))
                failures += 1
