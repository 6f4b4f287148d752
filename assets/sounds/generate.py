"""Writes the verdict tones (one per class, so a clerk hears the verdict without looking):
go a rising two-note chime, danger three low buzzes, wait a soft double beep, done a long
falling tone, success a bright three-note rise. 16-bit mono 22.05 kHz WAV, ~0.3-0.6 s.
Run `python assets/sounds/generate.py` after changing them; the WAVs are committed."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
HERE = Path(__file__).resolve().parent


def tone(freq: float, ms: int, *, volume: float = 0.5, square: bool = False) -> list[float]:
    n = int(RATE * ms / 1000)
    out = []
    for i in range(n):
        x = math.sin(2 * math.pi * freq * i / RATE)
        if square:
            x = 1.0 if x >= 0 else -1.0
        fade = min(1.0, i / (RATE * 0.005), (n - i) / (RATE * 0.01))  # no clicks
        out.append(volume * x * fade)
    return out


def rest(ms: int) -> list[float]:
    return [0.0] * int(RATE * ms / 1000)


def glide(f0: float, f1: float, ms: int, volume: float = 0.5) -> list[float]:
    n = int(RATE * ms / 1000)
    out, phase = [], 0.0
    for i in range(n):
        f = f0 + (f1 - f0) * i / n
        phase += 2 * math.pi * f / RATE
        fade = min(1.0, i / (RATE * 0.005), (n - i) / (RATE * 0.02))
        out.append(volume * math.sin(phase) * fade)
    return out


SOUNDS = {
    "go": tone(880, 120) + tone(1320, 180),
    "danger": (tone(220, 140, square=True, volume=0.35) + rest(60)) * 3,
    "wait": tone(660, 110, volume=0.4) + rest(80) + tone(660, 110, volume=0.4),
    "done": glide(990, 440, 520, volume=0.5),
    "success": tone(784, 90) + tone(988, 90) + tone(1319, 200),
}


def write(name: str, samples: list[float]) -> Path:
    path = HERE / f"{name}.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(
            b"".join(struct.pack("<h", int(max(-1.0, min(1.0, s)) * 32000)) for s in samples)
        )
    return path


def main() -> None:
    for name, samples in SOUNDS.items():
        write(name, samples)


if __name__ == "__main__":
    main()
