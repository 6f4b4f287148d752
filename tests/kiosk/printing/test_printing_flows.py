"""The counter flows with the real print queue as their sinks: a confirmed pickup queues one
receipt naming the clerk; a printer that fails never touches the pickup."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))  # the ledger tests' known store

from ledger_world import World, make_world

from kiosk.db import Database
from kiosk.errors import DeviceError, DeviceErrorKind
from kiosk.flows.handover import HandoverFlow, HandoverStep
from kiosk.flows.pickup import PickupFlow, PickupStep, ReceiptSink
from kiosk.models import Order
from kiosk.ports import DeviceState, DeviceStatus, PaperStatus, PrintOptions
from kiosk.printing.layout import Columns, Document
from kiosk.printing.queue import PrintDispatcher, PrintQueue, SlipQueue


class PaperOutThenFine:
    def __init__(self) -> None:
        self.fail_next = True
        self.printed: list[Document] = []

    def status(self) -> DeviceStatus:
        return DeviceStatus("p", DeviceState.ONLINE)

    def query_paper(self) -> PaperStatus:
        return PaperStatus.UNKNOWN

    def print_document(self, doc: Document, options: PrintOptions | None = None) -> None:
        if self.fail_next:
            self.fail_next = False
            raise DeviceError(DeviceErrorKind.PAPER_OUT, "Printer out of paper — load a new roll")
        self.printed.append(doc)


def test_pickup_flow_queues_receipt_with_clerk_and_survives_printer_trouble(db: Database) -> None:
    world: World = make_world(db)
    queue = PrintQueue(db)
    sink: ReceiptSink = SlipQueue(queue)
    flow = PickupFlow(db, staff_id="C1", store_id="ST1", receipts=sink)
    flow.scan(world.token("O-READY"))
    flow.start_confirm()
    assert flow.confirm() is PickupStep.DONE
    assert flow.print_problem in (None, "")
    [job] = queue.pending()
    assert job.kind == "receipt" and job.ref == "O-READY"

    printer = PaperOutThenFine()
    dispatcher = PrintDispatcher(queue, printer)
    assert dispatcher.run_once().error == "Printer out of paper — load a new roll"
    with db.reader() as s:
        order = s.get(Order, "O-READY")
        assert order is not None and order.status == "picked_up"
    assert dispatcher.run_once().printed == 1
    [doc] = printer.printed
    rows = {b.left: b.right for b in doc.blocks if isinstance(b, Columns)}
    assert rows["店员："] == "王*"  # the clerk who confirmed, from the pickup event
    assert rows["货架："] == "A-01"
    assert "鲜牛奶" in "".join(rows)


def test_handover_flow_queues_the_slip_with_leader_and_orders(db: Database) -> None:
    make_world(db)
    queue = PrintQueue(db)
    flow = HandoverFlow(db, staff_id="C1", slips=SlipQueue(queue))
    assert flow.identify("BADGE-L1") is HandoverStep.LISTED
    assert flow.confirm(confirmed_by="badge", credential="BADGE-L1") is HandoverStep.DONE
    assert flow.result is not None
    [job] = queue.pending()
    assert job.kind == "handover" and job.ref == flow.result.handover_id
    printer = PaperOutThenFine()
    printer.fail_next = False
    PrintDispatcher(queue, printer).run_once()
    rows = {b.left: b.right for b in printer.printed[0].blocks if isinstance(b, Columns)}
    assert rows["团长："] == "刘*华" and rows["社区："] == "幸福里" and rows["确认方式："] == "工牌"
    assert rows["订单数："] == str(len(flow.result.order_ids))
    assert any(left.startswith("O-LEAD1") for left in rows)
