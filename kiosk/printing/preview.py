"""A PNG that looks like the printed slip: for the GUI, for support, and for tests to look at.

Uses the raster renderer (the same dot grid as the printer), framed as a strip of paper with
its margins and a dashed line where the cutter cuts.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image as PILImage, ImageDraw

from kiosk.ports import PaperWidth
from kiosk.printing.layout import Cut, Document
from kiosk.printing.raster import block_image, stack

MARGIN_DOTS = 24  # unprintable edge of a thermal roll on each side
BACKGROUND = (222, 222, 222)


def document_image(doc: Document, paper: PaperWidth) -> PILImage.Image:
    """The printable area of the slip as a 1-bit picture, `paper.dots` wide."""
    parts: list[PILImage.Image] = []
    for block in doc.blocks:
        img = block_image(block, paper.columns, paper.dots)
        if img is None and isinstance(block, Cut):
            img = _cut_mark(paper.dots)
        if img is not None:
            parts.append(img)
    return stack(parts, paper.dots)


def _cut_mark(dots: int) -> PILImage.Image:
    img = PILImage.new("1", (dots, 40), 1)
    draw = ImageDraw.Draw(img)
    for x in range(0, dots, 16):
        draw.line((x, 30, x + 8, 30), fill=0)
    return img


def preview_image(doc: Document, paper: PaperWidth) -> PILImage.Image:
    """The slip on a grey desk: paper-white strip, margins, slightly warm thermal black."""
    body = document_image(doc, paper).convert("L")
    width = paper.dots + 2 * MARGIN_DOTS
    sheet = PILImage.new("RGB", (width, body.height + 2 * MARGIN_DOTS), (252, 252, 248))
    ink = PILImage.new("RGB", body.size, (34, 34, 40))
    sheet.paste(ink, (MARGIN_DOTS, MARGIN_DOTS), mask=PILImage.eval(body, lambda v: 255 - v))
    frame = PILImage.new("RGB", (width + 32, sheet.height + 32), BACKGROUND)
    frame.paste(sheet, (16, 16))
    return frame


def preview_png(doc: Document, paper: PaperWidth) -> bytes:
    buf = io.BytesIO()
    preview_image(doc, paper).save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def save_preview(doc: Document, paper: PaperWidth, path: Path) -> Path:
    path.write_bytes(preview_png(doc, paper))
    return path
