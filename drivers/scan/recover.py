"""Cheap image repairs tried when a frame does not decode as it is.

Each works on a small region of interest (the located-but-undecoded code, or the patch of
the frame with the densest edges), so a repair costs one or two milliseconds, not a
full-frame pass.
"""

from __future__ import annotations

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
        mask = (density > 0.55 * top).astype(np.uint8)
        _, labels, stats, _ = cv2.connectedComponentsWithStats(mask)
        x, y, bw, bh, _ = (int(v) for v in stats[labels[py, px]])
        boxes.append(pad_box((x * step, y * step, (x + bw) * step, (y + bh) * step),
                             gray.shape, margin=0.08))
        density[max(0, y - 4):y + bh + 4, max(0, x - 4):x + bw + 4] = 0
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
    return np.asarray(cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA),
                      dtype=np.uint8)


def unsharp(gray: Gray, sigma: float, amount: float) -> Gray:
    """Unsharp mask: restores module edges softened by focus or a smudged lens."""
    blurred = cv2.GaussianBlur(gray, (0, 0), sigma)
    return np.asarray(cv2.addWeighted(gray, 1 + amount, blurred, -amount, 0), dtype=np.uint8)


def upscale(gray: Gray, factor: float = 2.0) -> Gray:
    """Bigger modules for codes held far away (below ~3 px per module)."""
    return np.asarray(cv2.resize(gray, None, fx=factor, fy=factor,
                                 interpolation=cv2.INTER_CUBIC), dtype=np.uint8)


def smooth(gray: Gray) -> Gray:
    """A light median removes a screen's pixel grid (moiré) before thresholding."""
    return np.asarray(cv2.medianBlur(gray, 3), dtype=np.uint8)


def _motion_psf(length: float, angle: float, shape: tuple[int, int]) -> NDArray[np.float32]:
    psf = np.zeros(shape, np.float32)
    cy, cx = shape[0] // 2, shape[1] // 2
    dx, dy = np.cos(angle) * (length - 1) / 2, np.sin(angle) * (length - 1) / 2
    cv2.line(psf, (round(cx - dx), round(cy - dy)), (round(cx + dx), round(cy + dy)), 1.0, 1,
             cv2.LINE_AA)
    psf /= max(float(psf.sum()), 1e-6)
    return np.asarray(np.fft.ifftshift(psf), dtype=np.float32)


def estimate_motion(gray: Gray) -> tuple[float, float]:
    """Length and angle of a straight motion blur from the image's cepstrum (a motion blur
    puts a negative peak at its length along its direction)."""
    f = gray.astype(np.float32) - float(gray.mean())
    f *= cv2.createHanningWindow((f.shape[1], f.shape[0]), cv2.CV_32F)
    spec = cv2.dft(f, flags=cv2.DFT_COMPLEX_OUTPUT)
    mag = cv2.magnitude(spec[..., 0], spec[..., 1])
    ceps = cv2.dft(np.log(mag + 1e-3), flags=cv2.DFT_REAL_OUTPUT | cv2.DFT_SCALE)
    ceps = np.fft.fftshift(ceps)
    h, w = ceps.shape
    # the window must fit inside the cepstrum: a narrow region (a strip a few dozen pixels
    # high) gave a smaller slice than the ring mask and raised IndexError
    r = min(14, (min(h, w) - 1) // 2)
    if r < 3:
        return 0.0, 0.0  # too small to tell a blur from the picture
    sub = ceps[h // 2 - r:h // 2 + r + 1, w // 2 - r:w // 2 + r + 1].copy()
    yy, xx = np.mgrid[-r:r + 1, -r:r + 1]
    rr = np.hypot(xx, yy)
    sub[(rr < 2.5) | (rr > r)] = 0
    iy, ix = np.unravel_index(int(np.argmin(sub)), sub.shape)
    return float(np.hypot(ix - r, iy - r)), float(np.arctan2(iy - r, ix - r))


def deblur_motion(gray: Gray, noise: float = 0.01) -> Gray:
    """Wiener deconvolution with the estimated motion blur (sizes padded for a fast DFT)."""
    h, w = gray.shape[:2]
    ph, pw = cv2.getOptimalDFTSize(h), cv2.getOptimalDFTSize(w)
    padded = np.asarray(cv2.copyMakeBorder(gray, 0, ph - h, 0, pw - w, cv2.BORDER_REPLICATE),
                        dtype=np.uint8)
    length, angle = estimate_motion(padded)
    big = cv2.dft(padded.astype(np.float32), flags=cv2.DFT_COMPLEX_OUTPUT)
    psf = cv2.dft(_motion_psf(max(length, 1.5), angle, (ph, pw)), flags=cv2.DFT_COMPLEX_OUTPUT)
    denom = psf[..., 0] ** 2 + psf[..., 1] ** 2 + noise
    # G * conj(H) / (|H|^2 + K)
    re = (big[..., 0] * psf[..., 0] + big[..., 1] * psf[..., 1]) / denom
    im = (big[..., 1] * psf[..., 0] - big[..., 0] * psf[..., 1]) / denom
    out = cv2.dft(np.dstack([re, im]), flags=cv2.DFT_INVERSE | cv2.DFT_REAL_OUTPUT | cv2.DFT_SCALE)
    return np.clip(out[:h, :w], 0, 255).astype(np.uint8)
