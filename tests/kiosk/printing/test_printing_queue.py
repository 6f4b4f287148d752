"""The print queue's bookkeeping on a real database, with a scripted printer at the port
(the TCP/ESC/POS path is covered in tests/drivers/printer)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PIL import Image as PILImage

from kiosk.db import Database
from kiosk.errors import DeviceError, DeviceErrorKind, UserFacingError
from kiosk.models import Batch, Bin, Handover, Leader, Order, OrderLine, Staff, Store
from kiosk.models.printing import PrintJob
from kiosk.ports import DeviceState, DeviceStatus, PaperStatus, PaperWidth, PrintOptions
from kiosk.printing import documents, gather
from kiosk.printing.demo import DEMOS
from kiosk.printing.layout import Columns, Document, Text
from kiosk.printing.preview import preview_image
from kiosk.printing.queue import PrintDispatcher, PrintQueue, SlipQueue, enqueue_receipt_in

AT = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


class ScriptedPrinter:
    """Fails with the queued errors first, then prints (records) every document."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.printed: list[Document] = []

    def status(self) -> DeviceStatus:
        return DeviceStatus("scripted", DeviceState.ONLINE)

    def query_paper(self) -> PaperStatus:
        return PaperStatus.UNKNOWN

    def print_document(self, doc: Document, options: PrintOptions | None = None) -> None:
        if self.errors:
            raise self.errors.pop(0)
        self.printed.append(doc)


def seed(db: Database) -> None:
    with db.session() as s:
        s.add(Store(id="S1", name="幸福里自提点", address="文三路 88 号"))
        s.flush()
        s.add_all(
            [
                Bin(code="B-07", store_id="S1"),
                Staff(id="U1", store_id="S1", name="王小梅", role="clerk"),
                Leader(id="L1", store_id="S1", name="李团长", community="幸福里"),
                Batch(id="B1", store_id="S1", arrived_at=AT, temperature_c=3.5, checked_in_by="U1"),
            ]
        )
        s.flush()
        s.add(
            Order(
                id="O1",
                store_id="S1",
                batch_id="B1",
                pickup_code="358214",
                status="picked_up",
                bin_code="B-07",
                total_cents=5160,
                picked_up_at=AT,
                lines=[
                    OrderLine(
                        sku="E30",
                        name="土鸡蛋 30枚",
                        qty=2,
                        unit="盒",
                        price_cents=2580,
                        picked_qty=2,
                        received_qty=1,
                        condition="damaged",
                    )
                ],
            )
        )
        s.add(
            Handover(
                id="H1",
                store_id="S1",
                leader_id="L1",
                staff_id="U1",
                confirmed_by="badge",
                order_ids=["O1"],
                bag_count=2,
                at=AT,
            )
        )


def texts(doc: Document) -> str:
    out = []
    for b in doc.blocks:
        if isinstance(b, Text):
            out.append(b.text)
        elif isinstance(b, Columns):
            out.append(b.left + b.right)
    return "\n".join(out)


def test_documents_gathered_from_the_database(db: Database) -> None:
    seed(db)
    with db.reader() as s:
        receipt = documents.receipt(gather.receipt_data(s, "O1", clerk="王小梅"))
        slip = documents.handover(gather.handover_data(s, "H1"))
        sheet = documents.checkin(gather.checkin_data(s, "B1"))
    body = texts(receipt)
    for part in (
        "幸福里自提点",
        "O1",
        "358214",
        "B-07",
        "土鸡蛋 30枚",
        "￥51.60",
        "王小梅",
        "2026-11-25 18:00",
    ):
        assert part in body
    assert "李团长" in texts(slip) and "袋数：2" in texts(slip)
    assert "破损 1/2" in texts(sheet) and "3.5℃" in texts(sheet)


def test_enqueue_is_deduplicated_and_dispatch_marks_printed_once(db: Database) -> None:
    seed(db)
    queue = PrintQueue(db)
    sink = SlipQueue(queue)
    sink.enqueue_receipt("O1")
    sink.enqueue_receipt("O1")
    assert len(queue.pending()) == 1
    printer = ScriptedPrinter(
        DeviceError(DeviceErrorKind.PAPER_OUT, "Printer out of paper — load a new roll")
    )
    dispatcher = PrintDispatcher(queue, printer)
    first = dispatcher.run_once()
    assert (first.printed, first.waiting) == (0, 1)
    assert queue.pending()[0].last_error == "Printer out of paper — load a new roll"
    assert dispatcher.run_once().printed == 1
    assert dispatcher.run_once().printed == 0
    assert len(printer.printed) == 1 and printer.printed[0].kind == "receipt"
    assert dispatcher.status().state is DeviceState.ONLINE


def test_a_receipt_queued_in_the_callers_transaction_stands_or_falls_with_it(db: Database) -> None:
    seed(db)
    queue = PrintQueue(db)
    with pytest.raises(RuntimeError), db.session() as s:
        enqueue_receipt_in(s, "O1")
        raise RuntimeError("the pickup failed after queueing")
    assert queue.pending() == []  # rolled back with it: no slip for a pickup that never was
    with db.session() as s:
        job_id = enqueue_receipt_in(s, "O1")
        assert enqueue_receipt_in(s, "O1") == job_id  # same order state: one receipt
    [job] = queue.pending()
    assert (job.id, job.kind, job.ref) == (job_id, "receipt", "O1")


def test_receipt_for_unknown_order_is_refused_in_plain_words(db: Database) -> None:
    queue = PrintQueue(db)
    from kiosk.ports import StatusBoard

    board = StatusBoard("print-queue")
    with pytest.raises(UserFacingError, match="order NOPE not found"):
        SlipQueue(queue, board).enqueue_receipt("NOPE")  # the flow shows this sentence
    assert queue.pending() == []
    assert "NOPE" in board.current.message and board.current.state is DeviceState.ERROR


def test_malformed_stored_job_is_cancelled_with_reason_and_queue_moves_on(db: Database) -> None:
    queue = PrintQueue(db)
    bad = queue.enqueue(DEMOS["label"]())
    good = queue.enqueue(DEMOS["shift"]())
    with db.session() as s:
        job = s.get(PrintJob, bad)
        assert job is not None
        job.document = {"kind": "label", "title": "x", "blocks": [{"type": "hologram"}]}
    printer = ScriptedPrinter()
    result = PrintDispatcher(queue, printer).run_once()
    assert result.printed == 1
    cancelled = queue.get(bad)
    assert cancelled is not None and cancelled.status == "cancelled"
    assert "unknown block type" in (cancelled.last_error or "")
    assert queue.get(good) is not None and printer.printed[0].kind == "shift"


def test_cancel_and_reprint(db: Database) -> None:
    queue = PrintQueue(db)
    job = queue.enqueue(DEMOS["label"](), ref="RD-1")
    assert queue.cancel(job) is True
    assert queue.cancel(job) is False
    again = queue.reprint(job)
    assert [j.id for j in queue.pending()] == [again]


def test_preview_is_paper_wide_and_has_ink() -> None:
    for paper in PaperWidth:
        img = preview_image(DEMOS["receipt"](), paper)
        assert img.width == paper.dots + 2 * 24 + 32
        gray = img.convert("L").crop((40, 40, img.width - 40, img.height - 40))
        dark = sum(gray.histogram()[:100])
        assert dark > 5000  # text and the QR really drawn
        assert isinstance(img, PILImage.Image)


def test_provisional_offline_pickup_gets_an_honest_receipt(db: Database) -> None:
    seed(db)
    with db.session() as s:
        s.add(
            Order(
                id="O-OFF",
                store_id="S1",
                pickup_code="999999",
                status="picked_up",
                provisional=True,
                picked_up_at=AT,
                total_cents=0,
            )
        )
    with db.reader() as s:
        body = texts(documents.receipt(gather.receipt_data(s, "O-OFF")))
    assert "订单明细待同步" in body and "合计：待同步" in body and "￥0.00" not in body


def test_concurrent_rounds_never_print_a_job_twice(db: Database) -> None:
    import threading

    callers = 4
    started = threading.Semaphore(0)

    class HoldingPrinter(ScriptedPrinter):
        """Holds the first job until every caller has started its round, so they contend."""

        def print_document(self, doc: Document, options: PrintOptions | None = None) -> None:
            if not self.printed:
                for _ in range(callers):
                    assert started.acquire(timeout=10)
            super().print_document(doc, options)

    queue = PrintQueue(db)
    for kind in ("label", "shift", "receipt"):
        queue.enqueue(DEMOS[kind]())
    printer = HoldingPrinter()
    dispatcher = PrintDispatcher(queue, printer)

    def caller() -> None:
        started.release()
        dispatcher.run_once()

    threads = [threading.Thread(target=caller) for _ in range(callers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(d.kind for d in printer.printed) == ["label", "receipt", "shift"]


def test_a_slip_the_driver_cannot_render_is_cancelled_not_retried_forever(db: Database) -> None:
    class Picky(ScriptedPrinter):
        def print_document(self, doc: Document, options: PrintOptions | None = None) -> None:
            if doc.kind == "label":
                raise ValueError("picture 900 dots wide does not fit 576 dots")
            super().print_document(doc, options)

    queue = PrintQueue(db)
    bad = queue.enqueue(DEMOS["label"]())
    queue.enqueue(DEMOS["shift"]())
    printer = Picky()
    assert PrintDispatcher(queue, printer).run_once().printed == 1
    job = queue.get(bad)
    assert job is not None and job.status == "cancelled"
    assert (
        job.last_error == "This slip cannot be printed: picture 900 dots wide does not fit 576 dots"
    )


def test_barcode_refuses_what_code128_cannot_carry() -> None:
    from kiosk.printing.layout import Barcode

    with pytest.raises(ValueError, match="printable ASCII"):
        Barcode("订单123")
    with pytest.raises(ValueError, match="out of range"):
        Barcode("A1", height=0)
