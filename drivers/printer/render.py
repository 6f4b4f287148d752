"""Layout → ESC/POS bytes, through python-escpos's printer classes.

python-escpos's own `text()` is bypassed: it never enters the printer's Chinese mode, turns
a lone `，` or `￥` into `?` and counts a Chinese character as one column. Text lines are laid
out here on the column grid (kiosk.printing.layout) and sent with `_raw`: ASCII as is, every
non-ASCII run as GB18030 between `FS &` and `FS .`. In raster mode the text is drawn with a
CJK font and sent as `GS v 0` images no wider than the paper's dots. Images, QR codes (image
mode) and cuts go through python-escpos.
"""

from __future__ import annotations

import copy
from typing import Any

from escpos.escpos import Escpos
from escpos.printer import Dummy
from PIL import Image as PILImage

from kiosk.ports import (
    QR,
    Align,
    Barcode,
    Block,
    CjkMode,
    Columns,
    Cut,
    Document,
    Feed,
    Image,
    PrintOptions,
    QrMode,
    Rule,
    Text,
)
from kiosk.printing.layout import printed_lines
from kiosk.printing.raster import block_image, line_image, picture, qr_image, stack

ESC, GS, FS, LF = b"\x1b", b"\x1d", b"\x1c", b"\n"
INIT = ESC + b"@"
CJK_ON, CJK_OFF = FS + b"&", FS + b"."
ALIGN_LEFT, ALIGN_CENTER = ESC + b"a\x00", ESC + b"a\x01"
TEAR_OFF_FEED = 4  # lines to feed so the last line clears the tear bar without a cutter


def bold(on: bool) -> bytes:
    return ESC + b"E" + (b"\x01" if on else b"\x00")


def size(width: int, height: int) -> bytes:
    """GS ! n: width in the high nibble, height in the low one (1–8 each)."""
    if not (1 <= width <= 8 and 1 <= height <= 8):
        raise ValueError(f"character size {width}×{height} out of range 1–8")
    return GS + b"!" + bytes(((width - 1) << 4 | (height - 1),))


def encode_line(text: str) -> bytes:
    """ASCII as is; each non-ASCII run in Chinese mode as GB18030."""
    out = bytearray()
    run = ""
    for ch in text:
        if ch.isascii():
            if run:
                out += CJK_ON + run.encode("gb18030") + CJK_OFF
                run = ""
            out += ch.encode("ascii")
        else:
            run += ch
    if run:
        out += CJK_ON + run.encode("gb18030") + CJK_OFF
    return bytes(out)


class EscposRenderer:
    """Writes one document to an Escpos printer object; keeps the style state so each
    style command is sent only when it changes."""

    def __init__(self, printer: Escpos, options: PrintOptions) -> None:
        self.p = printer
        self.o = options
        self.cols = options.paper.columns
        self.dots = options.paper.dots
        self._bold = False
        self._size = (1, 1)
        self._pending: list[PILImage.Image] = []  # raster mode: text waiting to be sent
        set_paper_width(printer, self.dots)

    def render(self, doc: Document) -> None:
        self.p._raw(INIT)
        for block in doc.blocks:
            self.block(block)
        self._flush_raster()

    def block(self, block: Block) -> None:
        if isinstance(block, Text | Columns | Rule):
            if self.o.cjk is CjkMode.RASTER:
                img = block_image(block, self.cols, self.dots)
                assert img is not None
                self._pending.append(img)
            else:
                for text, is_bold, w, h in printed_lines(block, self.cols):
                    self._style(is_bold, w, h)
                    self.p._raw(encode_line(text) + LF)
            return
        if isinstance(block, Feed) and self._pending:
            img = block_image(block, self.cols, self.dots)
            assert img is not None
            self._pending.append(img)
            return
        self._flush_raster()
        if isinstance(block, Feed):
            self.p._raw(ESC + b"d" + bytes((block.lines,)))
        elif isinstance(block, QR):
            self._qr(block)
        elif isinstance(block, Barcode):
            self._barcode(block)
        elif isinstance(block, Image):
            self._image(picture(block.png, self.dots), center=True)
        elif isinstance(block, Cut):
            self._style(False, 1, 1)
            if self.o.cutter:
                self.p.cut(mode="PART" if block.partial else "FULL")
            else:
                self.p.print_and_feed(TEAR_OFF_FEED)

    def _style(self, is_bold: bool, w: int, h: int) -> None:
        if is_bold != self._bold:
            self.p._raw(bold(is_bold))
            self._bold = is_bold
        if (w, h) != self._size:
            self.p._raw(size(w, h))
            self._size = (w, h)

    def _flush_raster(self) -> None:
        if self._pending:
            self._image(stack(self._pending, self.dots), center=False)
            self._pending = []

    def _image(self, img: PILImage.Image, *, center: bool) -> None:
        if img.width > self.dots:
            raise ValueError(f"picture {img.width} dots wide does not fit {self.dots} dots")
        self.p.image(img, impl="bitImageRaster", center=center)

    def _qr(self, block: QR) -> None:
        if self.o.qr is QrMode.NATIVE:
            self.p._raw(ALIGN_CENTER)
            self.p.qr(block.data, size=block.module, native=True, ec=1)  # ec 1 = level M
            self.p._raw(LF + ALIGN_LEFT)
        else:
            self._image(qr_image(block.data, block.module), center=True)
        if block.caption:
            self._caption(block.caption)

    def _barcode(self, block: Barcode) -> None:
        data = block.data.encode("ascii")
        if self.o.cjk is CjkMode.RASTER or len(data) > 250:
            img = block_image(block, self.cols, self.dots)
            assert img is not None
            self._image(img, center=False)
            return
        code = b"{B" + data  # CODE128, code set B
        self.p._raw(
            ALIGN_CENTER
            + GS
            + b"H\x02"
            + GS
            + b"h"
            + bytes((min(block.height, 255),))
            + GS
            + b"w\x02"
            + GS
            + b"k\x49"
            + bytes((len(code),))
            + code
            + ALIGN_LEFT
        )

    def _caption(self, text: str) -> None:
        block = Text(text, align=Align.CENTER)
        if self.o.cjk is CjkMode.RASTER:
            self._image(line_image(text), center=True)
            return
        for line, is_bold, w, h in printed_lines(block, self.cols):
            self._style(is_bold, w, h)
            self.p._raw(encode_line(line) + LF)


def set_paper_width(printer: Escpos, dots: int) -> None:
    """Give this printer object its own profile data with the paper's dot width (the shared
    profile says "Unknown", which makes python-escpos print a warning and skip centring)."""
    data: dict[str, Any] = copy.deepcopy(printer.profile.profile_data)
    data.setdefault("media", {}).setdefault("width", {})["pixels"] = dots
    printer.profile.profile_data = data


def render_bytes(doc: Document, options: PrintOptions) -> bytes:
    """The exact bytes a printer receives for `doc` (via python-escpos's Dummy printer)."""
    dummy = Dummy()
    EscposRenderer(dummy, options).render(doc)
    return bytes(dummy.output)
