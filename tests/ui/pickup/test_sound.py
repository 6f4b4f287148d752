"""A distinct tone per verdict class, spoken words where a voice exists, tones otherwise,
and both switchable: the clerk hears the verdict without looking."""

from __future__ import annotations

import hashlib
import wave
from importlib.resources import files

from pickup_rig import make_counter
from pytestqt.qtbot import QtBot

from kiosk.db import Database
from kiosk.settings import Settings
from ui.sound import TONES, Announcer


def test_each_class_has_its_own_short_tone() -> None:
    digests = set()
    for name in TONES:
        path = files("assets").joinpath("sounds", f"{name}.wav")
        with wave.open(str(path), "rb") as w:
            seconds = w.getnframes() / w.getframerate()
            assert w.getnchannels() == 1 and 0.2 <= seconds <= 1.0, name
        digests.add(hashlib.sha256(path.read_bytes()).hexdigest())
    assert len(digests) == len(TONES)


def test_the_screen_announces_each_verdict_by_its_class(qtbot: QtBot, db: Database) -> None:
    c = make_counter(qtbot, db, Settings(sounds=True, speech=True))
    heard = c.screen.announcer.played
    for order, tone in (
        ("O-READY", "go"),
        ("O-PICKED", "done"),
        ("O-CANC", "danger"),
        ("O-DISP", "wait"),
    ):
        c.scan(c.world.token(order))
        assert heard[-1][0] == tone, order
    c.scan(c.world.token("O-READY"))
    c.do(c.screen.confirm)
    assert heard[-1][0] == "success"
    c.ctx.tasks.shutdown()


def test_without_a_voice_the_tone_carries_the_verdict() -> None:
    a = Announcer(sounds=True, speech=True)
    a._tts_tried, a._tts = True, None  # this machine (or a kiosk) has no voice for zh_CN
    a.announce("go", "货架 A-01")
    assert a.played[-1] == ("go", "")


def test_speech_when_a_voice_exists(qtbot: QtBot) -> None:
    said: list[str] = []

    class Voice:
        def setVolume(self, _v: float) -> None: ...
        def say(self, words: str) -> None:
            said.append(words)

    a = Announcer(sounds=False, speech=True)
    a._tts_tried, a._tts = True, Voice()
    a.announce("danger", "不是本店的订单")
    assert said == ["不是本店的订单"] and a.played[-1] == ("danger", "不是本店的订单")
    a.configure(sounds=False, speech=False, volume=50, language="zh_CN")
    a.announce("danger", "不是本店的订单")
    assert said == ["不是本店的订单"], "speech switched off in settings"
