"""The camera's decoder on a small test-seed corpus, and without libzbar.

No test here depends on the machine's speed: the repairs run with an unlimited budget
(`FULL`), so a result says what the repairs can do; how much of it fits in the real budget,
and how long it takes, is `python -m bench scan`'s job."""

from __future__ import annotations

import builtins
import logging
import math
from collections import Counter
from typing import Any

import cv2
import numpy as np
import pytest

from drivers.scan import backends, recover
from drivers.scan.corpus import (
    BENCH_SEED,
    DEGRADATIONS,
    PHOTO_SIZES,
    TEST_SEED,
    VALIDATION_SEED,
    Frame,
    disk_kernel,
    generate,
    make_token,
    motion_kernel,
)
from drivers.scan.decoder import PipelineDecoder, SingleBackendDecoder, as_gray, make_decoder
from kiosk.errors import DeviceError, DeviceErrorKind

FULL = 10_000.0  # ms of CPU: in effect no budget, every repair runs


@pytest.fixture(scope="module")
def corpus() -> list[Frame]:
    return list(generate(2 * len(DEGRADATIONS), TEST_SEED))


@pytest.fixture
def no_zbar(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Simulate a machine without libzbar0: importing pyzbar fails like it does there."""
    real_import = builtins.__import__

    def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("pyzbar"):
            raise ImportError("Unable to find zbar shared library")
        return real_import(name, *args, **kwargs)

    backends.reset_pyzbar()
    monkeypatch.setattr(builtins, "__import__", fake_import)
    yield
    monkeypatch.setattr(builtins, "__import__", real_import)
    backends.reset_pyzbar()


def test_corpus_is_reproducible_and_camera_like() -> None:
    a = list(generate(3, 5))
    b = list(generate(3, 5))
    assert [f.token for f in a] == [f.token for f in b]
    assert all(np.array_equal(x.image, y.image) for x, y in zip(a, b, strict=True))
    assert a[0].image.shape == (720, 1280) and a[0].image.dtype == np.uint8
    token = make_token(np.random.default_rng(1))
    assert token.startswith("LK1.") and token.count(".") == 2 and 150 <= len(token) <= 200
    assert next(iter(generate(3, 6))).token != a[0].token
    assert len({TEST_SEED, BENCH_SEED, VALIDATION_SEED}) == 3


def test_every_degradation_renders_and_photos_come_in_camera_sizes(corpus: list[Frame]) -> None:
    assert {f.degradation for f in corpus} == set(DEGRADATIONS)
    for f in corpus:
        h, w = f.image.shape
        if f.degradation == "photo":
            assert (w, h) in PHOTO_SIZES
        else:
            assert (w, h) == (1280, 720)
        assert float(f.image.std()) > 3 and f.image.dtype == np.uint8  # never a blank frame


def _blurred_code(kernel: np.ndarray) -> tuple[np.ndarray, str]:
    frame = next(iter(generate(1, 4243, degradations=("clean",))))
    roi = recover.crop(frame.image, recover.busiest_regions(frame.image, 1)[0])
    out = cv2.filter2D(roi.astype(np.float32), -1, kernel)
    out += np.random.default_rng(0).normal(0, 2, out.shape).astype(np.float32)
    return np.clip(out, 0, 255).astype(np.uint8), frame.token


@pytest.mark.parametrize(("length", "angle"), [(9.0, 0.3), (13.0, 1.9), (16.0, 2.7)])
def test_motion_blur_direction_and_length_are_measured(length: float, angle: float) -> None:
    image, token = _blurred_code(motion_kernel(length, angle))
    assert token not in backends.ZxingBackend().read(image).texts  # really unreadable as is
    found_angle, anisotropy = recover.blur_direction(image)
    assert anisotropy < 0.6
    assert abs((math.degrees(found_angle - angle) + 90) % 180 - 90) < 6
    lengths = [n for n, _ in recover.motion_length(image, found_angle)]
    assert any(abs(n + 0.75 - length) <= 1.0 for n in lengths[:3]), lengths  # the code's own
    # modules put a dip in the spectrum too, so the decoder tries the three deepest


@pytest.mark.parametrize("radius", [2.5, 3.5, 5.0])
def test_defocus_disk_radius_is_measured(radius: float) -> None:
    image, _ = _blurred_code(disk_kernel(radius))
    assert recover.blur_direction(image)[1] > 0.6  # a disk blurs every way alike
    radii = [r for r, _ in recover.defocus_radius(image)]
    assert any(abs(r - radius) <= 0.5 for r in radii[:2]), radii


def test_pipeline_decodes_the_test_corpus_and_beats_zxing_alone(corpus: list[Frame]) -> None:
    pipeline = PipelineDecoder(budget_ms=FULL)
    zxing = make_decoder("zxing-cpp")
    results = {f.index: pipeline.decode(f.image) for f in corpus}
    hits = Counter(f.degradation for f in corpus if f.token in results[f.index].texts)
    alone = Counter(f.degradation for f in corpus if f.token in zxing.decode(f.image).texts)
    assert sum(hits.values()) >= 0.85 * len(corpus), hits
    assert sum(hits.values()) > sum(alone.values())
    assert all(hits[d] >= alone[d] for d in DEGRADATIONS), (hits, alone)
    methods = {results[f.index].method for f in corpus}
    assert "zxing+deblur" in methods  # the deconvolution rescues frames nothing else reads


def test_pipeline_finds_nothing_in_an_empty_frame() -> None:
    noise = np.random.default_rng(0).integers(0, 255, (720, 1280), dtype=np.uint8)
    result = PipelineDecoder(budget_ms=FULL).decode(noise)
    assert result.texts == () and result.method == "none"


def test_as_gray_accepts_bgr_bgra_and_rejects_nonsense(corpus: list[Frame]) -> None:
    gray = corpus[0].image
    assert np.array_equal(as_gray(np.dstack([gray] * 3)), gray)
    assert as_gray(np.dstack([gray] * 4)).shape == gray.shape
    with pytest.raises(ValueError, match="grayscale or colour"):
        as_gray(np.zeros((2, 2, 2, 2), np.uint8))


def test_without_libzbar_a_clear_log_line_and_zxing_still_decodes(
    no_zbar: None, corpus: list[Frame], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        decoder = PipelineDecoder()
    assert decoder.pyzbar is None
    assert "pyzbar unavailable" in caplog.text and "libzbar0" in caplog.text
    classic = [f for f in corpus if DEGRADATIONS.index(f.degradation) < 11]
    decoded = sum(f.token in decoder.decode(f.image, FULL).texts for f in classic)
    assert decoded >= len(classic) - 1
    with pytest.raises(DeviceError) as err:
        make_decoder("pyzbar")
    assert err.value.kind is DeviceErrorKind.CONFIG and "libzbar0" in str(err.value)


def test_oserror_from_a_broken_libzbar_is_handled_too(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("pyzbar"):
            raise OSError("libzbar.so.0: cannot open shared object file")
        return real_import(name, *args, **kwargs)

    backends.reset_pyzbar()
    monkeypatch.setattr(builtins, "__import__", fake_import)
    try:
        assert backends.load_pyzbar() is None
    finally:
        monkeypatch.setattr(builtins, "__import__", real_import)
        backends.reset_pyzbar()


def test_pyzbar_and_opencv_backends_read_a_clean_frame(corpus: list[Frame]) -> None:
    clean = next(f for f in corpus if f.degradation == "clean")
    for name in ("pyzbar", "opencv"):
        decoder = make_decoder(name)
        assert isinstance(decoder, SingleBackendDecoder)
        assert clean.token in decoder.decode(clean.image).texts, name
    with pytest.raises(DeviceError, match="unknown decoder"):
        make_decoder("tesseract")


def test_zero_budget_is_the_quick_pass_only(corpus: list[Frame]) -> None:
    decoder = PipelineDecoder()
    hard = [f for f in corpus if not make_decoder("zxing-cpp").decode(f.image).texts]
    assert hard, "the test corpus should contain frames zxing-cpp alone cannot read"
    quick = decoder.decode(hard[0].image, budget_ms=0)
    assert quick.texts == () and quick.method == "zxing"
    assert any(f.token in decoder.decode(f.image, FULL).texts for f in hard)
