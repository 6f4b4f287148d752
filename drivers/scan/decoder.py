"""The decoder the camera and `kiosk decode` share: zxing-cpp first, then repairs on the
likely code regions within a time budget (sharpening, denoising, deconvolution of a measured
motion smear or defocus, upscaling), with pyzbar as one of the fallbacks.

Most frames decode in the first zxing pass (about 1–2 ms on 1280×720). Only frames that fail
pay for repairs, and never more than `budget_ms` in total, so a camera worker keeps up. The
budget counts this thread's CPU time, so a busy machine slows a repair round down but does not
cut it short (the result's `ms` is wall-clock time).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import zxingcpp
from numpy.typing import NDArray

from drivers.scan import recover
from drivers.scan.backends import (
    Backend,
    Found,
    Gray,
    OpenCvBackend,
    ZxingBackend,
    load_pyzbar,
)
from kiosk.errors import DeviceError, DeviceErrorKind
from kiosk.ports import DecodeResult

Step = tuple[str, Callable[[Gray], Gray | None], Backend]
BACKENDS = ("pipeline", "zxing-cpp", "pyzbar", "opencv")
MAX_ROI = 640  # repairs run on at most this many pixels a side: a huge photo costs no more


def as_gray(image: object) -> Gray:
    """A plain 8-bit grayscale array from a gray, gray+alpha, BGR or BGRA array (what cameras
    and image files give). Anything else is not an image: ValueError."""
    arr = np.asarray(image)
    if arr.dtype == np.bool_:
        arr = arr.astype(np.uint8) * 255
    elif arr.dtype != np.uint8:
        arr = np.clip(np.nan_to_num(arr.astype(np.float64)), 0, 255).astype(np.uint8)
    if arr.ndim == 3 and arr.shape[2] in (1, 2):  # gray, or gray + alpha
        arr = arr[..., 0]
    if arr.ndim == 3 and arr.shape[2] in (3, 4) and arr.size:
        code = cv2.COLOR_BGRA2GRAY if arr.shape[2] == 4 else cv2.COLOR_BGR2GRAY
        arr = cv2.cvtColor(np.ascontiguousarray(arr), code)
    if arr.ndim != 2:
        raise ValueError(f"expected a grayscale or colour image, got an array of shape {arr.shape}")
    return np.ascontiguousarray(arr)


def load_image(path: Path) -> Gray:
    """Read an image file as grayscale, with a plain message when it is not one."""
    if path.is_dir():
        raise DeviceError(DeviceErrorKind.BAD_DATA, f"{path}: a folder, not an image file")
    if not path.is_file():
        raise DeviceError(DeviceErrorKind.NOT_FOUND, f"{path}: no such file")
    try:
        data = np.fromfile(str(path), dtype=np.uint8)
    except OSError as exc:
        raise DeviceError(
            DeviceErrorKind.NOT_FOUND, f"{path}: cannot be read ({exc.strerror or exc})"
        ) from exc
    try:  # OpenCV asserts on an empty buffer instead of returning None
        image = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE) if data.size else None
    except cv2.error:
        image = None
    if image is None:
        raise DeviceError(
            DeviceErrorKind.BAD_DATA,
            f"{path}: not an image this decoder can read (PNG, JPEG, BMP…)",
        )
    return np.asarray(image, dtype=np.uint8)


class _Deblur:
    """Deconvolution attempts for one region, measured once and only when first needed: a
    straight motion smear (direction from the edges, length from the spectrum's zeros) and
    a disk defocus (radius from the spectrum's rings), the likelier kind first (a smear
    leaves edges one way only), each at its likeliest sizes. The work runs on a copy of at
    most `SIDE` pixels a side (a 1280×720 frame's code keeps 4+ pixels a module), so an
    attempt costs about 2 ms."""

    MAX = 7
    SIDE = 320
    SMEAR = 0.6  # anisotropy below this: the edges say "smear"
    EXTRA = 0.75  # a drawn segment of length L smears about 0.75 px less than L
    NOISE = 0.005  # Wiener's noise-to-signal ratio K

    def __init__(self, roi: Gray) -> None:
        self.roi = roi
        self._plan: list[tuple[NDArray[np.float32], float]] | None = None
        self._deconvolver: recover.Deconvolver | None = None

    def _measure(self) -> tuple[recover.Deconvolver, list[tuple[NDArray[np.float32], float]]]:
        if self._plan is None or self._deconvolver is None:
            small = recover.at_most(self.roi, self.SIDE)
            spectrum = recover.Spectrum(small)
            _, anisotropy = recover.blur_direction(small)
            angle, found = recover.smear(small, spectrum)
            lengths = [n for n, _ in found][:3]
            radii = [r for r, _ in recover.defocus_radius(small, spectrum)][:2]
            f = small.shape[0] / self.roi.shape[0]
            motion = [(recover.line_psf(n + self.EXTRA, angle), self.NOISE) for n in lengths]
            disk = [(recover.disk_psf(r), self.NOISE) for r in radii]
            # a soft lens under noise (no zeros to find): a Gaussian, deconvolved gently
            disk[1:1] = [(recover.gauss_psf(2.0 * f), 0.05)]
            first, second = (motion, disk) if anisotropy < self.SMEAR else (disk, motion)
            # the likelier kind's two best guesses, then the other kind's best, then the rest
            self._plan = first[:2] + second[:1] + first[2:] + second[1:]
            self._deconvolver = recover.Deconvolver(small)
        return self._deconvolver, self._plan

    def attempt(self, i: int) -> Callable[[Gray], Gray | None]:
        def repair(_roi: Gray) -> Gray | None:
            deconvolver, plan = self._measure()
            if i >= len(plan):
                return None
            # what is left is mostly the lens's own softness: a light unsharp mask
            psf, noise = plan[i]
            return recover.unsharp(deconvolver.apply(psf, noise), 1.5, 1.0)

        return repair


def _dedupe(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(texts))


class SingleBackendDecoder:
    """One library on the whole frame, nothing else (for the benchmark and `--backend`)."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    def decode(self, gray: object, budget_ms: float | None = None) -> DecodeResult:
        """`budget_ms` is ignored: a single library has no repairs to budget."""
        started = time.perf_counter()
        image = as_gray(gray)
        found = self.backend.read(image) if image.size else Found(())
        ms = (time.perf_counter() - started) * 1000
        return DecodeResult(_dedupe(found.texts), ms, self.backend.name)


class PipelineDecoder:
    """zxing-cpp on the frame; on failure, repairs of the code region until one decodes or
    the budget is spent. The default for the camera and `kiosk decode`."""

    def __init__(
        self,
        *,
        budget_ms: float = 25.0,
        use_pyzbar: bool = True,
        zxing: ZxingBackend | None = None,
        regions: int = 2,
    ) -> None:
        cv2.setNumThreads(1)  # one core per decoder; small regions gain nothing from threads
        self.budget_ms = budget_ms
        self.regions = regions
        self.zxing = zxing or ZxingBackend()
        self.pyzbar = load_pyzbar() if use_pyzbar else None
        self._fixed = ZxingBackend(binarizer=zxingcpp.Binarizer.FixedThreshold, try_downscale=False)

    def _steps(self, roi: Gray) -> list[Step]:
        side = max(roi.shape[:2])
        sigma = min(3.0, max(1.0, side / 200))
        sharp: Callable[[Gray], Gray] = lambda g: recover.unsharp(g, sigma, 2.0)  # noqa: E731
        blur = _Deblur(roi)
        denoise: Callable[[Gray], Gray] = lambda g: recover.unsharp(  # noqa: E731
            np.asarray(cv2.GaussianBlur(g, (0, 0), sigma / 2), dtype=np.uint8), sigma, 3.0
        )
        soothe: Callable[[Gray], Gray] = lambda g: recover.unsharp(  # noqa: E731
            np.asarray(cv2.GaussianBlur(g, (0, 0), sigma), dtype=np.uint8), 1.5 * sigma, 4.0
        )
        steps: list[Step] = [
            ("sharpen", sharp, self.zxing),
            ("denoise", denoise, self.zxing),
            ("denoise", soothe, self.zxing),
            ("deblur", blur.attempt(0), self.zxing),
            ("deblur", blur.attempt(1), self.zxing),
        ]
        if self.pyzbar is not None:  # reads moiré screens zxing misses; costs 2-8 ms
            steps.append(("pyzbar", lambda g: g, self.pyzbar))
        if side < 420:
            steps.append(("upscale", lambda g: sharp(recover.upscale(g)), self.zxing))
        steps += [
            ("smooth", lambda g: sharp(recover.smooth(g)), self.zxing),
            ("deblur", blur.attempt(2), self.zxing),
            ("threshold", sharp, self._fixed),
        ]
        steps += [("deblur", blur.attempt(i), self.zxing) for i in range(3, _Deblur.MAX)]
        # CLAHE and pyzbar on the sharpened region were tried and never rescued a frame
        # that the steps above missed (990 frames, three seeds), so they are not here.
        return steps

    def decode(self, gray: object, budget_ms: float | None = None) -> DecodeResult:
        """Texts in the frame. `budget_ms` overrides the repair budget for this call (0 = the
        first zxing pass only, what the camera uses between repair rounds)."""
        started = time.perf_counter()
        cpu_started = time.thread_time()
        budget = self.budget_ms if budget_ms is None else budget_ms
        image = as_gray(gray)
        if not image.size:
            return self._result(Found(()), started, "empty image")
        found = self.zxing.read(image)
        if found.texts or budget <= 0:
            return self._result(found, started, "zxing")
        boxes = [recover.pad_box(b, image.shape) for b in found.near_misses[:1]]
        # at most `regions` in all: each one multiplies the cost of every repair
        boxes = (boxes + recover.busiest_regions(image, self.regions))[: self.regions]
        rois = [
            recover.at_most(roi, MAX_ROI)
            for roi in (recover.crop(image, b) for b in boxes)
            if min(roi.shape[:2]) >= 24
        ]
        plans = [self._steps(roi) for roi in rois]
        # breadth first: the most useful repair on every region before the next repair, so
        # a wrong first region does not eat the budget
        for i in range(max((len(p) for p in plans), default=0)):
            for roi, plan in zip(rois, plans, strict=True):
                if i >= len(plan):
                    continue
                if (time.thread_time() - cpu_started) * 1000 > budget:
                    return self._result(Found(()), started, "budget spent")
                name, repair, backend = plan[i]
                repaired = repair(roi)
                if repaired is None:
                    continue  # nothing to try (no blur of that kind measured)
                found = backend.read(np.ascontiguousarray(repaired))
                if found.texts:
                    label = name if backend is self.pyzbar else f"zxing+{name}"
                    return self._result(found, started, label)
        return self._result(Found(()), started, "none")

    @staticmethod
    def _elapsed(started: float) -> float:
        return (time.perf_counter() - started) * 1000

    def _result(self, found: Found, started: float, method: str) -> DecodeResult:
        return DecodeResult(_dedupe(found.texts), self._elapsed(started), method)


def make_decoder(
    name: str = "pipeline", *, budget_ms: float = 25.0
) -> PipelineDecoder | SingleBackendDecoder:
    """A decoder by name: `pipeline` (default), `zxing-cpp`, `pyzbar` or `opencv`."""
    if name == "pipeline":
        return PipelineDecoder(budget_ms=budget_ms)
    if name == "zxing-cpp":
        return SingleBackendDecoder(ZxingBackend())
    if name == "opencv":
        return SingleBackendDecoder(OpenCvBackend())
    if name == "pyzbar":
        backend = load_pyzbar()
        if backend is None:
            raise DeviceError(
                DeviceErrorKind.CONFIG,
                "pyzbar cannot load libzbar here; install the libzbar0 package "
                "or use the default decoder",
            )
        return SingleBackendDecoder(backend)
    raise DeviceError(
        DeviceErrorKind.CONFIG, f"unknown decoder {name!r}; choose one of {', '.join(BACKENDS)}"
    )
