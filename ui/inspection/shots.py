"""Screenshot states of the inspection screen (scripts/screenshots.py calls
`screenshot_states`): an item failed with a marked photo, the signatures, the review, the
submitted record with its PDF; plus the report's first page rendered by pdftoppm to
docs/screenshots/<lang>-inspection-report-page1.png. Each state drives the screen through
its own path (the desk on the database worker) and waits for it."""

from __future__ import annotations

import math
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ui.context import UiContext
from ui.wait import wait_for

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SUPPLIER = "SUP-001"


def idle(screen: Any) -> None:
    wait_for(lambda: screen.pending == 0, 10)


def circle(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    return [(cx + r * math.cos(t / 10), cy + 1.3 * r * math.sin(t / 10)) for t in range(64)]


def signature(seed: float) -> list[list[tuple[float, float]]]:
    return [
        [(0.08 + i / 40, 0.55 + 0.25 * math.sin(i / 2.5 + seed)) for i in range(34)],
        [(0.3 + i / 60, 0.3 + i / 45) for i in range(20)],
    ]


def ensure_open(screen: Any) -> None:
    if screen.view is None or screen.view.read_only:
        screen.new_inspection()
        idle(screen)
        screen._start(SUPPLIER, "", "仓库 2 号门 · 冷库")
        idle(screen)


def answer_all(screen: Any) -> None:
    """Every item still open answered pass (one failed with a photo comes first)."""
    ensure_open(screen)
    iid = screen.view.id
    for _ in range(5):  # a passed item can make a conditional one apply: ask again
        view = screen.desk.load(iid).view
        todo = [
            it.id
            for it in view.items
            if view.answers.get(it.id) is None or view.answers[it.id].answer is None
        ]
        if not todo:
            break
        for item in todo:
            screen.desk.answer(iid, item, "pass")
    screen.open(iid)
    idle(screen)


def screenshot_states(ctx: UiContext) -> list[tuple[str, Callable[[Any], None]]]:
    def item(screen: Any) -> None:
        ensure_open(screen)
        for _ in range(3):
            screen._goto("items", screen.index)
            screen._answer("pass")
            idle(screen)
        screen._answer("fail")
        idle(screen)
        screen.item_page.note.setText("冷库温度 7.5 °C，高于 4 °C")
        screen._edited("note", screen.item_page.note.text())
        screen._save_texts()
        idle(screen)
        from ui.inspection.screen import demo_photo

        screen._mark(demo_photo(screen._item_label()))
        screen.mark_page.pad.set_strokes([circle(0.5, 0.4, 0.16)])
        screen.mark_page._keep()
        idle(screen)

    def mark(screen: Any) -> None:
        ensure_open(screen)
        from ui.inspection.screen import demo_photo

        screen._mark(demo_photo(screen._item_label()))
        screen.mark_page.pad.set_strokes([circle(0.45, 0.35, 0.12)])

    def sign(screen: Any) -> None:
        answer_all(screen)
        screen._goto("sign")
        for n, (role, name) in enumerate((("inspector", "王检查"), ("supplier", "李代表"))):
            strokes = signature(n * 1.7)
            screen.sign_page.pads[role].set_strokes(strokes)
            screen.sign_page.names[role].setText(name)
            screen._sign(role, name, strokes)
            idle(screen)

    def review(screen: Any) -> None:
        if screen.view is None or len(screen.view.signatures) < 2:
            sign(screen)
        screen._goto("review")
        idle(screen)

    def done(screen: Any) -> None:
        review(screen)
        screen._submit()
        idle(screen)
        wait_for(lambda: bool(screen.pdf_images), 20)
        pdftoppm = shutil.which("pdftoppm")
        view = screen.view
        if pdftoppm and view is not None and view.pdf_sha:
            pdf = screen.desk.load(view.id).pdf
            lang = screen.ctx.settings.language
            if pdf is not None:
                OUT.mkdir(parents=True, exist_ok=True)
                subprocess.run(
                    [
                        pdftoppm,
                        "-png",
                        "-r",
                        "80",
                        "-f",
                        "1",
                        "-l",
                        "1",
                        "-singlefile",
                        str(pdf),
                        str(OUT / f"{lang}-inspection-report-page1"),
                    ],
                    check=False,
                    capture_output=True,
                    timeout=60,
                )

    return [
        ("inspection-item", item),
        ("inspection-mark", mark),
        ("inspection-sign", sign),
        ("inspection-review", review),
        ("inspection-done", done),
    ]
