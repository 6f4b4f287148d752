"""Demo documents for `kiosk print-test`, the previews in docs/ and the golden tests.

Fixed data and a fixed time so the bytes are the same on every run.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from kiosk.printing import documents as d
from kiosk.printing.layout import Document

AT = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)  # 18:30 in the store
STORE = "邻里优选·幸福里自提点"


def demo_receipt() -> Document:
    return d.receipt(
        d.ReceiptData(
            store_name=STORE,
            store_address="杭州市西湖区文三路 88 号",
            order_id="LL20261125-0042",
            pickup_code="358214",
            lines=(
                d.ReceiptLine("赣南脐橙 5斤装（特级果）", 1, "箱", 3990),
                d.ReceiptLine("散养土鸡蛋 30枚", 2, "盒", 5160),
                d.ReceiptLine("Organic Baby Spinach 有机菠菜", 0.5, "kg", 1250),
                d.ReceiptLine("东北五常大米，10kg，新米", 1, "袋", 8900),
            ),
            total_cents=19300,
            bin_code="B-07",
            clerk="王小梅",
            at=AT,
        )
    )


def demo_handover() -> Document:
    return d.handover(
        d.HandoverData(
            store_name=STORE,
            handover_id="HO-20261125-03",
            leader="李团长",
            community="幸福里小区 3 期",
            orders=(
                d.HandoverOrder("LL20261125-0101", "张*明", 3),
                d.HandoverOrder("LL20261125-0102", "陈*", 1),
                d.HandoverOrder("LL20261125-0107", "赵*华", 5),
            ),
            bag_count=4,
            clerk="王小梅",
            confirmed_by="badge",
            at=AT,
        )
    )


def demo_checkin() -> Document:
    return d.checkin(
        d.CheckinData(
            store_name=STORE,
            batch_id="B20261125-AM",
            orders=48,
            lines=131,
            problems=(
                d.CheckinProblem("LL20261125-0042", "散养土鸡蛋 30枚", 2, 1, "damaged"),
                d.CheckinProblem("LL20261125-0077", "阳光玫瑰葡萄", 3, 2, "short"),
            ),
            temperature_c=3.5,
            clerk="王小梅",
            at=AT,
        )
    )


def demo_label() -> Document:
    return d.reading_label(
        d.ReadingLabelData(
            reading_id="RD-7f3a9c",
            product="阳光玫瑰葡萄",
            kind="brix",
            value=18.6,
            unit="%",
            verdict="pass",
            instrument="ATAGO PAL-1 #A12345",
            operator="主播 小林",
            at=AT,
        )
    )


def demo_shift() -> Document:
    return d.shift_report(
        d.ShiftReportData(
            store_name=STORE,
            shift_id="SH-20261125-PM",
            clerk="王小梅",
            opened_at=AT.replace(hour=6),
            closed_at=AT.replace(hour=13),
            counts=(
                ("自提完成", 86),
                ("部分提货", 3),
                ("团长交接", 5),
                ("问题登记", 2),
                ("滞留订单", 4),
            ),
        )
    )


DEMOS: dict[str, Callable[[], Document]] = {
    "receipt": demo_receipt,
    "handover": demo_handover,
    "checkin": demo_checkin,
    "label": demo_label,
    "shift": demo_shift,
}
