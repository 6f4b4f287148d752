"""The printer-neutral layout model and CJK-aware column arithmetic.

A document is a tuple of frozen blocks laid out on a grid of character columns (32 on 58 mm
paper, 48 on 80 mm). Chinese printers print every non-ASCII character as a double-byte
glyph, so such a character takes two columns; East Asian Wide/Fullwidth characters take two
columns in any mode. Everything here is plain data so jobs can be stored as JSON and rendered
later by a driver (ESC/POS bytes) or by the preview (PNG).
"""

from __future__ import annotations

import base64
import unicodedata
from dataclasses import dataclass
from enum import Enum
from typing import Any


class Align(str, Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class Text:
    """A paragraph, wrapped to the paper. `width`/`height` are magnifications 1–4 (GS !)."""

    text: str
    bold: bool = False
    width: int = 1
    height: int = 1
    align: Align = Align.LEFT


@dataclass(frozen=True, slots=True)
class Columns:
    """A two-column row: left text wraps, right text is right-aligned on the first line."""

    left: str
    right: str
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    """A full-width separator line drawn with `char`."""

    char: str = "-"


@dataclass(frozen=True, slots=True)
class QR:
    """A QR code centred on the paper; `module` is the dot size of one module (1–16)."""

    data: str
    module: int = 6
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Barcode:
    """A 1-D barcode (CODE128 of ASCII data), centred, with its text below."""

    data: str
    height: int = 64

    def __post_init__(self) -> None:
        if not self.data or not all(" " <= ch <= "~" for ch in self.data):
            raise ValueError(f"a CODE128 barcode takes printable ASCII only, not {self.data!r}")
        if not 1 <= self.height <= 255:
            raise ValueError(f"barcode height {self.height} out of range 1–255 dots")


@dataclass(frozen=True, slots=True)
class Image:
    """A picture (e.g. a logo) as PNG bytes; scaled down to the paper's dots if wider."""

    png: bytes


@dataclass(frozen=True, slots=True)
class Feed:
    lines: int = 1


@dataclass(frozen=True, slots=True)
class Cut:
    """End of slip: cut where the printer has a cutter, else feed to the tear bar."""

    partial: bool = False


Block = Text | Columns | Rule | QR | Barcode | Image | Feed | Cut
BLOCK_TYPES: dict[str, type[Any]] = {
    cls.__name__.lower(): cls for cls in (Text, Columns, Rule, QR, Barcode, Image, Feed, Cut)
}


@dataclass(frozen=True, slots=True)
class Document:
    """One printable slip. `kind` names the document type (receipt, handover, …)."""

    kind: str
    title: str
    blocks: tuple[Block, ...]


# --- columns ------------------------------------------------------------------------------


def char_width(ch: str) -> int:
    """Columns one character takes: ASCII 1, combining marks 0, anything else 2."""
    code = ord(ch)
    if code < 0x20 or code == 0x7F:
        return 0
    if code < 0x80:
        return 1
    if unicodedata.combining(ch):
        return 0
    return 2


def text_width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def wrap(text: str, columns: int) -> list[str]:
    """Break `text` into lines of at most `columns` columns.

    Latin words stay whole when they fit; CJK text breaks between any two characters;
    explicit newlines are kept. An empty text gives one empty line.
    """
    if columns < 2:
        raise ValueError("need at least two columns to lay out text")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, columns))
    return lines


def _wrap_paragraph(text: str, columns: int) -> list[str]:
    lines: list[str] = []
    line, used = "", 0
    for token in _tokens(text):
        width = text_width(token)
        if used + width <= columns:
            line, used = line + token, used + width
            continue
        if token == " ":
            lines.append(line)
            line, used = "", 0
            continue
        if width <= columns and line:
            lines.append(line.rstrip())
            line, used = token, width
            continue
        for ch in token:  # too long for any line: break it by characters
            w = char_width(ch)
            if used + w > columns:
                lines.append(line)
                line, used = "", 0
            line, used = line + ch, used + w
    lines.append(line.rstrip() if lines else line)
    return [ln.rstrip() for ln in lines] or [""]


def _tokens(text: str) -> list[str]:
    """Latin words, single spaces, and single non-ASCII characters."""
    tokens: list[str] = []
    word = ""
    for ch in text:
        if ch.isascii() and ch != " ":
            word += ch
            continue
        if word:
            tokens.append(word)
            word = ""
        tokens.append(ch)
    if word:
        tokens.append(word)
    return tokens


def fit(text: str, columns: int, align: Align = Align.LEFT) -> str:
    """Pad (or cut) `text` to exactly `columns` columns."""
    if text_width(text) > columns:
        text = truncate(text, columns)
    gap = columns - text_width(text)
    if align is Align.RIGHT:
        return " " * gap + text
    if align is Align.CENTER:
        left = gap // 2
        return " " * left + text + " " * (gap - left)
    return text + " " * gap


def truncate(text: str, columns: int) -> str:
    out, used = "", 0
    for ch in text:
        w = char_width(ch)
        if used + w > columns:
            break
        out, used = out + ch, used + w
    return out


def two_columns(left: str, right: str, columns: int) -> list[str]:
    """Left text wrapped beside a right-aligned value; the value goes on the first line, or
    on its own line when it does not fit beside any of the left text."""
    right_w = text_width(right)
    room = columns - right_w - 1
    if right_w == 0:
        return wrap(left, columns)
    if room < 4:
        return [*wrap(left, columns), fit(right, columns, Align.RIGHT)]
    lines = wrap(left, room)
    first = fit(lines[0], room) + " " + right
    return [first, *lines[1:]]


def printed_lines(block: Text | Columns | Rule, columns: int) -> list[tuple[str, bool, int, int]]:
    """The printed lines of a text-like block as (text, bold, width, height): aligned with
    spaces on the column grid, trailing spaces dropped. Native and raster mode share it."""
    if isinstance(block, Text):
        cols = columns // block.width
        return [
            (fit(ln, cols, block.align).rstrip(), block.bold, block.width, block.height)
            for ln in wrap(block.text, cols)
        ]
    if isinstance(block, Columns):
        return [(ln, block.bold, 1, 1) for ln in two_columns(block.left, block.right, columns)]
    return [(block.char * (columns // max(char_width(block.char), 1)), False, 1, 1)]


# --- JSON codec (jobs are stored as JSON in the print queue) ------------------------------


def document_to_json(doc: Document) -> dict[str, Any]:
    return {"kind": doc.kind, "title": doc.title, "blocks": [_block_to_json(b) for b in doc.blocks]}


def _block_to_json(block: Block) -> dict[str, Any]:
    out: dict[str, Any] = {"type": type(block).__name__.lower()}
    for name in block.__slots__:
        value = getattr(block, name)
        if isinstance(value, Align):
            value = value.value
        elif isinstance(value, bytes):
            value = base64.b64encode(value).decode("ascii")
        out[name] = value
    return out


def document_from_json(data: dict[str, Any]) -> Document:
    """Rebuild a stored document; a malformed one raises ValueError saying what is wrong."""
    try:
        blocks = tuple(_block_from_json(b) for b in data["blocks"])
        return Document(kind=str(data["kind"]), title=str(data["title"]), blocks=blocks)
    except (KeyError, TypeError) as exc:
        raise ValueError(f"stored print document is malformed: {exc!r}") from exc


def _block_from_json(data: dict[str, Any]) -> Block:
    fields = dict(data)
    cls = BLOCK_TYPES.get(str(fields.pop("type", "")))
    if cls is None:
        raise ValueError(f"unknown block type in stored document: {data.get('type')!r}")
    if "align" in fields:
        fields["align"] = Align(fields["align"])
    if cls is Image:
        fields["png"] = base64.b64decode(fields["png"])
    block: Block = cls(**fields)
    return block
