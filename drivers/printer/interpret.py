"""Reads an ESC/POS byte stream the way a printer does: enough of it to answer DLE EOT in
real time, to know what would be printed (text in Chinese mode, sizes, bold, alignment,
raster images, QR codes, barcodes, cuts) and to draw that as a picture.

Commands are parsed with their full lengths, so bytes inside image or QR data are never
mistaken for commands. `feed()` takes bytes as they arrive and returns whole commands only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image as PILImage

from kiosk.ports import Align, PaperWidth
from kiosk.printing.layout import text_width
from kiosk.printing.raster import LINE_DOTS, barcode_image, line_image, qr_image, stack

ESC, GS, FS, DLE = 0x1B, 0x1D, 0x1C, 0x10
THREE_BYTE = {(ESC, ord(c)) for c in "EadJ!-3tMG"} | {(GS, ord(c)) for c in "!hwHfB"}
TWO_BYTE = {(ESC, ord("@")), (ESC, ord("2")), (FS, ord("&")), (FS, ord("."))}


@dataclass(frozen=True, slots=True)
class PrintedLine:
    text: str
    bold: bool
    width: int
    height: int
    align: Align


@dataclass(frozen=True, slots=True)
class PrintedImage:
    image: PILImage.Image
    align: Align


@dataclass(frozen=True, slots=True)
class PrintedCut:
    pass


Printed = PrintedLine | PrintedImage | PrintedCut


@dataclass
class Interpreter:
    """Printer state while reading one job."""

    printed: list[Printed] = field(default_factory=list)
    status_queries: list[int] = field(default_factory=list)
    unknown: list[bytes] = field(default_factory=list)
    bold: bool = False
    width: int = 1
    height: int = 1
    align: Align = Align.LEFT
    cjk: bool = False
    barcode_height: int = 162
    qr_module: int = 3
    qr_data: bytes = b""
    _line: bytearray = field(default_factory=bytearray)
    _buf: bytearray = field(default_factory=bytearray)

    @property
    def has_content(self) -> bool:
        return bool(self.printed or self._line)

    def feed(self, data: bytes) -> list[int]:
        """Consume bytes; returns the DLE EOT queries (n) found, in order, to be answered."""
        self._buf += data
        queries: list[int] = []
        while self._buf:
            used = self._step(queries)
            if used == 0:
                break  # incomplete command: wait for more bytes
            del self._buf[:used]
        return queries

    def _step(self, queries: list[int]) -> int:
        b = self._buf
        c = b[0]
        if c == 0x0A:
            self._print_line()
            return 1
        if c not in (ESC, GS, FS, DLE):
            if c >= 0x20 or self.cjk:
                self._line.append(c)
            return 1
        if len(b) < 2:
            return 0
        pair = (c, b[1])
        if pair in TWO_BYTE:
            self._two(pair)
            return 2
        if len(b) < 3:
            return 0
        if c == DLE and b[1] == 0x04:
            queries.append(b[2])
            self.status_queries.append(b[2])
            return 3
        if pair in THREE_BYTE:
            self._three(pair, b[2])
            return 3
        if c == GS:
            return self._gs_long(b)
        self.unknown.append(bytes(b[:2]))
        return 2

    def _two(self, pair: tuple[int, int]) -> None:
        if pair == (ESC, ord("@")):
            self._print_line(only_if_pending=True)
            self.bold, self.width, self.height, self.align, self.cjk = (
                False,
                1,
                1,
                Align.LEFT,
                False,
            )
        elif pair == (FS, ord("&")):
            self._line += b"\x1c&"
            self.cjk = True
        elif pair == (FS, ord(".")):
            self._line += b"\x1c."
            self.cjk = False

    def _three(self, pair: tuple[int, int], n: int) -> None:
        cmd = chr(pair[1])
        if pair[0] == ESC and cmd == "E":
            self.bold = bool(n & 1)
        elif pair[0] == ESC and cmd == "a":
            self.align = {0: Align.LEFT, 1: Align.CENTER, 2: Align.RIGHT}.get(n % 48, Align.LEFT)
        elif pair[0] == ESC and cmd == "d":
            self._print_line(only_if_pending=True)
            self.printed.extend(PrintedLine("", False, 1, 1, Align.LEFT) for _ in range(n))
        elif pair[0] == GS and cmd == "!":
            self.width, self.height = (n >> 4) + 1, (n & 0x0F) + 1
        elif pair[0] == GS and cmd == "h":
            self.barcode_height = n

    def _gs_long(self, b: bytearray) -> int:
        cmd = chr(b[1])
        if cmd == "V":  # cut: GS V m, or GS V m n for m 65/66
            need = 4 if b[2] in (65, 66) else 3
            if len(b) < need:
                return 0
            self._print_line(only_if_pending=True)
            self.printed.append(PrintedCut())
            return need
        if cmd == "v":  # GS v 0 m xL xH yL yH data
            if len(b) < 8:
                return 0
            xbytes, rows = b[4] | b[5] << 8, b[6] | b[7] << 8
            need = 8 + xbytes * rows
            if len(b) < need:
                return 0
            self._raster(bytes(b[8:need]), xbytes, rows)
            return need
        if cmd in "(" and len(b) >= 5:  # GS ( k / GS ( L pL pH ...
            need = 5 + (b[3] | b[4] << 8)
            if len(b) < need:
                return 0
            if b[2] == ord("k"):
                self._qr_function(bytes(b[5:need]))
            return need
        if cmd == "k":  # barcode: GS k m n data (m >= 65)
            if len(b) < 4:
                return 0
            need = 4 + b[3]
            if len(b) < need:
                return 0
            self._barcode(bytes(b[4:need]))
            return need
        if cmd == "(":
            return 0
        self.unknown.append(bytes(b[:2]))
        return 2

    def _qr_function(self, body: bytes) -> None:
        cn, fn = body[0], body[1]
        if cn != ord("1"):
            return
        if fn == 67:
            self.qr_module = body[2]
        elif fn == 80:
            self.qr_data = body[3:]
        elif fn == 81:
            img = qr_image(self.qr_data.decode("utf-8", "replace"), self.qr_module)
            self.printed.append(PrintedImage(img, self.align))

    def _barcode(self, data: bytes) -> None:
        text = data[2:] if data.startswith(b"{") else data
        img = barcode_image(text.decode("ascii", "replace"), self.barcode_height, 576)
        self.printed.append(
            PrintedImage(
                stack([img, line_image(text.decode("ascii", "replace"))], img.width, Align.CENTER),
                self.align,
            )
        )

    def _raster(self, data: bytes, xbytes: int, rows: int) -> None:
        img = PILImage.frombytes("1", (xbytes * 8, rows), data)
        img = PILImage.eval(img.convert("L"), lambda v: 255 - v).convert(
            "1"
        )  # 1 = black in ESC/POS
        self.printed.append(PrintedImage(img, self.align))

    def _print_line(self, *, only_if_pending: bool = False) -> None:
        if only_if_pending and not self._line:
            return
        text = decode_line(bytes(self._line))
        self.printed.append(PrintedLine(text, self.bold, self.width, self.height, self.align))
        self._line.clear()

    def finish(self) -> None:
        self._print_line(only_if_pending=True)

    def lines(self) -> list[str]:
        return [p.text for p in self.printed if isinstance(p, PrintedLine)]

    def overflowing(self, paper: PaperWidth) -> list[str]:
        """Printed lines wider than the paper (a real printer would wrap them)."""
        return [
            p.text
            for p in self.printed
            if isinstance(p, PrintedLine) and text_width(p.text) * p.width > paper.columns
        ]


def decode_line(raw: bytes) -> str:
    """ASCII outside Chinese mode, GB18030 between FS & and FS . (what the printer shows);
    bytes ≥ 0x80 outside Chinese mode print as '?' (no code page table here)."""
    out: list[str] = []
    for i, part in enumerate(raw.replace(b"\x1c.", b"\x1c&").split(b"\x1c&")):
        if i % 2:
            out.append(part.decode("gb18030", "replace"))
        else:
            out.append("".join(chr(c) if c < 0x80 else "?" for c in part))
    return "".join(out)


def picture_of(printed: list[Printed], paper: PaperWidth) -> PILImage.Image:
    """What the paper would look like, `paper.dots` wide."""
    parts: list[PILImage.Image] = []
    for item in printed:
        if isinstance(item, PrintedCut):
            cut = PILImage.new("1", (paper.dots, LINE_DOTS), 1)
            for x in range(0, paper.dots, 16):
                cut.paste(0, (x, LINE_DOTS // 2, x + 8, LINE_DOTS // 2 + 2))
            parts.append(cut)
            continue
        if isinstance(item, PrintedLine):
            img = line_image(item.text, bold=item.bold, width=item.width, height=item.height)
        else:
            img = item.image
        strip = PILImage.new("1", (paper.dots, img.height), 1)
        x = {
            Align.LEFT: 0,
            Align.CENTER: (paper.dots - img.width) // 2,
            Align.RIGHT: paper.dots - img.width,
        }[item.align]
        strip.paste(img.crop((0, 0, min(img.width, paper.dots), img.height)), (max(x, 0), 0))
        parts.append(strip)
    return stack(parts, paper.dots)
