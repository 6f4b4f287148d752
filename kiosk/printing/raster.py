"""Draws the layout model as 1-bit pictures on the printer's dot grid (Pillow only).

Used three ways: the preview PNG, raster mode for printers without a Chinese font, and the
virtual printer's picture of what it received. Text sits on the same column grid as native
mode (12 × 24 dots per column, 30-dot line pitch), so a raster slip looks like a native one
and never exceeds the paper's dots.
"""

from __future__ import annotations

import io
import os
from functools import lru_cache
from pathlib import Path

import qrcode
from PIL import Image as PILImage, ImageDraw, ImageFont

from kiosk.errors import DeviceError, DeviceErrorKind
from kiosk.printing.layout import (
    QR,
    Align,
    Barcode,
    Block,
    Columns,
    Cut,
    Feed,
    Image,
    Rule,
    Text,
    char_width,
    printed_lines,
    text_width,
)

COLUMN_DOTS = 12
GLYPH_DOTS = 24
LINE_DOTS = 30
FONT_ENV = "LINLI_CJK_FONT"
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
)
FONT_GLOBS = ("**/NotoSansCJK*.tt[cf]", "**/NotoSansSC*.[ot]tf", "**/wqy-*.ttc")
MISSING_FONT = (
    "No Chinese font found for printing pictures of text: install fonts-noto-cjk "
    f"(Debian/Ubuntu) or set {FONT_ENV} to a .ttc/.ttf/.otf with Chinese glyphs"
)


def find_cjk_font() -> Path:
    """The CJK font file: $LINLI_CJK_FONT, then well-known paths, then a search of font dirs."""
    chosen = os.environ.get(FONT_ENV)
    if chosen:
        if Path(chosen).is_file():
            return Path(chosen)
        raise DeviceError(DeviceErrorKind.CONFIG, f"{FONT_ENV}={chosen} is not a font file")
    for candidate in FONT_CANDIDATES:
        if Path(candidate).is_file():
            return Path(candidate)
    for root in (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts"):
        for pattern in FONT_GLOBS:
            for found in sorted(root.glob(pattern)) if root.is_dir() else ():
                return found
    raise DeviceError(DeviceErrorKind.CONFIG, MISSING_FONT)


@lru_cache(maxsize=4)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    """Prefer the monospaced face of a collection (Noto Sans Mono CJK SC: Latin is half an em)."""
    faces: list[ImageFont.FreeTypeFont] = []
    for index in range(16):
        try:
            faces.append(ImageFont.truetype(str(path), size, index=index))
        except OSError:
            break
    if not faces:
        raise DeviceError(DeviceErrorKind.CONFIG, f"cannot read the font {path}")
    for wanted in ("Mono CJK SC", "Mono CJK", "CJK SC", ""):
        for face in faces:
            if wanted in " ".join(str(n) for n in face.getname()):
                return face
    return faces[0]


def font() -> ImageFont.FreeTypeFont:
    return _font(find_cjk_font(), GLYPH_DOTS)


def line_image(text: str, *, bold: bool = False, width: int = 1, height: int = 1) -> PILImage.Image:
    """One printed line: each character in its grid cell, magnified like GS ! does."""
    face = font()
    cols = max(text_width(text), 1)
    img = PILImage.new("1", (cols * COLUMN_DOTS, LINE_DOTS), 1)
    draw = ImageDraw.Draw(img)
    col = 0
    for ch in text:
        w = char_width(ch)
        if w == 0 or ch == " ":
            col += w
            continue
        cell = w * COLUMN_DOTS
        x = col * COLUMN_DOTS + max(0, (cell - int(face.getlength(ch))) // 2)
        for dx in (0, 1) if bold else (0,):
            draw.text((x + dx, -6), ch, font=face, fill=0)
        col += w
    if width != 1 or height != 1:
        img = img.resize((img.width * width, img.height * height), PILImage.Resampling.NEAREST)
    return img


def qr_image(data: str, module: int) -> PILImage.Image:
    code = qrcode.QRCode(border=0, box_size=1, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix)
    img = PILImage.new("1", (size, size), 1)
    img.putdata([0 if dark else 1 for row in matrix for dark in row])
    return img.resize((size * module, size * module), PILImage.Resampling.NEAREST)


def barcode_image(data: str, height: int, dots: int) -> PILImage.Image:
    """CODE128 with 2-dot modules (1-dot if it would not fit the paper)."""
    import barcode as pybarcode

    bits = pybarcode.get("code128", data).build()[0]
    module = 2 if len(bits) * 2 <= dots else 1
    img = PILImage.new("1", (len(bits) * module, height), 1)
    draw = ImageDraw.Draw(img)
    for i, bit in enumerate(bits):
        if bit == "1":
            draw.rectangle((i * module, 0, (i + 1) * module - 1, height - 1), fill=0)
    return img


def picture(png: bytes, dots: int) -> PILImage.Image:
    """A PNG scaled down to the paper's dots and dithered to black and white."""
    img = PILImage.open(io.BytesIO(png)).convert("L")
    if img.width > dots:
        img = img.resize((dots, max(1, img.height * dots // img.width)))
    return img.convert("1")


def stack(parts: list[PILImage.Image], dots: int, align: Align = Align.LEFT) -> PILImage.Image:
    """Parts one under the other on a strip `dots` wide (each part cut to the paper)."""
    total = sum(p.height for p in parts)
    out = PILImage.new("1", (dots, max(total, 1)), 1)
    y = 0
    for part in parts:
        x = 0 if align is Align.LEFT else max(0, (dots - part.width) // 2)
        out.paste(part.crop((0, 0, min(part.width, dots), part.height)), (x, y))
        y += part.height
    return out


def block_image(block: Block, columns: int, dots: int) -> PILImage.Image | None:
    """One block as a picture `dots` wide; None for a cut (drawn by the caller if wanted)."""
    if isinstance(block, Text | Columns | Rule):
        lines = [
            line_image(t, bold=b, width=w, height=h) for t, b, w, h in printed_lines(block, columns)
        ]
        return stack(lines, dots)
    if isinstance(block, QR):
        parts = [qr_image(block.data, block.module)]
        if block.caption:
            parts.append(PILImage.new("1", (1, 8), 1))  # the printer's line gap under the code
            parts.append(line_image(block.caption))
        return stack(parts, dots, Align.CENTER)
    if isinstance(block, Barcode):
        return stack(
            [barcode_image(block.data, block.height, dots), line_image(block.data)],
            dots,
            Align.CENTER,
        )
    if isinstance(block, Image):
        return stack([picture(block.png, dots)], dots, Align.CENTER)
    if isinstance(block, Feed):
        return PILImage.new("1", (dots, LINE_DOTS * block.lines), 1)
    assert isinstance(block, Cut)
    return None
