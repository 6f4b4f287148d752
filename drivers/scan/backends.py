"""The three QR libraries behind one small interface, each taking a grayscale numpy array.

zxing-cpp is the default (fastest, reads most). pyzbar needs the system library libzbar0:
where it is missing, `load_pyzbar()` returns None and logs one clear line, and everything
else keeps working. OpenCV's detector is here to be measured; it does not earn a place in
the default pipeline (slower and reads fewer frames, see docs/scan.md).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Protocol

import cv2
import numpy as np
import zxingcpp
from numpy.typing import NDArray

Gray = NDArray[np.uint8]
log = logging.getLogger(__name__)

# QR for pickup tokens and badges (the camera reads nothing else; bag labels go through the
# handheld scanner)
ZXING_FORMATS: Any = (zxingcpp.BarcodeFormat.QRCode,)


@dataclass(frozen=True, slots=True)
class Found:
    """Texts read, plus the corners of codes that were located but did not decode (a cheap
    region of interest for the recoveries)."""

    texts: tuple[str, ...]
    near_misses: tuple[tuple[int, int, int, int], ...] = ()  # x0, y0, x1, y1


class Backend(Protocol):
    name: str

    def read(self, gray: Gray) -> Found: ...


class ZxingBackend:
    """zxing-cpp. `binarizer` picks zxing's own thresholding (LocalAverage is its default)."""

    name = "zxing-cpp"

    def __init__(
        self,
        *,
        formats: Any = ZXING_FORMATS,
        try_invert: bool = True,
        try_downscale: bool = True,
        binarizer: Any = None,
    ) -> None:
        self._formats = formats
        self._invert = try_invert
        self._downscale = try_downscale
        self._binarizer = binarizer if binarizer is not None else zxingcpp.Binarizer.LocalAverage

    def read(self, gray: Gray) -> Found:
        found = zxingcpp.read_barcodes(
            gray,
            formats=self._formats,
            try_rotate=False,
            try_invert=self._invert,
            try_downscale=self._downscale,
            binarizer=self._binarizer,
            return_errors=True,
        )
        texts: list[str] = []
        misses: list[tuple[int, int, int, int]] = []
        for code in found:
            if code.valid:
                texts.append(code.text)
            else:
                p = code.position
                xs = (p.top_left.x, p.top_right.x, p.bottom_left.x, p.bottom_right.x)
                ys = (p.top_left.y, p.top_right.y, p.bottom_left.y, p.bottom_right.y)
                misses.append((min(xs), min(ys), max(xs), max(ys)))
        return Found(tuple(texts), tuple(misses))


class PyzbarBackend:
    """pyzbar (ZBar). Construct through `load_pyzbar()`, which copes with a missing libzbar."""

    name = "pyzbar"

    def __init__(self, module: Any) -> None:
        self._zbar = module
        self._symbols = [module.ZBarSymbol.QRCODE]

    def read(self, gray: Gray) -> Found:
        h, w = gray.shape[:2]
        found = self._zbar.decode(
            (np.ascontiguousarray(gray).tobytes(), w, h), symbols=self._symbols
        )
        return Found(tuple(r.data.decode("utf-8", "replace") for r in found))


_pyzbar_state: dict[str, Any] = {}


def load_pyzbar() -> PyzbarBackend | None:
    """pyzbar if its library loads, else None after one log line saying what to install."""
    if "backend" in _pyzbar_state:
        backend: PyzbarBackend | None = _pyzbar_state["backend"]
        return backend
    try:
        from pyzbar import pyzbar as module

        loaded: PyzbarBackend | None = PyzbarBackend(module)
    except (ImportError, OSError) as exc:
        log.warning(
            "pyzbar unavailable (%s): decoding with zxing-cpp only; install the "
            "libzbar0 package to add pyzbar as a fallback",
            exc,
        )
        loaded = None
    _pyzbar_state["backend"] = loaded
    return loaded


def reset_pyzbar() -> None:
    """Forget the cached pyzbar load (tests simulate a missing library)."""
    _pyzbar_state.clear()


class OpenCvBackend:
    """OpenCV's ArUco-based QR detector, multi-code mode: of OpenCV's four ways it read the
    most frames here (about twice the classic `QRCodeDetector`) and had no multi-second
    outliers."""

    name = "opencv"

    def __init__(self) -> None:
        self._detector = cv2.QRCodeDetectorAruco()

    def read(self, gray: Gray) -> Found:
        try:
            ok, texts, _points, _ = self._detector.detectAndDecodeMulti(gray)
        except cv2.error:
            return Found(())
        return Found(tuple(t for t in texts if t) if ok else ())
