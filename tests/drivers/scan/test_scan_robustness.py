"""A decoder never raises on an image: narrow regions, strips, constants, huge frames, odd
dtypes; and `kiosk decode` turns one bad image of a batch into that file's error line."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import main
from drivers.scan import recover
from drivers.scan.corpus import generate
from drivers.scan.decoder import PipelineDecoder, as_gray

DECODER = PipelineDecoder()


def _edges(shape: tuple[int, int], seed: int) -> np.ndarray:
    """Square blocks of random black and white: edges in both directions, like a code, so the
    repairs (and the motion estimate) run on it."""
    rng = np.random.default_rng(seed)
    cells = rng.integers(0, 2, (shape[0] // 4 + 1, shape[1] // 4 + 1), dtype=np.uint8) * 255
    return np.ascontiguousarray(np.kron(cells, np.ones((4, 4), np.uint8))[: shape[0], : shape[1]])


@pytest.mark.parametrize("shape", [(24, 200), (25, 300), (200, 26), (28, 28), (27, 900)])
def test_motion_estimate_on_a_narrow_region_does_not_raise(shape: tuple[int, int]) -> None:
    # issue 12: `sub[(rr < 2.5) | (rr > r)] = 0` raised IndexError ("boolean index did not
    # match") when the region was narrower than the 29-pixel cepstrum window
    region = _edges(shape, 1)
    angle, lengths = recover.smear(region)  # what the decoder measures a smear with
    assert all(n > 0 for n, _ in lengths) and np.isfinite(angle)
    assert all(r > 0 for r, _ in recover.defocus_radius(region))
    for psf in (recover.line_psf(9.0, angle), recover.disk_psf(3.0), recover.gauss_psf(2.0)):
        out = recover.wiener(region, psf)
        assert out.shape == shape and out.dtype == np.uint8


def test_a_narrow_strip_with_code_like_edges_decodes_to_nothing_without_raising() -> None:
    # the whole-decoder path of the same bug: the busiest region of a 26-pixel strip is 26
    # pixels high, and the deblur repair used to raise on it
    result = DECODER.decode(_edges((26, 900), 3))
    assert result.texts == ()


@pytest.mark.parametrize(
    "shape",
    [
        (1, 1),
        (1, 7),
        (2, 2),
        (3, 3),
        (1, 1280),
        (2, 1280),
        (720, 1),
        (720, 2),
        (0, 0),
        (0, 640),
        (480, 0),
    ],
)
def test_tiny_strips_and_empty_arrays(shape: tuple[int, int]) -> None:
    for image in (
        np.zeros(shape, np.uint8),
        np.full(shape, 255, np.uint8),
        _edges(shape, 4) if min(shape) else np.zeros(shape, np.uint8),
    ):
        assert DECODER.decode(image).texts == ()


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    h=st.integers(1, 400),
    w=st.integers(1, 400),
    kind=st.sampled_from(["constant", "noise", "blocks", "stripes"]),
    value=st.integers(0, 255),
    seed=st.integers(0, 2**16),
)
def test_fuzz_random_sizes_and_contents_never_raise(
    h: int, w: int, kind: str, value: int, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    if kind == "constant":
        image = np.full((h, w), value, np.uint8)
    elif kind == "noise":
        image = rng.integers(0, 256, (h, w), dtype=np.uint8)
    elif kind == "blocks":
        image = _edges((h, w), seed)
    else:
        image = np.tile((np.arange(w) // max(1, value % 9 + 1) % 2 * 255).astype(np.uint8), (h, 1))
    result = DECODER.decode(image)
    assert result.texts == () and result.ms >= 0


@settings(max_examples=40)
@given(
    length=st.integers(1, 3000),
    width=st.sampled_from([1, 2]),
    vertical=st.booleans(),
    seed=st.integers(0, 2**16),
)
def test_fuzz_one_and_two_pixel_wide_images_never_raise(
    length: int, width: int, vertical: bool, seed: int
) -> None:
    image = np.random.default_rng(seed).integers(0, 256, (width, length), dtype=np.uint8)
    assert DECODER.decode(image.T if vertical else image).texts == ()


@settings(max_examples=25)
@given(
    h=st.integers(1, 64),
    w=st.integers(1, 64),
    channels=st.sampled_from([1, 2, 3, 4]),
    dtype=st.sampled_from(["uint8", "uint16", "float32", "float64", "bool", "int64"]),
)
def test_fuzz_channels_and_dtypes_never_raise(h: int, w: int, channels: int, dtype: str) -> None:
    image = (
        np.random.default_rng(h * w)
        .integers(0, 2 if dtype == "bool" else 256, (h, w, channels))
        .astype(dtype)
    )
    if dtype.startswith("float"):
        image[0, 0, 0] = np.nan
    assert as_gray(image).shape == (h, w)
    assert DECODER.decode(image).texts == ()


@pytest.mark.parametrize("kind", ["constant", "noise", "code"])
def test_huge_images_never_raise_and_a_big_code_is_still_read(kind: str) -> None:
    shape = (4000, 6000)
    if kind == "constant":
        image: np.ndarray = np.full(shape, 200, np.uint8)
    elif kind == "noise":
        image = np.random.default_rng(5).integers(0, 256, shape, dtype=np.uint8)
    else:
        frame = next(iter(generate(1, 11, degradations=("clean",))))
        image = cv2.resize(frame.image, (shape[1], shape[0]), interpolation=cv2.INTER_CUBIC)
    texts = DECODER.decode(image).texts
    if kind == "code":
        assert texts == (frame.token,)
    else:
        assert texts == ()


def test_decode_batch_with_bad_images_reports_each_and_continues(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = next(iter(generate(1, 12, degradations=("clean",))))
    paths = {
        "strip": tmp_path / "strip.png",  # the narrow region that used to end the batch
        "pixel": tmp_path / "pixel.png",
        "cut": tmp_path / "cut.jpg",  # a JPEG cut off halfway (a failed copy)
        "junk": tmp_path / "junk.png",
        "good": tmp_path / "good.png",
    }
    cv2.imwrite(str(paths["strip"]), _edges((26, 900), 3))
    cv2.imwrite(str(paths["pixel"]), np.zeros((1, 1), np.uint8))
    ok, jpeg = cv2.imencode(".jpg", good.image)
    assert ok
    paths["cut"].write_bytes(jpeg.tobytes()[: jpeg.size // 2])
    paths["junk"].write_bytes(b"\x89PNG\r\n\x1a\n not really")
    cv2.imwrite(str(paths["good"]), good.image)
    rc = main.main(["decode", "--json", *map(str, paths.values())])
    out, err = capsys.readouterr()
    assert rc == 1
    lines = {Path(o["file"]).stem: o["texts"] for o in map(json.loads, out.splitlines())}
    assert lines["good"] == [good.token]
    assert lines["strip"] == [] and lines["pixel"] == []
    assert set(lines) == {"strip", "pixel", "good"}
    assert "junk.png: not an image" in err and "cut.jpg: not an image" in err
    assert len(err.splitlines()) == 2 and "Traceback" not in err


def test_decode_batch_survives_a_decoder_failure_on_one_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever a future bug raises inside the decoder, it is that file's error line."""
    frames = list(generate(2, 13, degradations=("clean",)))
    paths = [tmp_path / f"f{i}.png" for i in range(2)]
    for path, frame in zip(paths, frames, strict=True):
        cv2.imwrite(str(path), frame.image)
    real = PipelineDecoder.decode
    calls: list[int] = []

    def flaky(self: PipelineDecoder, gray: object, budget_ms: float | None = None) -> object:
        calls.append(1)
        if len(calls) == 1:
            raise IndexError("boolean index did not match")
        return real(self, gray, budget_ms)

    monkeypatch.setattr(PipelineDecoder, "decode", flaky)
    rc = main.main(["decode", "--json", *map(str, paths)])
    out, err = capsys.readouterr()
    assert rc == 1
    assert f"error: {paths[0]}: the decoder failed on this image" in err
    assert [json.loads(line)["texts"] for line in out.splitlines()] == [[frames[1].token]]
