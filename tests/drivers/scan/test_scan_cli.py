"""`kiosk decode IMAGE…`: in-process through main.main and once as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

import main
from drivers.scan.corpus import generate

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def images(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, str]]:
    folder = tmp_path_factory.mktemp("frames")
    out = []
    # frames the first decoder reads outright: this file tests the command's output, not the
    # repairs, whose CPU-time budget makes a blurred frame depend on the machine's load
    for f in generate(3, seed=31337, degradations=("clean", "dark_mode", "rotation")):
        path = folder / f"frame{f.index}_{f.degradation}.png"
        cv2.imwrite(str(path), f.image)
        out.append((path, f.token))
    return out


def test_decode_json_lines_in_process(
    images: list[tuple[Path, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    rc = main.main(["decode", "--json", *[str(p) for p, _ in images]])
    assert rc == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["file"] for line in lines] == [str(p) for p, _ in images]
    assert [line["texts"] for line in lines] == [[t] for _, t in images]
    assert all(set(line) == {"file", "texts", "ms"} and line["ms"] >= 0 for line in lines)


def test_decode_bad_files_are_reported_and_the_rest_still_decoded(
    images: list[tuple[Path, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.png"
    junk.write_text("not an image")
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((64, 64), 255, np.uint8))
    rc = main.main(
        [
            "decode",
            "--json",
            str(junk),
            str(tmp_path / "missing.jpg"),
            str(blank),
            str(images[0][0]),
        ]
    )
    out, err = capsys.readouterr()
    assert rc == 1
    assert "junk.png: not an image" in err and "missing.jpg: no such file" in err
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["texts"] for line in lines] == [[], [images[0][1]]]


def test_decode_empty_file_and_folder_are_plain_errors(
    images: list[tuple[Path, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    rc = main.main(["decode", "--json", str(empty), str(tmp_path), str(images[0][0])])
    out, err = capsys.readouterr()
    assert rc == 1
    assert "empty.png: not an image" in err and f"{tmp_path}: a folder" in err
    assert [json.loads(line)["texts"] for line in out.splitlines()] == [[images[0][1]]]


def test_decode_other_backend_and_text_output(
    images: list[tuple[Path, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main.main(["decode", "--backend", "zxing-cpp", str(images[0][0])]) == 0
    out = capsys.readouterr().out
    assert images[0][1] in out and "ms" in out


def test_decode_as_a_real_subprocess(images: list[tuple[Path, str]]) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "decode", "--json", *[str(p) for p, _ in images]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [line["texts"] for line in lines] == [[t] for _, t in images]
