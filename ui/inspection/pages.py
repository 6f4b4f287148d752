"""The pages of the inspection screen, each drawing an InspectionView (or the start lists):
start (resume a draft, pick or add a supplier), one checklist item at a time, samples,
signatures, review, and the submitted record with its PDF. They only draw and emit; the
screen (ui/inspection/screen.py) runs every operation."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.inspection.record import InspectionView
from kiosk.inspection.scoring import Answer, evidence_missing
from kiosk.inspection.service import DraftInfo, SupplierInfo, submit_problems
from kiosk.inspection.template import Template
from ui.checkin.parts import DANGER, GO, INFO, TOUCH, WAIT, big_font, touch_button
from ui.inspection.pad import DrawPad
from ui.qt import (
    QComboBox,
    QCoreApplication,
    QGridLayout,
    QHBoxLayout,
    QImage,
    QLabel,
    QLineEdit,
    QListWidget,
    QPixmap,
    QPushButton,
    QScrollArea,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.words import inspection as words

translate = QCoreApplication.translate
VERDICT_COLOURS = {"pass": GO, "rectify": WAIT, "fail": DANGER}


def label(
    parent: QWidget, name: str, px: int = 20, *, bold: bool = False, wrap: bool = True
) -> QLabel:
    w = QLabel(parent)
    w.setObjectName(name)
    w.setFont(big_font(px, bold=bold))
    w.setWordWrap(wrap)
    return w


def field(parent: QWidget, name: str, placeholder: str, px: int = 20) -> QLineEdit:
    w = QLineEdit(parent)
    w.setObjectName(name)
    w.setPlaceholderText(placeholder)
    w.setMinimumHeight(TOUCH)
    w.setFont(big_font(px, bold=False))
    return w


def bound(fn: Callable[[str], object], value: str) -> Callable[[], None]:
    """A slot with its argument bound and none taken from the signal (no `checked`)."""

    def slot() -> None:
        fn(value)

    return slot


def clear_layout(layout: QVBoxLayout | QGridLayout | QHBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        w = item.widget() if item is not None else None
        if w is not None:
            w.deleteLater()


class StartPage(QWidget):
    resume = Signal(str)  # inspection id
    start = Signal(str, str, str)  # supplier id, template id, location note
    add_supplier = Signal(str, str)  # name, address

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.supplier_id: str | None = None
        self.language = "zh_CN"
        root = QVBoxLayout(self)
        self.drafts_title = label(self, "insp-drafts-title", 22, bold=True)
        self.drafts_title.setText(translate("inspection", "Unfinished inspections"))
        root.addWidget(self.drafts_title)
        self.drafts = QVBoxLayout()
        root.addLayout(self.drafts)
        pick = label(self, "insp-pick-title", 22, bold=True)
        pick.setText(translate("inspection", "Pick the supplier"))
        root.addWidget(pick)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        holder = QWidget(scroll)
        self.suppliers = QGridLayout(holder)
        self.suppliers.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll.setWidget(holder)
        root.addWidget(scroll, 1)
        new = QHBoxLayout()
        root.addLayout(new)
        self.new_name = field(self, "insp-new-name", translate("inspection", "New supplier's name"))
        self.new_address = field(self, "insp-new-address", translate("inspection", "Address"))
        add = touch_button(translate("inspection", "Add supplier"), self, name="insp-new-add")
        add.clicked.connect(
            lambda: self.add_supplier.emit(self.new_name.text(), self.new_address.text())
        )
        new.addWidget(self.new_name, 2)
        new.addWidget(self.new_address, 2)
        new.addWidget(add, 1)
        go = QHBoxLayout()
        root.addLayout(go)
        self.location = field(
            self, "insp-location", translate("inspection", "Location note (warehouse, gate, field)")
        )
        self.template = QComboBox(self)
        self.template.setObjectName("insp-template")
        self.template.setMinimumHeight(TOUCH)
        self.template.setFont(big_font(18, bold=False))
        self.start_button = touch_button(
            translate("inspection", "Start inspection"), self, px=24, name="insp-start"
        )
        self.start_button.clicked.connect(self._start)
        go.addWidget(self.location, 3)
        go.addWidget(self.template, 2)
        go.addWidget(self.start_button, 2)
        self.buttons: dict[str, QPushButton] = {}

    def draw(
        self,
        suppliers: list[SupplierInfo],
        templates: list[Template],
        drafts: list[DraftInfo],
        language: str,
    ) -> None:
        self.language = language
        clear_layout(self.drafts)
        self.drafts_title.setVisible(bool(drafts))
        for d in drafts[:3]:
            b = touch_button(
                translate("inspection", "Continue: {supplier} · {done}/{total} answered").format(
                    supplier=d.supplier_name, done=d.answered, total=d.total
                ),
                self,
                name=f"insp-resume-{d.id}",
            )
            b.clicked.connect(bound(self.resume.emit, d.id))
            self.drafts.addWidget(b)
        clear_layout(self.suppliers)
        self.buttons = {}
        for n, s in enumerate(suppliers):
            text = s.name + (f"\n{s.address}" if s.address else "")
            b = touch_button(text, self, px=20, name=f"insp-supplier-{s.id}")
            b.setCheckable(True)
            b.setMinimumHeight(TOUCH + 20)
            b.clicked.connect(bound(self.pick, s.id))
            self.suppliers.addWidget(b, n // 3, n % 3)
            self.buttons[s.id] = b
        current = self.template.currentData()
        self.template.clear()
        for t in templates:
            self.template.addItem(t.title(language), t.id)
        if current is not None:
            self.template.setCurrentIndex(max(0, self.template.findData(current)))
        self.pick(self.supplier_id if self.supplier_id in self.buttons else None)

    def pick(self, supplier_id: str | None) -> None:
        self.supplier_id = supplier_id
        for sid, b in self.buttons.items():
            b.setChecked(sid == supplier_id)
            b.setStyleSheet(f"background: {INFO}; color: white;" if sid == supplier_id else "")
        self.start_button.setEnabled(supplier_id is not None)

    def _start(self) -> None:
        if self.supplier_id is not None:
            self.start.emit(
                self.supplier_id, str(self.template.currentData() or ""), self.location.text()
            )


class ItemPage(QWidget):
    answered = Signal(str)  # pass, fail, na
    note_edited = Signal(str)
    note_done = Signal()
    action_edited = Signal(str)
    photo_wanted = Signal()
    photo_removed = Signal()
    step = Signal(int)  # -1 previous, +1 next
    jump = Signal(str)  # samples, sign, review

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.drawn_item: tuple[str, str] | None = None
        root = QVBoxLayout(self)
        top = QHBoxLayout()
        root.addLayout(top)
        self.progress = label(self, "insp-progress", 20)
        self.critical = label(self, "insp-critical", 20, bold=True)
        self.critical.setText(translate("inspection", "Critical item"))
        self.critical.setStyleSheet(f"color: {DANGER};")
        top.addWidget(self.progress, 1)
        top.addWidget(self.critical)
        self.text = label(self, "insp-item-text", 30, bold=True)
        self.text.setMinimumHeight(110)
        root.addWidget(self.text)
        answers = QHBoxLayout()
        root.addLayout(answers)
        self.answer_buttons: dict[str, QPushButton] = {}
        for value, colour in (("pass", GO), ("fail", DANGER), ("na", "#616161")):
            b = touch_button(words.answer_text(value), self, px=28, name=f"insp-{value}")
            b.setMinimumHeight(84)
            b.setCheckable(True)
            b.clicked.connect(bound(self.answered.emit, value))
            b.setProperty("colour", colour)
            answers.addWidget(b)
            self.answer_buttons[value] = b
        self.hint = label(self, "insp-hint", 20, bold=True)
        self.hint.setStyleSheet(f"color: {DANGER};")
        root.addWidget(self.hint)
        self.note = field(self, "insp-note", translate("inspection", "Note (what you saw)"))
        self.note.textEdited.connect(self.note_edited.emit)
        self.note.editingFinished.connect(self.note_done.emit)
        root.addWidget(self.note)
        self.action = field(
            self, "insp-action", translate("inspection", "Corrective action the supplier must take")
        )
        self.action.textEdited.connect(self.action_edited.emit)
        root.addWidget(self.action)
        photos = QHBoxLayout()
        root.addLayout(photos)
        self.photo = touch_button(
            translate("inspection", "Take a photo"), self, px=22, name="insp-photo"
        )
        self.photo.clicked.connect(self.photo_wanted.emit)
        self.photo_remove = touch_button(
            translate("inspection", "Remove last photo"), self, name="insp-photo-remove"
        )
        self.photo_remove.clicked.connect(self.photo_removed.emit)
        photos.addWidget(self.photo)
        photos.addWidget(self.photo_remove)
        self.thumbs = QHBoxLayout()
        photos.addLayout(self.thumbs, 1)
        root.addStretch(1)
        nav = QHBoxLayout()
        root.addLayout(nav)
        for text, name, slot in (
            (translate("inspection", "Previous"), "insp-prev", lambda: self.step.emit(-1)),
            (translate("inspection", "Next"), "insp-next", lambda: self.step.emit(1)),
            (
                translate("inspection", "Samples"),
                "insp-to-samples",
                lambda: self.jump.emit("samples"),
            ),
            (translate("inspection", "Signatures"), "insp-to-sign", lambda: self.jump.emit("sign")),
            (
                translate("inspection", "Review and submit"),
                "insp-to-review",
                lambda: self.jump.emit("review"),
            ),
        ):
            b = touch_button(text, self, name=name)
            b.clicked.connect(slot)
            nav.addWidget(b)

    def draw(
        self, view: InspectionView, index: int, language: str, thumbs: dict[str, QImage]
    ) -> None:
        items = view.items
        if not items:
            return
        index = max(0, min(index, len(items) - 1))
        it = items[index]
        ans = view.answers.get(it.id, Answer())
        self.progress.setText(
            words.progress_text(
                index, len(items), view.template.section_title(it.section, language)
            )
        )
        self.critical.setVisible(it.critical)
        self.text.setText(it.label(language))
        for value, b in self.answer_buttons.items():
            on = ans.answer == value
            b.setChecked(on)
            colour = str(b.property("colour"))
            b.setStyleSheet(f"background: {colour}; color: white; font-weight: bold;" if on else "")
        need = evidence_missing(it, ans)
        self.hint.setText(
            translate("inspection", "A fail needs {need}.").format(need=words.need_text(need))
            if need
            else ""
        )
        moved = self.drawn_item != (view.id, it.id)
        self.drawn_item = (view.id, it.id)
        if moved or not self.note.hasFocus():  # never overwrite what is being typed
            self.note.setText(ans.note)
        self.action.setVisible(ans.answer == "fail")
        if moved or not self.action.hasFocus():
            self.action.setText(ans.action)
        clear_layout(self.thumbs)
        for n, sha in enumerate(ans.photos):
            thumb = QLabel(self)
            thumb.setObjectName(f"insp-thumb-{n}")
            image = thumbs.get(sha)
            if image is not None and not image.isNull():
                thumb.setPixmap(
                    QPixmap.fromImage(image).scaledToHeight(
                        TOUCH + 8, Qt.TransformationMode.SmoothTransformation
                    )
                )
            self.thumbs.addWidget(thumb)
        self.thumbs.addStretch(1)
        self.photo_remove.setEnabled(bool(ans.photos))


class SamplesPage(QWidget):
    removed = Signal(str)  # reading id
    weight_wanted = Signal()
    back = Signal()
    forward = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        root = QVBoxLayout(self)
        title = label(self, "insp-samples-title", 26, bold=True)
        title.setText(translate("inspection", "Samples tested"))
        root.addWidget(title)
        info = label(self, "insp-samples-info", 20)
        info.setText(
            translate(
                "inspection",
                "Test the samples now: each Brix and pesticide "
                "reading from the connected instruments is saved, "
                "signed and listed here.",
            )
        )
        root.addWidget(info)
        self.product = field(
            self, "insp-sample-product", translate("inspection", "Product sampled (e.g. 小白菜)")
        )
        root.addWidget(self.product)
        self.list = QListWidget(self)
        self.list.setObjectName("insp-samples")
        self.list.setFont(big_font(22, bold=False))
        root.addWidget(self.list, 1)
        row = QHBoxLayout()
        root.addLayout(row)
        self.ids: list[str] = []
        for text, name, slot in (
            (translate("inspection", "Back to the checklist"), "insp-samples-back", self.back.emit),
            (
                translate("inspection", "Save the weight"),
                "insp-sample-weight",
                self.weight_wanted.emit,
            ),
            (translate("inspection", "Remove selected sample"), "insp-sample-remove", self._remove),
            (translate("inspection", "Signatures"), "insp-samples-next", self.forward.emit),
        ):
            b = touch_button(text, self, name=name)
            b.clicked.connect(slot)
            row.addWidget(b)

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.ids):
            self.removed.emit(self.ids[row])

    def draw(self, view: InspectionView) -> None:
        self.list.clear()
        self.ids = [s.reading_id for s in view.samples]
        for s in view.samples:
            self.list.addItem(
                words.sample_text(s.kind, s.value, s.unit, s.verdict, s.source, s.short_code)
            )
        if not view.samples:
            self.list.addItem(translate("inspection", "No samples yet."))


class SignPage(QWidget):
    signed = Signal(str, str, object)  # role, name, strokes
    cleared = Signal(str)
    back = Signal()
    forward = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        root = QVBoxLayout(self)
        pads = QHBoxLayout()
        root.addLayout(pads, 1)
        self.pads: dict[str, DrawPad] = {}
        self.names: dict[str, QLineEdit] = {}
        self.states: dict[str, QLabel] = {}
        for role in ("inspector", "supplier"):
            col = QVBoxLayout()
            pads.addLayout(col)
            title = label(self, f"insp-sig-title-{role}", 22, bold=True)
            title.setText(words.role_text(role))
            col.addWidget(title)
            pad = DrawPad(self, name=f"insp-pad-{role}")
            col.addWidget(pad, 1)
            name = field(self, f"insp-name-{role}", translate("inspection", "Name"))
            col.addWidget(name)
            row = QHBoxLayout()
            col.addLayout(row)
            clear = touch_button(translate("inspection", "Clear"), self, name=f"insp-clear-{role}")
            clear.clicked.connect(bound(self._clear, role))
            ok = touch_button(
                translate("inspection", "Confirm signature"), self, name=f"insp-sign-{role}"
            )
            ok.clicked.connect(bound(self._sign, role))
            row.addWidget(clear)
            row.addWidget(ok)
            state = label(self, f"insp-signed-{role}", 18)
            col.addWidget(state)
            self.pads[role], self.names[role], self.states[role] = pad, name, state
        nav = QHBoxLayout()
        root.addLayout(nav)
        back = touch_button(
            translate("inspection", "Back to the samples"), self, name="insp-sign-back"
        )
        back.clicked.connect(self.back.emit)
        forward = touch_button(
            translate("inspection", "Review and submit"), self, name="insp-sign-next"
        )
        forward.clicked.connect(self.forward.emit)
        nav.addWidget(back)
        nav.addWidget(forward)

    def _sign(self, role: str) -> None:
        self.signed.emit(role, self.names[role].text(), [list(s) for s in self.pads[role].strokes])

    def _clear(self, role: str) -> None:
        self.pads[role].clear()
        self.cleared.emit(role)

    def draw(self, view: InspectionView) -> None:
        for role, pad in self.pads.items():
            sig = view.signatures.get(role)
            if sig is not None:
                pad.set_strokes([list(s) for s in sig.strokes])
                if not self.names[role].hasFocus():
                    self.names[role].setText(sig.name)
                self.states[role].setText(translate("inspection", "Signed"))
                self.states[role].setStyleSheet(f"color: {GO};")
            else:
                self.states[role].setText(translate("inspection", "Not signed yet"))
                self.states[role].setStyleSheet(f"color: {DANGER};")


class ReviewPage(QWidget):
    submit = Signal()
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        root = QVBoxLayout(self)
        self.verdict = label(self, "insp-verdict", 40, bold=True)
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict.setMinimumHeight(90)
        root.addWidget(self.verdict)
        self.score = label(self, "insp-score", 26)
        root.addWidget(self.score)
        self.why = label(self, "insp-why", 22, bold=True)
        self.why.setStyleSheet(f"color: {DANGER};")
        root.addWidget(self.why)
        self.problems = label(self, "insp-problems", 20)
        self.problems.setStyleSheet(f"color: {DANGER};")
        root.addWidget(self.problems)
        self.actions_label = label(self, "insp-actions", 20)
        root.addWidget(self.actions_label)
        root.addStretch(1)
        row = QHBoxLayout()
        root.addLayout(row)
        back = touch_button(
            translate("inspection", "Back to the signatures"), self, name="insp-review-back"
        )
        back.clicked.connect(self.back.emit)
        self.submit_button = touch_button(
            translate("inspection", "Submit the inspection"), self, px=26, name="insp-submit"
        )
        self.submit_button.setMinimumHeight(TOUCH + 16)
        self.submit_button.clicked.connect(self.submit.emit)
        row.addWidget(back)
        row.addWidget(self.submit_button, 2)

    def draw(self, view: InspectionView, language: str) -> None:
        a = view.assessment
        colour = VERDICT_COLOURS.get(a.verdict, INFO)
        self.verdict.setText(words.verdict_text(a.verdict))
        self.verdict.setStyleSheet(f"background: {colour}; color: white; border-radius: 8px;")
        self.score.setText(words.score_text(a.score))
        lines = []
        for code, params in submit_problems(view):
            item = params.get("item", "")
            text = view.template.item(item).label(language) if item else ""
            lines.append("• " + words.problem_text(code, params, text))
        self.problems.setText("\n".join(lines[:8]) + ("\n…" if len(lines) > 8 else ""))
        why = []
        for ref in a.critical_failed:
            if ref.startswith("reading:"):
                why.append(
                    translate("inspection", "A pesticide sample is positive: the inspection fails.")
                )
            else:
                why.append(
                    translate("inspection", "Critical item failed: {item}").format(
                        item=view.template.item(ref).label(language)
                    )
                )
        self.why.setText("\n".join(why))
        acts = [
            words.action_text(
                x.action, view.template.item(x.item_id).label(language), x.due.isoformat()
            )
            for x in a.actions
        ]
        self.actions_label.setText("\n".join(f"• {t}" for t in acts[:6]))
        self.submit_button.setEnabled(not lines)


class DonePage(QWidget):
    correct = Signal()
    new = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        root = QHBoxLayout(self)
        left = QVBoxLayout()
        root.addLayout(left, 2)
        self.verdict = label(self, "insp-done-verdict", 36, bold=True)
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict.setMinimumHeight(90)
        left.addWidget(self.verdict)
        self.facts = label(self, "insp-done-facts", 20)
        left.addWidget(self.facts)
        self.hash = label(self, "insp-done-hash", 16)
        self.hash.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left.addWidget(self.hash)
        self.pdf_state = label(self, "insp-pdf-state", 18)
        left.addWidget(self.pdf_state)
        left.addStretch(1)
        self.correct_button = touch_button(
            translate("inspection", "Correct it (new version)"), self, name="insp-correct"
        )
        self.correct_button.clicked.connect(self.correct.emit)
        new = touch_button(translate("inspection", "New inspection"), self, name="insp-new")
        new.clicked.connect(self.new.emit)
        left.addWidget(self.correct_button)
        left.addWidget(new)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        holder = QWidget(scroll)
        self.pages = QVBoxLayout(holder)
        scroll.setWidget(holder)
        root.addWidget(scroll, 3)

    def draw(self, view: InspectionView) -> None:
        a = view.assessment
        self.verdict.setText(words.verdict_text(a.verdict))
        self.verdict.setStyleSheet(
            f"background: {VERDICT_COLOURS.get(a.verdict, INFO)}; color: white; border-radius: 8px;"
        )
        self.facts.setText(
            translate("inspection", "{supplier} · version {version} · {score}").format(
                supplier=view.supplier_name, version=view.version, score=words.score_text(a.score)
            )
        )
        self.hash.setText(
            translate("inspection", "Record hash: {hash}").format(hash=view.record_hash or "")
        )
        self.correct_button.setEnabled(view.superseded_by is None)

    def show_pages(self, images: list[QImage]) -> None:
        clear_layout(self.pages)
        for n, image in enumerate(images):
            page = QLabel(self)
            page.setObjectName(f"insp-pdf-page-{n}")
            page.setPixmap(QPixmap.fromImage(image))
            self.pages.addWidget(page)
        self.pdf_state.setText(
            translate("inspection", "Report: {n} page(s)").format(n=len(images))
            if images
            else translate("inspection", "The report cannot be shown here (no pdftoppm).")
        )
