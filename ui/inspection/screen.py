"""Supplier inspection (飞行检查) by touch: pick or add the supplier, walk the checklist one
item at a time (pass / fail / n/a, a note, photos from the camera with a mark drawn on
them), test samples with the connected instruments, both signatures on screen, review the
score and verdict, submit, and read the PDF report. Works with no network at all.

Every answer goes to the ledger the moment it is given (kiosk.inspection.service on the
UI's one database worker), and so does where the inspector is: after a crash or a restart
the screen opens the unfinished inspection at the same item.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from kiosk.changes import Changes
from kiosk.inspection.desk import InspectionDesk, Loaded, StartLists
from kiosk.inspection.record import Cursor, InspectionView
from kiosk.inspection.service import STEPS as SAVED_STEPS, InspectionError
from kiosk.ports import Reading, ReadingKind, ReadingStatus
from kiosk.readings.live import Instrument, instrument_of
from ui.checkin.parts import DANGER, GO, INFO, Banner, big_font
from ui.context import UiContext
from ui.inspection.pad import MarkPage
from ui.inspection.pages import DonePage, ItemPage, ReviewPage, SamplesPage, SignPage, StartPage
from ui.qt import (
    QColor,
    QCoreApplication,
    QImage,
    QPainter,
    QStackedWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.screen import Screen
from ui.widgets.screen_layout import text_label
from ui.words import inspection as words

translate = QCoreApplication.translate


class InspectionScreen(Screen):
    screen_id: ClassVar[str] = "inspection"
    permission: ClassVar[str | None] = None
    shortcut: ClassVar[str] = "F10"
    reading_arrived = Signal(object)  # (Reading, Instrument) from an instrument's thread
    view_drawn = Signal(object)  # the InspectionView just drawn (tests, screenshots)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.desk = InspectionDesk(ctx.kiosk.db, ctx.kiosk.data_dir)
        self.view: InspectionView | None = None
        self.index = 0
        self.step = "start"
        self.pending = 0  # operations in flight (tests wait on 0)
        self.thumbs: dict[str, QImage] = {}
        self.pdf_images: list[QImage] = []
        self._resumed = False
        self._note: tuple[str, str, str] | None = None  # (inspection, item, text) not saved yet
        self._action: tuple[str, str, str] | None = None
        self._weight: tuple[Reading, Instrument] | None = None
        self._build()
        self.reading_arrived.connect(self._reading)
        for slot in ctx.kiosk.slots:
            listen = getattr(slot.device, "add_listener", None)
            if slot.kind in ("scale", "instrument") and callable(listen):
                who = instrument_of(slot.device, ctx.settings.instruments)
                listen(lambda r, who=who: self.reading_arrived.emit((r, who)))

    # --- building --------------------------------------------------------------------------
    def _build(self) -> None:
        root = QVBoxLayout(self)
        self.header = text_label(self, 22, name="insp-header")
        root.addWidget(self.header)
        self.stack = QStackedWidget(self)
        root.addWidget(self.stack, 1)
        self.start_page = StartPage(self)
        self.item_page = ItemPage(self)
        self.samples_page = SamplesPage(self)
        self.sign_page = SignPage(self)
        self.review_page = ReviewPage(self)
        self.done_page = DonePage(self)
        self.mark_page = MarkPage(self)
        self.pages: dict[str, QWidget] = {
            "start": self.start_page,
            "items": self.item_page,
            "samples": self.samples_page,
            "sign": self.sign_page,
            "review": self.review_page,
            "done": self.done_page,
            "mark": self.mark_page,
        }
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.banner = Banner(self, px=20, name="insp-banner")
        self.banner.setMinimumHeight(56)
        root.addWidget(self.banner)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(400)
        self._note_timer.timeout.connect(self._save_texts)
        # wiring
        sp = self.start_page
        sp.resume.connect(self.open)
        sp.start.connect(self._start)
        sp.add_supplier.connect(self._add_supplier)
        ip = self.item_page
        ip.answered.connect(self._answer)
        ip.note_edited.connect(lambda t: self._edited("note", t))
        ip.action_edited.connect(lambda t: self._edited("action", t))
        ip.note_done.connect(self._save_texts)
        ip.photo_wanted.connect(self._take_photo)
        ip.photo_removed.connect(self._remove_photo)
        ip.step.connect(lambda d: self._goto("items", self.index + d))
        ip.jump.connect(lambda step: self._goto(step))
        self.mark_page.kept.connect(self._keep_photo)
        self.mark_page.cancelled.connect(lambda: self._goto("items", self.index))
        smp = self.samples_page
        smp.removed.connect(self._detach)
        smp.weight_wanted.connect(self._save_weight)
        smp.back.connect(lambda: self._goto("items", self.index))
        smp.forward.connect(lambda: self._goto("sign"))
        sg = self.sign_page
        sg.signed.connect(self._sign)
        sg.cleared.connect(self._clear_signature)
        sg.back.connect(lambda: self._goto("samples"))
        sg.forward.connect(lambda: self._goto("review"))
        self.review_page.submit.connect(self._submit)
        self.review_page.back.connect(lambda: self._goto("sign"))
        self.done_page.correct.connect(self._correct)
        self.done_page.new.connect(self.new_inspection)
        self._show_step("start")

    def title(self) -> str:
        return translate("inspection", "Inspection")

    @property
    def language(self) -> str:
        return self.ctx.settings.language or "zh_CN"

    def activated(self) -> None:
        self.load_start(resume=not self._resumed)
        self._resumed = True

    def deactivated(self) -> None:
        self._save_texts()

    def on_changes(self, changes: Changes) -> None:
        if changes.staff and self.step == "start":
            self.load_start(resume=False)

    # --- the start page ---------------------------------------------------------------------
    def load_start(self, *, resume: bool) -> None:
        def done(got: StartLists) -> None:
            self.start_page.draw(got.suppliers, got.templates, got.drafts, self.language)
            if resume and got.drafts and self.view is None:
                self.open(got.drafts[0].id, resumed=True)

        self._run(self.desk.start_lists, done)

    def new_inspection(self) -> None:
        self._save_texts()
        self.view = None
        self._show_step("start")
        self.load_start(resume=False)

    def _start(self, supplier_id: str, template_id: str, location: str) -> None:
        staff = self.ctx.session.staff_id or self.ctx.kiosk.staff_id or ""
        self._run(
            lambda: self.desk.start(supplier_id, staff, template_id or None, location),
            lambda got: self._loaded(got, at_cursor=True),
        )

    def _add_supplier(self, name: str, address: str) -> None:
        staff = self.ctx.session.staff_id or "?"

        def done(sid: str) -> None:
            self.start_page.supplier_id = sid
            self.start_page.new_name.clear()
            self.start_page.new_address.clear()
            self.banner.say(
                translate("inspection", "Supplier added: {name}").format(name=name.strip()), GO
            )
            self.load_start(resume=False)

        self._run(lambda: self.desk.add_supplier(name, address, staff), done)

    # --- one inspection -----------------------------------------------------------------------
    def open(self, inspection_id: str, resumed: bool = False) -> None:
        self._run(
            lambda: self.desk.load(inspection_id), lambda got: self._loaded(got, at_cursor=True)
        )
        if resumed:
            self.banner.say(translate("inspection", "Resumed where you left off."), INFO)

    def _op(
        self,
        fn: Callable[[InspectionDesk, str, set[str]], Loaded],
        *,
        then: Callable[[object], None] | None = None,
        at_cursor: bool = False,
    ) -> None:
        """One desk operation on the open inspection, then draw what it returns."""
        if self.view is None:
            return
        iid, known, desk = self.view.id, set(self.thumbs), self.desk

        def done(got: Loaded) -> None:
            self._loaded(got, at_cursor=at_cursor)
            if then is not None:
                then(got.result)

        self._run(lambda: fn(desk, iid, known), done)

    def _loaded(self, got: Loaded, *, at_cursor: bool) -> None:
        for sha, data in got.thumbs.items():
            self.thumbs[sha] = QImage.fromData(data)
        self._took(got.view, at_cursor=at_cursor, pdf=got.pdf)

    def _run(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.pending += 1

        def ok(result: object) -> None:
            self.pending -= 1
            done(result)

        def failed(exc: BaseException) -> None:
            self.pending -= 1
            self._refused(exc)

        self.ctx.tasks.run_db(work, ok, failed)

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, InspectionError):
            item = exc.params.get("item", "")
            text = ""
            if item and self.view is not None:
                try:
                    text = self.view.template.item(item).label(self.language)
                except InspectionError:
                    text = item
            self.banner.say(words.problem_text(exc.code, exc.params, text), DANGER)
        else:
            self.banner.say(str(exc), DANGER)

    def _took(self, view: InspectionView, *, at_cursor: bool, pdf: Path | None) -> None:
        old = self.view
        self.view = view
        if view.read_only:
            if old is None or old.id != view.id or old.status != view.status or not self.pdf_images:
                self.pdf_images = []
                if pdf is not None:
                    self._render_pdf(pdf)
            self._show_step("done")
        elif at_cursor:
            self.index = view.cursor.index
            self._show_step(view.cursor.step if view.cursor.step in self.pages else "items")
        else:
            self._draw()
        self.view_drawn.emit(view)

    # --- steps --------------------------------------------------------------------------------
    def _goto(self, step: str, index: int | None = None) -> None:
        if self.view is None:
            return
        self._save_texts()
        if index is not None:
            if index < 0:
                index = 0
            if index >= len(self.view.items):
                step, index = "samples", len(self.view.items) - 1
            self.index = index
        self._show_step(step)
        if step in SAVED_STEPS and not self.view.read_only:
            cursor, iid = Cursor(step, self.index), self.view.id
            self._run(lambda: self.desk.move(iid, cursor), lambda _r: None)

    def _show_step(self, step: str) -> None:
        self.step = step
        self.stack.setCurrentWidget(self.pages[step])
        self._draw()

    def _draw(self) -> None:
        v = self.view
        if v is None:
            self.header.setText(translate("inspection", "Supplier inspection"))
            return
        state = (
            translate("inspection", "submitted")
            if v.read_only
            else translate("inspection", "draft")
        )
        self.header.setText(
            translate(
                "inspection", "{supplier} · version {version} · {state} · now {verdict}"
            ).format(
                supplier=v.supplier_name,
                version=v.version,
                state=state,
                verdict=words.verdict_text(v.assessment.verdict),
            )
        )
        if self.step == "items":
            self.index = max(0, min(self.index, len(v.items) - 1))
            self.item_page.draw(v, self.index, self.language, self.thumbs)
        elif self.step == "samples":
            self.samples_page.draw(v)
        elif self.step == "sign":
            self.sign_page.draw(v)
        elif self.step == "review":
            self.review_page.draw(v, self.language)
        elif self.step == "done":
            self.done_page.draw(v)
            self.done_page.show_pages(self.pdf_images)

    def current_item(self) -> str | None:
        if self.view is None or not self.view.items:
            return None
        return self.view.items[max(0, min(self.index, len(self.view.items) - 1))].id

    # --- answers ------------------------------------------------------------------------------
    def _answer(self, value: str) -> None:
        item, v = self.current_item(), self.view
        if item is None or v is None:
            return
        self._save_texts()

        def advance(_r: object) -> None:
            if value in ("pass", "na") and self.step == "items" and self.current_item() == item:
                self._goto("items", self.index + 1)

        self._op(lambda d, iid, k: d.answer(iid, item, value, k), then=advance)

    def _edited(self, which: str, text: str) -> None:
        item, v = self.current_item(), self.view
        if item is None or v is None:
            return
        if which == "note":
            self._note = (v.id, item, text)
        else:
            self._action = (v.id, item, text)
        self._note_timer.start()

    def _save_texts(self) -> None:
        """Notes and corrective actions typed but not saved yet go now (also before any
        move: the one database worker keeps them in order)."""
        self._note_timer.stop()
        note, action = self._note, self._action
        self._note = self._action = None
        desk = self.desk
        if note is not None:
            iid, item, text = note
            self._run(lambda: desk.note(iid, item, text), lambda g: self._loaded_same(g, iid))
        if action is not None:
            iid, item, text = action
            self._run(lambda: desk.set_action(iid, item, text), lambda g: self._loaded_same(g, iid))

    def _loaded_same(self, got: Loaded, iid: str) -> None:
        """A late save: draw it only when that inspection is still the open one."""
        if self.view is not None and self.view.id == iid:
            self._loaded(got, at_cursor=False)

    # --- photos -------------------------------------------------------------------------------
    def _take_photo(self) -> None:
        item = self.current_item()
        if item is None:
            return
        self._save_texts()
        take = getattr(self.ctx.kiosk, "take_photo", None)
        if callable(take):

            def grab() -> bytes:
                data, _mime = take()
                return bytes(data)

            self.ctx.tasks.run(
                grab,
                lambda data: self._mark(QImage.fromData(data)),
                lambda exc: self.banner.say(
                    translate("inspection", "The camera took no photo: {why}").format(why=exc),
                    DANGER,
                ),
            )
        elif self.ctx.kiosk.demo:
            self._mark(demo_photo(self._item_label()))
        else:
            self.banner.say(
                translate("inspection", "No camera is set up: write a note instead."), DANGER
            )

    def _item_label(self) -> str:
        item = self.current_item()
        return (
            ""
            if item is None or self.view is None
            else self.view.template.item(item).label(self.language)
        )

    def _mark(self, image: QImage) -> None:
        if image.isNull():
            self.banner.say(translate("inspection", "The camera took no photo."), DANGER)
            return
        self.mark_page.show_photo(image)
        self._show_step("mark")

    def _keep_photo(self, data: bytes) -> None:
        item, v = self.current_item(), self.view
        if item is None or v is None:
            return
        self._show_step("items")
        self._op(lambda d, iid, k: d.add_photo(iid, item, data, "image/jpeg", k))

    def _remove_photo(self) -> None:
        item, v = self.current_item(), self.view
        if item is None or v is None or not v.answers.get(item) or not v.answers[item].photos:
            return
        sha = v.answers[item].photos[-1]
        self._op(lambda d, iid, k: d.remove_photo(iid, item, sha, k))

    # --- samples ------------------------------------------------------------------------------
    def _reading(self, got: tuple[Reading, Instrument]) -> None:
        reading, who = got
        if reading.kind is ReadingKind.WEIGHT:
            if reading.stable and reading.status is ReadingStatus.OK:
                self._weight = got
            return
        if (
            self.view is None
            or self.view.read_only
            or self.step != "samples"
            or reading.status is not ReadingStatus.OK
        ):
            return
        self._sample(reading, who)

    def _save_weight(self) -> None:
        if self._weight is None:
            self.banner.say(translate("inspection", "No stable weight from the scale yet."), DANGER)
            return
        self._sample(*self._weight)

    def _sample(self, reading: Reading, who: Instrument) -> None:
        if self.view is None:
            return
        staff = self.ctx.session.staff_id or self.view.inspector_id
        product = self.samples_page.product.text().strip()
        self._op(
            lambda d, iid, k: d.take_sample(
                iid,
                reading,
                operator_id=staff,
                product=product,
                model=who.model,
                serial=who.serial,
                protocol=who.protocol,
                known=k,
            ),
            then=lambda _r: self.ctx.hooks.operation_did_execute.emit(
                Changes(readings=True, outbox=True)
            ),
        )

    def _detach(self, reading_id: str) -> None:
        if self.view is not None:
            self._op(lambda d, iid, k: d.detach(iid, reading_id, k))

    # --- signatures, submit, correct ------------------------------------------------------------
    def _sign(self, role: str, name: str, strokes: list[list[tuple[float, float]]]) -> None:
        if self.view is not None:
            self._op(
                lambda d, iid, k: d.sign(iid, role, name, strokes, k),
                then=lambda _r: self.banner.say(
                    translate("inspection", "Signed: {role}").format(role=words.role_text(role)), GO
                ),
            )

    def _clear_signature(self, role: str) -> None:
        if self.view is not None:
            self._op(lambda d, iid, k: d.clear_signature(iid, role, k))

    def _submit(self) -> None:
        if self.view is None:
            return
        self._save_texts()
        lang = self.language
        actor = self.ctx.session.staff_id or self.view.inspector_id

        def done(_r: object) -> None:
            self.banner.say(
                translate("inspection", "Submitted. It syncs when the network is back."), GO
            )
            self.ctx.hooks.operation_did_execute.emit(Changes(outbox=True))

        self._op(lambda d, iid, k: d.submit(iid, actor, lang, k), then=done)

    def _correct(self) -> None:
        if self.view is None:
            return
        actor = self.ctx.session.staff_id or self.view.inspector_id
        self.pdf_images = []
        self._op(
            lambda d, iid, _k: d.correct(iid, actor),
            at_cursor=True,
            then=lambda _r: self.banner.say(
                translate("inspection", "Correction started: a new version of the inspection."),
                INFO,
            ),
        )

    # --- the PDF ---------------------------------------------------------------------------------
    def _render_pdf(self, pdf: Path) -> None:
        def work() -> list[bytes]:
            return pdf_pages(pdf)

        def done(pages: list[bytes]) -> None:
            self.pdf_images = [QImage.fromData(p) for p in pages]
            if self.step == "done":
                self.done_page.show_pages(self.pdf_images)

        self.ctx.tasks.run(work, done, lambda _e: self.done_page.show_pages([]))


def pdf_pages(pdf: Path, dpi: int = 60) -> list[bytes]:
    """The report's pages as PNG bytes (poppler's pdftoppm; none when it is missing)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        return []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [tool, "-png", "-r", str(dpi), str(pdf), str(Path(tmp) / "page")],
            check=True,
            capture_output=True,
            timeout=60,
        )
        return [p.read_bytes() for p in sorted(Path(tmp).glob("page*.png"))]


def demo_photo(caption: str) -> QImage:
    """The demo camera's picture (no webcam in the demo): a crate of greens, dated."""
    image = QImage(800, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("#cfd8c5"))
    painter = QPainter(image)
    painter.fillRect(120, 220, 560, 300, QColor("#8d6e63"))
    for n in range(7):
        painter.setBrush(QColor("#4caf50" if n % 2 else "#2e7d32"))
        painter.drawEllipse(150 + n * 75, 170, 90, 90)
    painter.setPen(QColor("#263238"))
    painter.setFont(big_font(30))
    painter.drawText(30, 60, "DEMO CAMERA")
    painter.setFont(big_font(22, bold=False))
    painter.drawText(30, 110, datetime.now().strftime("%Y-%m-%d %H:%M:%S"))
    painter.drawText(30, 570, caption[:34])
    painter.end()
    return image
