"""The left side of the pickup screen: the verdict band (colour and words by class), the bin
in very large letters, who the order is for, the facts to tell the customer, the lines with
a tick and a quantity each (untick or lower for a partial pickup; report an issue per line)
and the customer's other ready orders. Every part keeps its place whatever it shows, so a
finger never lands on a target that moved."""

from __future__ import annotations

from kiosk.verification.lookup import LineView, OrderView
from ui.pickup.parts import button, font
from ui.qt import (
    QCheckBox,
    QCoreApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.words.verdicts import COLOURS, Tone

translate = QCoreApplication.translate
ROW_PX = 56


class LineRow(QWidget):
    """One order line: tick, name, − quantity +, issue."""

    changed = Signal()
    issue_clicked = Signal(str)

    def __init__(self, line: LineView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = line
        self.qty = line.remaining
        self.setFixedHeight(ROW_PX)
        self._build(line)

    def set_line(self, line: LineView) -> None:
        """Show another line in this row (rows are reused: building widgets is slow)."""
        self.line, self.qty = line, line.remaining
        self.tick.blockSignals(True)
        self.tick.setText(line.name)
        self.tick.setObjectName(f"tick-{line.sku}")
        self.tick.setChecked(line.remaining > 0)
        self.tick.blockSignals(False)
        self._draw()

    def _build(self, line: LineView) -> None:
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        self.tick = QCheckBox(f"{line.name}", self)
        self.tick.setObjectName(f"tick-{line.sku}")
        self.tick.setChecked(line.remaining > 0)
        self.tick.setEnabled(line.remaining > 0)
        self.tick.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tick.setFont(font(22))
        self.tick.setMinimumHeight(48)
        self.tick.toggled.connect(lambda _on: self.changed.emit())
        row.addWidget(self.tick, 1)
        self.minus = button("−", self, px=26, name="lineMinus", slot=self.lower, height=48)
        self.minus.setFixedWidth(56)
        self.count = QLabel(self)
        self.count.setFont(font(24, bold=True))
        self.count.setMinimumWidth(110)
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.plus = button("+", self, px=26, name="linePlus", slot=self.raise_, height=48)
        self.plus.setFixedWidth(56)
        self.issue = button(
            translate("pickup", "Issue"),
            self,
            px=18,
            name="lineIssue",
            slot=lambda: self.issue_clicked.emit(self.line.sku),
            height=48,
        )
        self.issue.setFixedWidth(96)
        for w in (self.minus, self.count, self.plus, self.issue):
            row.addWidget(w)
        self._draw()

    def _step(self) -> float:
        return 1.0 if self.line.remaining >= 1 else self.line.remaining

    def lower(self) -> None:
        self.qty = max(self._step() if self._step() > 0 else 0.0, self.qty - self._step())
        self._draw()
        self.changed.emit()

    def raise_(self) -> None:
        self.qty = min(self.line.remaining, self.qty + self._step())
        self._draw()
        self.changed.emit()

    def _draw(self) -> None:
        ln = self.line
        if ln.remaining <= 0:
            text = translate("pickup", "{qty}{unit} out").replace("{qty}", f"{ln.picked_qty:g}")
        elif ln.picked_qty > 0:
            text = (
                translate("pickup", "{chosen}/{left}{unit} ({out} out)")
                .replace("{chosen}", f"{self.qty:g}")
                .replace("{left}", f"{ln.remaining:g}")
                .replace("{out}", f"{ln.picked_qty:g}")
            )
        else:
            text = f"{self.qty:g}/{ln.remaining:g}{{unit}}"
        self.count.setText(text.replace("{unit}", ln.unit))

    def chosen(self) -> float:
        return self.qty if self.tick.isChecked() else 0.0


class VerdictPanel(QWidget):
    issue_clicked = Signal(str)
    lines_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.band = QLabel(self)
        self.band.setObjectName("verdictBand")
        self.band.setFont(font(38, bold=True))
        self.band.setFixedHeight(92)
        self.band.setWordWrap(True)
        self.band.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.band)
        top = QHBoxLayout()
        self.bin = QLabel(self)
        self.bin.setObjectName("binLabel")
        self.bin.setFont(font(104, bold=True))
        self.bin.setFixedHeight(140)
        self.bin.setMinimumWidth(330)
        self.bin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        top.addWidget(self.bin)
        self.who = QLabel(self)
        self.who.setObjectName("whoLabel")
        self.who.setFont(font(26))
        self.who.setWordWrap(True)
        self.who.setFixedHeight(140)
        top.addWidget(self.who, 1)
        layout.addLayout(top)
        self.facts = QLabel(self)
        self.facts.setObjectName("factsLabel")
        self.facts.setFont(font(22))
        self.facts.setWordWrap(True)
        self.facts.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.facts.setMinimumHeight(64)
        self.facts.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.facts)
        self.lines_scroll = QScrollArea(self)
        self.lines_scroll.setWidgetResizable(True)
        self.lines_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.lines_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lines_box = QWidget(self.lines_scroll)
        self.lines_layout = QVBoxLayout(self.lines_box)
        self.lines_layout.setContentsMargins(0, 0, 0, 0)
        self.lines_layout.setSpacing(2)
        self.lines_layout.addStretch(1)
        self.lines_scroll.setWidget(self.lines_box)
        layout.addWidget(self.lines_scroll, 1)
        self.others = QLabel(self)
        self.others.setObjectName("othersLabel")
        self.others.setFont(font(20, bold=True))
        self.others.setFixedHeight(40)
        layout.addWidget(self.others)
        self.rows: list[LineRow] = []  # the rows in use (the first of the pool)
        self._pool: list[LineRow] = []
        self._rows_key: object = None
        self._tone: Tone | None = None
        # one style sheet for every row (a sheet per widget is re-parsed on every draw)
        self.lines_box.setStyleSheet("QCheckBox::indicator { width: 36px; height: 36px; }")

    def paint(self, tone: Tone, headline: str) -> None:
        self.band.setText(headline)
        if tone is self._tone:
            return  # the same colours: no style sheet to re-apply
        self._tone = tone
        colour = COLOURS[tone]
        self.band.setStyleSheet(
            f"QLabel#verdictBand {{ background: {colour}; color: white;"
            " border-radius: 12px; padding: 4px 12px; }"
        )
        self.bin.setStyleSheet(f"QLabel#binLabel {{ color: {colour}; }}")

    def show_order(
        self,
        order: OrderView | None,
        *,
        bin_text: str = "",
        editable: bool = False,
        lines: tuple[LineView, ...] | None = None,
    ) -> None:
        self.bin.setText(bin_text or (order.bin_code or "—" if order else ""))
        if order is None:
            self.who.setText("")
        else:
            tail = order.customer_phone[-4:] if order.customer_phone else "—"
            self.who.setText(
                translate("pickup", "Customer: {name}\nPhone ends in: {tail}\nCode: {code}")
                .replace("{name}", order.customer_name or "—")
                .replace("{tail}", tail)
                .replace("{code}", order.pickup_code)
            )
        key = (order.ticket if order else None, editable, lines)
        if key == self._rows_key and self.rows:
            return  # the same order redrawn (an issue saved): keep the ticks and quantities
        self._rows_key = key
        self._set_rows(lines if lines is not None else (order.lines if order else ()), editable)

    def _set_rows(self, lines: tuple[LineView, ...], editable: bool) -> None:
        while len(self._pool) < len(lines):
            row = LineRow(lines[len(self._pool)], self.lines_box)
            row.changed.connect(self.lines_changed.emit)
            row.issue_clicked.connect(self.issue_clicked.emit)
            self.lines_layout.insertWidget(len(self._pool), row)
            self._pool.append(row)
        self.rows = self._pool[: len(lines)]
        for row, line in zip(self.rows, lines, strict=True):
            row.set_line(line)
            for w in (row.tick, row.minus, row.plus):
                w.setEnabled(editable and line.remaining > 0)
            row.show()
        for row in self._pool[len(lines) :]:
            row.hide()

    def selection(self) -> dict[str, float] | None:
        """None: everything left (a whole pickup); else qty per SKU (0 lines dropped)."""
        if all(
            r.tick.isChecked() and r.qty == r.line.remaining
            for r in self.rows
            if r.line.remaining > 0
        ):
            return None
        return {r.line.sku: r.chosen() for r in self.rows if r.chosen() > 0}

    def show_facts(self, lines: list[str]) -> None:
        self.facts.setText("\n".join(x for x in lines if x))

    def show_others(self, text: str) -> None:
        self.others.setText(text)
