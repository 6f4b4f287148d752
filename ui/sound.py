"""Sounds and speech at the counter: a distinct tone per verdict class (assets/sounds/*.wav,
QSoundEffect) and a spoken prompt (语音播报, QTextToSpeech) where a voice for the language
exists; tones otherwise. Both switchable in settings.

Qt Multimedia and Qt TextToSpeech come with PySide6-Addons and need an audio stack
(libpulse); where either is missing the kiosk stays silent and says why once in the log,
never raises: a counter without speakers still works.
"""

from __future__ import annotations

import logging
from importlib.resources import files
from typing import Any

from ui.qt import QLocale, QObject, QUrl

log = logging.getLogger(__name__)
TONES = ("go", "danger", "wait", "done", "success")


class Announcer(QObject):
    """`announce(tone, words)`: the tone plays at once; the words are spoken if speech is on
    and a voice exists, else the tone alone carries the verdict."""

    def __init__(
        self,
        *,
        sounds: bool = True,
        speech: bool = True,
        volume: int = 80,
        language: str = "zh_CN",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.sounds, self.speech, self.volume, self.language = sounds, speech, volume, language
        self._effects: dict[str, Any] | None = None
        self._tts: Any = None
        self._tts_tried = False
        self.played: list[tuple[str, str]] = []  # (tone, words actually spoken or ""), for tests

    def configure(self, *, sounds: bool, speech: bool, volume: int, language: str) -> None:
        if language != self.language:
            self._tts, self._tts_tried = None, False
        self.sounds, self.speech, self.volume, self.language = sounds, speech, volume, language

    def announce(self, tone: str, words: str = "") -> None:
        spoken = words if words and self._say(words) else ""
        if self.sounds and not spoken:
            self._play(tone)
        elif self.sounds and tone in ("danger", "done"):
            self._play(tone)  # a refusal is loud even when spoken
        self.played.append((tone, spoken))
        del self.played[:-20]

    # --- tones -------------------------------------------------------------------------
    def _play(self, tone: str) -> None:
        effects = self._load_effects()
        effect = effects.get(tone)
        if effect is not None:
            effect.setVolume(max(0.0, min(1.0, self.volume / 100)))
            effect.play()

    def _load_effects(self) -> dict[str, Any]:
        if self._effects is not None:
            return self._effects
        self._effects = {}
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError as exc:  # no PySide6-Addons or no libpulse: stay silent
            log.info("verdict tones off: %s", exc)
            return self._effects
        for name in TONES:
            path = files("assets").joinpath("sounds", f"{name}.wav")
            if path.is_file():
                effect = QSoundEffect(self)
                effect.setSource(QUrl.fromLocalFile(str(path)))
                self._effects[name] = effect
        return self._effects

    # --- speech ------------------------------------------------------------------------
    def _say(self, words: str) -> bool:
        if not self.speech:
            return False
        tts = self._engine()
        if tts is None:
            return False
        tts.setVolume(max(0.0, min(1.0, self.volume / 100)))
        tts.say(words)
        return True

    def _engine(self) -> Any:
        """A text-to-speech engine with a voice for the UI language, or None."""
        if self._tts_tried:
            return self._tts
        self._tts_tried = True
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as exc:
            log.info("speech off: %s", exc)
            return None
        tts = QTextToSpeech(self)
        if tts.state() == QTextToSpeech.State.Error:
            log.info("speech off: %s", tts.errorString() or "no text-to-speech engine")
            return None
        want = QLocale(self.language)
        match = [loc for loc in tts.availableLocales() if loc.language() == want.language()]
        if not match:
            log.info("speech off: no voice for %s", self.language)
            return None
        tts.setLocale(match[0])
        self._tts = tts
        return tts
