"""The print queue against the virtual network printer over real TCP, with the real database.

Paper out, a connection cut mid-job, a printer that never comes back: the pickup stays
recorded, the job waits with a sentence for the clerk, and it prints exactly once later.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from drivers.printer.device import MSG_DROPPED, MSG_OFFLINE, MSG_PAPER_OUT, EscposPrinter
from drivers.printer.virtual import VirtualPrinter
from kiosk.db import Database
from kiosk.models import Bin, Order, OrderLine, Store
from kiosk.ports import (
    DeviceState,
    DeviceStatus,
    PaperStatus,
    PaperWidth,
    Printer,
    PrintOptions,
    utcnow,
)
from kiosk.printing.demo import DEMOS
from kiosk.printing.layout import Document
from kiosk.printing.queue import PrintDispatcher, PrintQueue, SlipQueue

ORDER = "LL-TEST-0001"


def record_pickup(db: Database) -> None:
    """A minimal picked-up order, inserted directly (the ledger services are not needed)."""
    with db.session() as s:
        s.add(Store(id="S1", name="邻里优选·测试店", address="测试路 1 号"))
        s.flush()
        s.add(Bin(code="A-01", store_id="S1"))
        s.flush()
        s.add(
            Order(
                id=ORDER,
                store_id="S1",
                pickup_code="123456",
                status="picked_up",
                bin_code="A-01",
                total_cents=3990,
                picked_up_at=utcnow(),
                lines=[
                    OrderLine(
                        sku="SKU1",
                        name="赣南脐橙，5斤",
                        qty=1,
                        unit="箱",
                        price_cents=3990,
                        picked_qty=1,
                    )
                ],
            )
        )


class CountingPrinter:
    """The real driver, counting the jobs it handed over (returned without an error)."""

    def __init__(self, inner: Printer) -> None:
        self.inner = inner
        self.delivered = 0

    def print_document(self, doc: Document, options: PrintOptions | None = None) -> None:
        self.inner.print_document(doc, options)
        self.delivered += 1

    def query_paper(self) -> PaperStatus:
        return self.inner.query_paper()

    def status(self) -> DeviceStatus:
        return self.inner.status()


def order_status(db: Database) -> str:
    with db.reader() as s:
        order = s.get(Order, ORDER)
        assert order is not None
        return order.status


@pytest.fixture
def vprinter(tmp_path: Path) -> Iterator[VirtualPrinter]:
    printer = VirtualPrinter(0, tmp_path / "jobs", PaperWidth.MM58).start()
    yield printer
    printer.stop()


def make_dispatcher(db: Database, printer: VirtualPrinter) -> tuple[PrintQueue, PrintDispatcher]:
    queue = PrintQueue(db)
    device = EscposPrinter(printer.uri, PrintOptions(paper=PaperWidth.MM58), timeout=1.0)
    return queue, PrintDispatcher(queue, device, retry_seconds=0.1, max_retry_seconds=0.2)


def test_paper_out_waits_with_reason_then_prints_exactly_once(
    db: Database, vprinter: VirtualPrinter
) -> None:
    record_pickup(db)
    queue, dispatcher = make_dispatcher(db, vprinter)
    vprinter.set_paper(PaperStatus.OUT)
    SlipQueue(queue).enqueue_receipt(ORDER)

    result = dispatcher.run_once()
    assert (result.printed, result.waiting, result.error) == (0, 1, MSG_PAPER_OUT)
    [job] = queue.pending()
    assert job.last_error == "Printer out of paper — load a new roll"
    assert job.attempts == 1
    assert order_status(db) == "picked_up"  # the pickup is untouched
    assert dispatcher.status().state is DeviceState.ERROR
    assert "load a new roll" in dispatcher.status().message
    assert vprinter.jobs == []  # nothing was sent into an empty printer

    vprinter.set_paper(PaperStatus.ADEQUATE)
    assert dispatcher.run_once().printed == 1
    assert dispatcher.run_once().printed == 0
    SlipQueue(queue).enqueue_receipt(ORDER)  # same order state: deduplicated
    assert dispatcher.run_once().printed == 0
    jobs = vprinter.wait_for_jobs(1)
    assert [j.printed for j in jobs] == [True]
    assert queue.pending() == []
    assert queue.jobs_for(ORDER)[0].status == "printed"
    assert jobs[0].png_path is not None and jobs[0].png_path.exists()
    assert any("赣南脐橙，5斤" in line for line in jobs[0].lines)
    assert jobs[0].overflow == []


def test_connection_dropped_mid_job_is_retried(db: Database, vprinter: VirtualPrinter) -> None:
    record_pickup(db)
    queue, dispatcher = make_dispatcher(db, vprinter)
    vprinter.drop_next_job_after(200)
    SlipQueue(queue).enqueue_receipt(ORDER)

    result = dispatcher.run_once()
    assert result.error == MSG_DROPPED and result.waiting == 1
    assert vprinter.wait_for_jobs(1)[0].reason == "connection dropped mid-job"

    assert dispatcher.run_once().printed == 1
    jobs = vprinter.wait_for_jobs(2)
    assert [j.printed for j in jobs] == [False, True]
    assert len(vprinter.printed_jobs()) == 1
    assert order_status(db) == "picked_up"


def test_printer_never_back_job_survives_restart(db: Database, vprinter: VirtualPrinter) -> None:
    record_pickup(db)
    queue, dispatcher = make_dispatcher(db, vprinter)
    vprinter.stop()  # switched off / unplugged
    SlipQueue(queue).enqueue_receipt(ORDER)
    assert dispatcher.run_once().error == MSG_OFFLINE
    path = db.path
    db.close()

    reopened = Database(path)  # the kiosk restarts
    try:
        queue2, dispatcher2 = make_dispatcher(reopened, vprinter)
        [job] = queue2.pending()
        assert job.ref == ORDER and job.last_error == MSG_OFFLINE
        assert dispatcher2.run_once().error == MSG_OFFLINE
        assert queue2.pending()[0].attempts == 2
        assert order_status(reopened) == "picked_up"
        vprinter.start()  # …and if it does come back one day, the slip prints once
        assert dispatcher2.run_once().printed == 1
        assert len(vprinter.wait_for_jobs(1)) == 1
    finally:
        reopened.close()


def test_background_dispatcher_retries_until_paper_is_back(
    db: Database, vprinter: VirtualPrinter
) -> None:
    record_pickup(db)
    queue, dispatcher = make_dispatcher(db, vprinter)
    vprinter.set_paper(PaperStatus.OUT)
    dispatcher.printer = counting = CountingPrinter(dispatcher.printer)
    rounds: list[DeviceStatus] = []
    changed = threading.Condition()

    def on_round(status: DeviceStatus) -> None:
        with changed:
            rounds.append(status)
            changed.notify_all()

    def wait_for(done: Callable[[], bool]) -> None:
        with changed:
            assert changed.wait_for(done, timeout=10), rounds

    dispatcher.board.add_listener(on_round)
    dispatcher.start()
    try:
        # returns at once: the pickup never waits (its time is in `python -m bench printing`)
        SlipQueue(queue).enqueue_receipt(ORDER)
        wait_for(lambda: sum(r.state is DeviceState.ERROR for r in rounds) >= 2)
        assert queue.pending()[0].attempts >= 2  # retried on its own
        vprinter.set_paper(PaperStatus.ADEQUATE)
        wait_for(lambda: rounds[-1].state is DeviceState.ONLINE)
        assert queue.pending() == []
    finally:
        dispatcher.stop()
    assert counting.delivered == 1  # the driver handed the slip over once...
    vprinter.wait_for_jobs(counting.delivered)  # ...and the printer recorded each hand-over
    assert len(vprinter.printed_jobs()) == 1


def test_silent_printer_paper_is_unknown_not_fine(vprinter: VirtualPrinter) -> None:
    device = EscposPrinter(vprinter.uri, timeout=0.3)
    assert device.query_paper() is PaperStatus.ADEQUATE
    vprinter.set_paper(PaperStatus.NEAR_END)
    assert device.query_paper() is PaperStatus.NEAR_END
    vprinter.set_silent(True)
    assert device.query_paper() is PaperStatus.UNKNOWN


def test_printer_without_back_channel_is_printed_to_blind(vprinter: VirtualPrinter) -> None:
    vprinter.set_silent(True)
    device = EscposPrinter(vprinter.uri, PrintOptions(paper=PaperWidth.MM58), timeout=0.3)
    device.print_document(DEMOS["label"]())
    [job] = vprinter.wait_for_jobs(1)
    assert job.printed and job.data.endswith(device.last_bytes)
    assert device.query_paper() is PaperStatus.UNKNOWN


def test_paper_low_still_prints_and_warns(vprinter: VirtualPrinter) -> None:
    vprinter.set_paper(PaperStatus.NEAR_END)
    device = EscposPrinter(vprinter.uri, PrintOptions(paper=PaperWidth.MM58), timeout=1.0)
    device.print_document(DEMOS["label"]())
    assert vprinter.wait_for_jobs(1)[0].printed
    assert device.status().message == "Paper is running low — have a new roll ready"
