"""Image repairs tried when a frame does not decode as it is.

Each works on a small region of interest (the located-but-undecoded code, or the patch of
the frame with the densest edges), so a repair costs a millisecond or two, not a full-frame
pass: unsharp masks, upscaling, a median, and deconvolution of a blur measured on the region
itself (a straight motion smear: direction and length; a defocus disk: radius; see
docs/scan.md). Every function accepts any region, down to a few pixels, without raising.
"""

from __future__ import annotations

import functools
import math

import cv2
import numpy as np
from numpy.typing import NDArray

Gray = NDArray[np.uint8]
Box = tuple[int, int, int, int]  # x0, y0, x1, y1


def pad_box(box: Box, shape: tuple[int, ...], margin: float = 0.18) -> Box:
    x0, y0, x1, y1 = box
    m = int(margin * max(x1 - x0, y1 - y0)) + 8
    return max(0, x0 - m), max(0, y0 - m), min(shape[1], x1 + m), min(shape[0], y1 + m)


def busiest_regions(gray: Gray, count: int = 2, step: int = 4) -> list[Box]:
    """Bounding boxes of the `count` blobs with the densest edges in both directions: where
    a QR code (module edges every way) most likely is, even when it is too blurred for a
    library to find its finder patterns. Requiring both directions ranks lines of text
    (mostly horizontal edges) below codes."""
    h, w = gray.shape[:2]
    if h // step < 3 or w // step < 3:  # a strip or a thumbnail: the whole image is the region
        return [(0, 0, w, h)] if h and w else []
    small = cv2.resize(gray, (w // step, h // step), interpolation=cv2.INTER_AREA)
    gx = cv2.convertScaleAbs(cv2.Sobel(small, cv2.CV_16S, 1, 0)).astype(np.float32)
    gy = cv2.convertScaleAbs(cv2.Sobel(small, cv2.CV_16S, 0, 1)).astype(np.float32)
    density = np.minimum(cv2.boxFilter(gx, -1, (15, 15)), cv2.boxFilter(gy, -1, (15, 15)))
    boxes: list[Box] = []
    for _ in range(count):
        _, top, _, (px, py) = cv2.minMaxLoc(density)
        if top <= 0:
            break
        for level in (0.55, 0.7, 0.85):  # a blob spreading over the frame: cut higher
            mask = (density > level * top).astype(np.uint8)
            _, labels, stats, _ = cv2.connectedComponentsWithStats(mask)
            x, y, bw, bh, _ = (int(v) for v in stats[labels[py, px]])
            if bw * bh <= 0.2 * density.size:
                break
        boxes.append(
            pad_box((x * step, y * step, (x + bw) * step, (y + bh) * step), gray.shape, margin=0.08)
        )
        density[max(0, y - 4) : y + bh + 4, max(0, x - 4) : x + bw + 4] = 0
    return boxes


def crop(gray: Gray, box: Box) -> Gray:
    x0, y0, x1, y1 = box
    return gray[y0:y1, x0:x1]


def at_most(gray: Gray, side: int) -> Gray:
    """The region shrunk so its longer side is at most `side` (a repair's cost grows with the
    area; a code that big has modules to spare)."""
    longest = max(gray.shape[:2])
    if longest <= side:
        return gray
    f = side / longest
    return np.asarray(
        cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA), dtype=np.uint8
    )


def unsharp(gray: Gray, sigma: float, amount: float) -> Gray:
    """Unsharp mask: restores module edges softened by focus or a smudged lens."""
    blurred = cv2.GaussianBlur(gray, (0, 0), sigma)
    return np.asarray(cv2.addWeighted(gray, 1 + amount, blurred, -amount, 0), dtype=np.uint8)


def upscale(gray: Gray, factor: float = 2.0) -> Gray:
    """Bigger modules for codes held far away (below ~3 px per module)."""
    return np.asarray(
        cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC), dtype=np.uint8
    )


def smooth(gray: Gray) -> Gray:
    """A light median removes a screen's pixel grid (moiré) before thresholding."""
    return np.asarray(cv2.medianBlur(gray, 3), dtype=np.uint8)


# first three zeros of the Bessel J1: a disk of radius R has its OTF zeros at J1 zero / (2πR)
_DISK_ZEROS = (3.8317, 7.0156, 10.1735)


def line_psf(length: float, angle: float) -> NDArray[np.float32]:
    """A straight smear `length` pixels long at `angle` radians, anti-aliased, summing to 1."""
    size = (math.ceil(length) | 1) + 2
    k = np.zeros((size, size), np.float32)
    c = (size - 1) / 2
    half = max(length - 1.0, 0.0) / 2
    for t in np.linspace(-half, half, max(2, int(length * 4))):
        x, y = c + t * math.cos(angle), c + t * math.sin(angle)
        x0, y0 = math.floor(x), math.floor(y)
        fx, fy = x - x0, y - y0
        k[y0, x0] += (1 - fx) * (1 - fy)
        k[y0, x0 + 1] += fx * (1 - fy)
        k[y0 + 1, x0] += (1 - fx) * fy
        k[y0 + 1, x0 + 1] += fx * fy
    return np.asarray(k / max(float(k.sum()), 1e-6), dtype=np.float32)


def disk_psf(radius: float) -> NDArray[np.float32]:
    """A lens out of focus: a uniform disk of `radius` pixels, anti-aliased, summing to 1."""
    r = math.ceil(radius) + 1
    yy, xx = np.mgrid[-r : r + 1, -r : r + 1].astype(np.float32)
    k = np.clip(radius + 0.5 - np.hypot(xx, yy), 0.0, 1.0).astype(np.float32)
    return np.asarray(k / max(float(k.sum()), 1e-6), dtype=np.float32)


def gauss_psf(sigma: float) -> NDArray[np.float32]:
    """A soft lens (or a code seen through a smudge): a Gaussian of `sigma` pixels."""
    r = max(1, int(3 * sigma))
    k = cv2.getGaussianKernel(2 * r + 1, sigma).astype(np.float32)
    return np.asarray(k @ k.T, dtype=np.float32)


def blur_direction(gray: Gray) -> tuple[float, float]:
    """The direction a straight motion blur smeared the region along (radians), and how
    anisotropic its edges are (smallest / largest structure-tensor eigenvalue: near 1 for a
    sharp or defocused code, whose module edges run both ways equally; ~0.2 for a smear).
    A smear softens the edges across its direction most, so that direction has the least
    gradient energy."""
    f = gray.astype(np.float32)
    gx = cv2.Sobel(f, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(f, cv2.CV_32F, 0, 1, ksize=3)
    sxx, syy, sxy = float((gx * gx).mean()), float((gy * gy).mean()), float((gx * gy).mean())
    angle = 0.5 * math.atan2(2 * sxy, sxx - syy) + math.pi / 2
    spread = math.hypot(sxx - syy, 2 * sxy)
    big, small = (sxx + syy + spread) / 2, (sxx + syy - spread) / 2
    return angle, (small / big if big > 0 else 1.0)


class Spectrum:
    """Log power spectrum of a windowed region, zero-padded to a square DFT size, centred:
    computed once per region, read by both blur measures."""

    def __init__(self, gray: Gray) -> None:
        f = gray.astype(np.float32) - float(gray.mean())
        f *= cv2.createHanningWindow((f.shape[1], f.shape[0]), cv2.CV_32F)
        n = cv2.getOptimalDFTSize(max(f.shape[:2]))
        pad = np.zeros((n, n), np.float32)
        pad[: f.shape[0], : f.shape[1]] = f
        spec = cv2.dft(pad, flags=cv2.DFT_COMPLEX_OUTPUT)
        power = spec[..., 0] ** 2 + spec[..., 1] ** 2
        self.n = n
        self.log: NDArray[np.float32] = np.asarray(
            np.fft.fftshift(np.log(power + 1e-2)), dtype=np.float32
        )


@functools.lru_cache(maxsize=8)
def _rings(n: int) -> tuple[NDArray[np.int32], NDArray[np.float64]]:
    """Ring index of every pixel of an n×n centred spectrum, and the pixels per ring."""
    yy, xx = np.mgrid[0:n, 0:n].astype(np.float32)
    rr = np.hypot(xx - n / 2, yy - n / 2).astype(np.int32).ravel()
    return rr, np.maximum(np.bincount(rr, minlength=n), 1).astype(np.float64)


def _deepest_zeros(
    profile: NDArray[np.float32], zeros_at: list[float], sizes: NDArray[np.float64], count: int = 3
) -> list[tuple[float, float]]:
    """Blur sizes whose predicted spectral zeros sit deepest below the frequencies half way
    between them, best first, as (size, depth); `zeros_at` are the zeros for size 1 (scaled
    by 1/size). Several, because a code's own modules put dips in its spectrum too."""
    kk = np.arange(len(profile), dtype=np.float64)
    limit = len(profile) / 1.25  # beyond, JPEG and sensor noise fill the spectrum
    at = np.asarray(zeros_at, np.float64)[None, :] / sizes[:, None]  # sizes × zeros
    used = at < limit
    gaps = np.where(at.shape[1] > 1, (at[:, 1:2] - at[:, :1]) / 2, at[:, :1] / 2)
    z = np.interp(at, kk, profile)
    around = (np.interp(at - gaps, kk, profile) + np.interp(at + gaps, kk, profile)) / 2
    counts = used.sum(axis=1)
    scores = np.where(counts > 0, ((z - around) * used).sum(axis=1) / np.maximum(counts, 1), 0)
    scores = np.minimum(scores, 0.0)
    inner = (scores[1:-1] <= scores[:-2]) & (scores[1:-1] <= scores[2:])
    minima = [int(i) + 1 for i in np.flatnonzero(inner & (scores[1:-1] < 0))]
    if len(scores) > 1 and scores[0] < 0 and scores[0] <= scores[1]:
        minima.append(0)
    minima.sort(key=lambda i: scores[i])
    return [(float(sizes[i]), float(-scores[i])) for i in minima[:count]]


_LENGTHS = np.arange(6.0, 32.0, 0.25)  # shorter: a code's own modules (4-5 px at 320 px) look alike
_RADII = np.arange(1.5, 12.0, 0.25)


def motion_length(
    gray: Gray, angle: float, spectrum: Spectrum | None = None
) -> list[tuple[float, float]]:
    """Likely lengths in pixels of a straight motion blur along `angle`, best first, from
    where its spectrum has its zeros (a smear of L pixels zeroes every n/L-th frequency along
    its direction), each with how deep those zeros are."""
    if min(gray.shape[:2]) < 24:
        return []
    spec = spectrum or Spectrum(gray)
    n = spec.n
    c = n / 2
    ks = np.arange(0, n // 2, dtype=np.float32)
    across = np.linspace(-n / 8, n / 8, 25, dtype=np.float32)
    cos, sin = math.cos(angle), math.sin(angle)
    xs = c + ks[None, :] * cos - across[:, None] * sin
    ys = c + ks[None, :] * sin + across[:, None] * cos
    band = cv2.remap(
        spec.log,
        xs.astype(np.float32),
        ys.astype(np.float32),
        cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_REFLECT,
    )
    profile = np.asarray(band.mean(axis=0), dtype=np.float32)
    return _deepest_zeros(profile, [n * m for m in (1.0, 2.0, 3.0)], _LENGTHS)


def defocus_radius(gray: Gray, spectrum: Spectrum | None = None) -> list[tuple[float, float]]:
    """Likely radii in pixels of a disk (defocus) blur, best first, from the rings of zeros
    in the spectrum, each with how deep those rings are."""
    if min(gray.shape[:2]) < 24:
        return []
    spec = spectrum or Spectrum(gray)
    n = spec.n
    rr, counts = _rings(n)
    sums = np.bincount(rr, weights=spec.log.ravel(), minlength=n)
    profile = np.asarray((sums / counts)[: n // 2], dtype=np.float32)
    zeros = [n * z / (2 * math.pi) for z in _DISK_ZEROS]
    return _deepest_zeros(profile, zeros, _RADII)


class Deconvolver:
    """Wiener deconvolution G·conj(H) / (|H|² + K) of one region against several PSFs: the
    region's DFT is taken once (padded for a fast DFT, its border replicated so the
    wrap-around does not ring into the code)."""

    PAD = 20

    def __init__(self, gray: Gray) -> None:
        h, w = gray.shape[:2]
        m = self.PAD
        ph, pw = cv2.getOptimalDFTSize(h + 2 * m), cv2.getOptimalDFTSize(w + 2 * m)
        padded = cv2.copyMakeBorder(gray, m, ph - h - m, m, pw - w - m, cv2.BORDER_REPLICATE)
        self.size = (h, w)
        self.dft_size = (ph, pw)
        self._big = cv2.dft(padded.astype(np.float32), flags=cv2.DFT_COMPLEX_OUTPUT)

    def apply(self, psf: NDArray[np.float32], noise: float = 0.01) -> Gray:
        (h, w), (ph, pw), m = self.size, self.dft_size, self.PAD
        kh, kw = psf.shape
        kernel = np.zeros((ph, pw), np.float32)
        kernel[: min(kh, ph), : min(kw, pw)] = psf[:ph, :pw]
        kernel = np.roll(kernel, (-(kh // 2), -(kw // 2)), (0, 1))
        otf = cv2.dft(kernel, flags=cv2.DFT_COMPLEX_OUTPUT)
        product = np.asarray(
            cv2.mulSpectrums(self._big, otf, 0, conjB=True),  # G·conj(H)
            dtype=np.float32,
        )
        power = cv2.mulSpectrums(otf, otf, 0, conjB=True)[..., 0] + noise  # |H|² + K
        out = cv2.dft(
            product / power[..., None], flags=cv2.DFT_INVERSE | cv2.DFT_REAL_OUTPUT | cv2.DFT_SCALE
        )
        return np.clip(out[m : m + h, m : m + w], 0, 255).astype(np.uint8)


def wiener(gray: Gray, psf: NDArray[np.float32], noise: float = 0.01) -> Gray:
    """Wiener deconvolution of `gray` with one PSF."""
    return Deconvolver(gray).apply(psf, noise)


def smear(
    gray: Gray, spectrum: Spectrum | None = None, spread: float = 0.35, steps: int = 9
) -> tuple[float, list[tuple[float, float]]]:
    """Direction and likely lengths of a straight motion blur: the edges give the direction
    to within ~20° (a rotated code's own edges pull it off), so directions around it are
    tried and the one whose spectrum has the deepest zeros wins."""
    spec = spectrum or Spectrum(gray)
    first, _ = blur_direction(gray)
    best: tuple[float, float, list[tuple[float, float]]] = (first, 0.0, [])
    for angle in np.linspace(first - spread, first + spread, steps):
        lengths = motion_length(gray, float(angle), spec)
        if lengths and lengths[0][1] > best[1]:
            best = (float(angle), lengths[0][1], lengths)
    return best[0], best[2]
