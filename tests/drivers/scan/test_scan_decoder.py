"""The camera's decoder on a small test-seed corpus, and without libzbar."""

from __future__ import annotations

import builtins
import logging
from collections import Counter
from typing import Any

import numpy as np
import pytest

from drivers.scan import backends
from drivers.scan.corpus import DEGRADATIONS, TEST_SEED, Frame, generate, make_token
from drivers.scan.decoder import PipelineDecoder, SingleBackendDecoder, as_gray, make_decoder
from kiosk.errors import DeviceError, DeviceErrorKind


@pytest.fixture(scope="module")
def corpus() -> list[Frame]:
    return list(generate(66, TEST_SEED))


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


def test_pipeline_decodes_the_test_corpus_and_beats_zxing_alone(corpus: list[Frame]) -> None:
    pipeline = PipelineDecoder()
    zxing = make_decoder("zxing-cpp")
    hits = Counter(f.degradation for f in corpus if f.token in pipeline.decode(f.image).texts)
    alone = sum(f.token in zxing.decode(f.image).texts for f in corpus)
    rate = sum(hits.values()) / len(corpus)
    assert rate >= 0.93, hits
    assert sum(hits.values()) > alone
    assert all(hits[d] >= 4 for d in DEGRADATIONS), hits  # no degradation left behind


def test_pipeline_finds_nothing_in_an_empty_frame_within_budget() -> None:
    noise = np.random.default_rng(0).integers(0, 255, (720, 1280), dtype=np.uint8)
    result = PipelineDecoder(budget_ms=25).decode(noise)
    assert result.texts == ()
    assert result.ms < 200  # the budget is checked between steps; allow a loaded machine


def test_as_gray_accepts_bgr_bgra_and_rejects_nonsense(corpus: list[Frame]) -> None:
    gray = corpus[0].image
    assert np.array_equal(as_gray(np.dstack([gray] * 3)), gray)
    assert as_gray(np.dstack([gray] * 4)).shape == gray.shape
    with pytest.raises(ValueError, match="grayscale or colour"):
        as_gray(np.zeros((2, 2, 2, 2), np.uint8))


def test_without_libzbar_a_clear_log_line_and_zxing_still_decodes(
        no_zbar: None, corpus: list[Frame], caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        decoder = PipelineDecoder()
    assert decoder.pyzbar is None
    assert "pyzbar unavailable" in caplog.text and "libzbar0" in caplog.text
    decoded = sum(f.token in decoder.decode(f.image).texts for f in corpus[:22])
    assert decoded >= 20
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
    assert hard[0].token in decoder.decode(hard[0].image).texts
