"""Builders for every slip the kiosk prints, from plain data (no database here).

`kiosk.printing.gather` fills these dataclasses from the database; the print-test command
and the tests fill them by hand. Times are shown in the store's time zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from kiosk.printing.layout import QR, Align, Block, Columns, Cut, Document, Feed, Rule, Text

ORDER_QR = "linli://order/{order_id}"
TRACE_QR = "linli://trace/{reading_id}"
DEFAULT_TZ = "Asia/Shanghai"


def money(cents: int) -> str:
    """`￥12.50` (the full-width yuan sign, as Chinese receipts print it)."""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}￥{cents // 100}.{cents % 100:02d}"


def qty_text(qty: float, unit: str) -> str:
    shown = f"{qty:g}"
    return f"{shown}{unit}"


def local_time(at: datetime, tz: str = DEFAULT_TZ) -> str:
    return at.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True, slots=True)
class ReceiptLine:
    name: str
    qty: float
    unit: str
    price_cents: int  # line total


@dataclass(frozen=True, slots=True)
class ReceiptData:
    store_name: str
    store_address: str
    order_id: str
    pickup_code: str
    lines: tuple[ReceiptLine, ...]
    total_cents: int
    bin_code: str
    clerk: str
    at: datetime
    tz: str = DEFAULT_TZ
    partial: bool = False
    provisional: bool = False  # served offline before sync knew the order: no lines yet


def receipt(d: ReceiptData) -> Document:
    """The pickup receipt (自提凭证) handed to the customer."""
    blocks: list[Block] = [
        Text(d.store_name, bold=True, height=2, align=Align.CENTER),
        Text(d.store_address, align=Align.CENTER),
        Text(
            "自提凭证" + ("（部分）" if d.partial else ""),
            bold=True,
            width=2,
            height=2,
            align=Align.CENTER,
        ),
        Rule(),
        Columns("订单号：", d.order_id),
        Columns("取货码：", d.pickup_code),
        Columns("货架：", d.bin_code, bold=True),
        Rule(),
    ]
    for line in d.lines:
        blocks.append(
            Columns(f"{line.name} ×{qty_text(line.qty, line.unit)}", money(line.price_cents))
        )
    if d.provisional:
        blocks.append(Text("离线提货：订单明细待同步后可在小程序查看。"))
    blocks += [
        Rule(),
        Columns("合计：", "待同步" if d.provisional else money(d.total_cents), bold=True),
        Columns("店员：", d.clerk),
        Columns("时间：", local_time(d.at, d.tz)),
        Feed(1),
        QR(ORDER_QR.format(order_id=d.order_id), caption="扫码查看订单"),
        Text("谢谢惠顾，欢迎再来！", align=Align.CENTER),
        Cut(),
    ]
    return Document("receipt", f"自提凭证 {d.order_id}", tuple(blocks))


@dataclass(frozen=True, slots=True)
class HandoverOrder:
    order_id: str
    customer: str
    items: int


@dataclass(frozen=True, slots=True)
class HandoverData:
    store_name: str
    handover_id: str
    leader: str
    community: str
    orders: tuple[HandoverOrder, ...]
    bag_count: int
    clerk: str
    confirmed_by: str
    at: datetime
    tz: str = DEFAULT_TZ


def handover(d: HandoverData) -> Document:
    """The handover slip (交接单) both the clerk and the team leader sign."""
    blocks: list[Block] = [
        Text(d.store_name, bold=True, align=Align.CENTER),
        Text("团长交接单", bold=True, width=2, height=2, align=Align.CENTER),
        Rule(),
        Columns("团长：", d.leader, bold=True),
        Columns("社区：", d.community),
        Columns("交接号：", d.handover_id),
        Columns("确认方式：", "工牌" if d.confirmed_by == "badge" else "密码"),
        Rule(),
    ]
    for o in d.orders:
        blocks.append(Columns(f"{o.order_id} {o.customer}", f"{o.items}件"))
    blocks += [
        Rule(),
        Columns("订单数：", str(len(d.orders))),
        Columns("袋数：", str(d.bag_count), bold=True),
        Columns("店员：", d.clerk),
        Columns("时间：", local_time(d.at, d.tz)),
        Feed(2),
        Text("店员签字：______________"),
        Feed(1),
        Text("团长签字：______________"),
        Cut(),
    ]
    return Document("handover", f"交接单 {d.handover_id}", tuple(blocks))


@dataclass(frozen=True, slots=True)
class CheckinProblem:
    order_id: str
    item: str
    expected: float
    received: float
    condition: str  # short, damaged, missing


@dataclass(frozen=True, slots=True)
class CheckinData:
    store_name: str
    batch_id: str
    orders: int
    lines: int
    problems: tuple[CheckinProblem, ...]
    temperature_c: float | None
    clerk: str
    at: datetime
    tz: str = DEFAULT_TZ


CONDITION_WORDS = {"short": "短缺", "damaged": "破损", "missing": "缺失", "ok": "正常"}


def checkin(d: CheckinData) -> Document:
    """The batch check-in sheet (到货签收单): what arrived short or damaged."""
    temp = "未测" if d.temperature_c is None else f"{d.temperature_c:.1f}℃"
    blocks: list[Block] = [
        Text(d.store_name, bold=True, align=Align.CENTER),
        Text("到货签收单", bold=True, width=2, height=2, align=Align.CENTER),
        Rule(),
        Columns("批次：", d.batch_id),
        Columns("订单：", str(d.orders)),
        Columns("商品行：", str(d.lines)),
        Columns("冷链温度：", temp),
        Rule(),
    ]
    if not d.problems:
        blocks.append(Text("全部到齐，无短缺、无破损。", align=Align.CENTER))
    for p in d.problems:
        word = CONDITION_WORDS.get(p.condition, p.condition)
        blocks.append(Text(p.order_id))
        blocks.append(Columns(p.item, f"{word} {p.received:g}/{p.expected:g}", bold=True))
    blocks += [
        Rule(),
        Columns("问题行：", str(len(d.problems))),
        Columns("签收人：", d.clerk),
        Columns("时间：", local_time(d.at, d.tz)),
        Feed(2),
        Text("司机签字：______________"),
        Cut(),
    ]
    return Document("checkin", f"到货签收单 {d.batch_id}", tuple(blocks))


@dataclass(frozen=True, slots=True)
class ReadingLabelData:
    reading_id: str
    product: str
    kind: str  # brix, pesticide, weight
    value: float | None
    unit: str
    verdict: str  # pass, fail, positive, negative, or ""
    instrument: str
    operator: str
    at: datetime
    tz: str = DEFAULT_TZ


VERDICT_WORDS = {
    "pass": "合格",
    "fail": "不合格",
    "negative": "阴性（合格）",
    "positive": "阳性（不合格）",
}
KIND_WORDS = {"brix": "糖度", "pesticide": "农残抑制率", "weight": "重量"}


def reading_label(d: ReadingLabelData) -> Document:
    """A small label for a tested product with a traceability QR (检测标签)."""
    value = "—" if d.value is None else f"{d.value:g}{d.unit}"
    blocks: list[Block] = [
        Text("检测标签", bold=True, align=Align.CENTER),
        Text(d.product, bold=True, width=2, height=2, align=Align.CENTER),
        Rule(),
        Columns(KIND_WORDS.get(d.kind, d.kind) + "：", value, bold=True),
        Columns("结论：", VERDICT_WORDS.get(d.verdict, d.verdict or "—"), bold=True),
        Columns("仪器：", d.instrument),
        Columns("检测员：", d.operator),
        Columns("时间：", local_time(d.at, d.tz)),
        QR(TRACE_QR.format(reading_id=d.reading_id), module=5, caption="扫码溯源"),
        Cut(),
    ]
    return Document("label", f"检测标签 {d.reading_id}", tuple(blocks))


@dataclass(frozen=True, slots=True)
class ShiftReportData:
    store_name: str
    shift_id: str
    clerk: str
    opened_at: datetime
    closed_at: datetime | None
    counts: tuple[tuple[str, int], ...]  # (label, number) in print order
    tz: str = DEFAULT_TZ


def shift_report(d: ShiftReportData) -> Document:
    """The shift close summary (交班报表)."""
    closed = "未结束" if d.closed_at is None else local_time(d.closed_at, d.tz)
    blocks: list[Block] = [
        Text(d.store_name, bold=True, align=Align.CENTER),
        Text("交班报表", bold=True, width=2, height=2, align=Align.CENTER),
        Rule(),
        Columns("班次：", d.shift_id),
        Columns("店员：", d.clerk),
        Columns("开始：", local_time(d.opened_at, d.tz)),
        Columns("结束：", closed),
        Rule(),
    ]
    blocks += [Columns(label + "：", str(n)) for label, n in d.counts]
    blocks += [Rule("="), Feed(1), Text("店长签字：______________"), Cut()]
    return Document("shift", f"交班报表 {d.shift_id}", tuple(blocks))
