"""The inspection report as a PDF (reportlab): supplier, time, location note, every item
with answer, note and photos, samples with verdicts, score, verdict, corrective actions,
both signatures (drawn from their strokes), the record's hash and a verification QR.

Why here and not in drivers/: a PDF is a document made from the record, not a device; the
bytes go to the ledger as media (and sync like a photo). reportlab is a pure-Python writer
with no I/O of its own, so the core may use it (the layer rule forbids Qt and device/network
libraries). Chinese: reportlab's built-in CID font STSong-Light (no font file needed; PDF
readers and poppler substitute a Song/Noto face).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing, PolyLine, Rect
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from kiosk.inspection.record import InspectionView
from kiosk.inspection.scoring import Answer

FONT = "STSong-Light"
VERDICT_COLOURS = {"pass": "#1b7f3b", "rectify": "#b26a00", "fail": "#b3261e"}

WORDS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "title": "供应商飞行检查报告",
        "supplier": "供应商",
        "address": "地址",
        "time": "检查时间",
        "submitted": "提交时间",
        "location": "地点说明",
        "inspector": "检查员",
        "template": "检查表",
        "version": "版本",
        "supersedes": "更正自",
        "score": "得分",
        "verdict": "结论",
        "pass": "合格",
        "rectify": "限期整改",
        "fail": "不合格",
        "na": "不适用",
        "unanswered": "未答",
        "item": "检查项",
        "answer": "结果",
        "note": "备注",
        "critical": "关键项",
        "actions": "整改措施",
        "due": "期限",
        "samples": "抽样检测",
        "kind": "项目",
        "value": "数值",
        "reading_verdict": "判定",
        "source": "来源",
        "instrument": "仪器",
        "manual": "手工录入",
        "signatures": "签名",
        "sig_inspector": "检查员签名",
        "sig_supplier": "供应商代表签名",
        "hash": "记录哈希",
        "verify": "扫码核验：记录哈希与同步的记录一致即未被改动",
        "put_right": "整改：",
        "critical_fail": "关键项不合格，整体判定不合格",
        "positive": "抽样农残阳性",
        "weight": "重量",
        "brix": "糖度",
        "pesticide": "农残抑制率",
        "none": "无",
        "page": "第 {n} 页",
    },
    "en": {
        "title": "Supplier inspection report",
        "supplier": "Supplier",
        "address": "Address",
        "time": "Inspected",
        "submitted": "Submitted",
        "location": "Location note",
        "inspector": "Inspector",
        "template": "Checklist",
        "version": "Version",
        "supersedes": "Corrects",
        "score": "Score",
        "verdict": "Verdict",
        "pass": "Pass",
        "rectify": "Rectify within the due dates",
        "fail": "Fail",
        "na": "N/A",
        "unanswered": "Not answered",
        "item": "Item",
        "answer": "Answer",
        "note": "Note",
        "critical": "critical",
        "actions": "Corrective actions",
        "due": "Due",
        "samples": "Samples tested",
        "kind": "Test",
        "value": "Value",
        "reading_verdict": "Verdict",
        "source": "Source",
        "instrument": "instrument",
        "manual": "manual entry",
        "signatures": "Signatures",
        "sig_inspector": "Inspector",
        "sig_supplier": "Supplier's representative",
        "hash": "Record hash",
        "verify": "Scan to verify: the record is unchanged when its hash matches the synced record",
        "put_right": "Put right: ",
        "critical_fail": "A critical item failed: the inspection fails",
        "positive": "pesticide sample positive",
        "weight": "Weight",
        "brix": "Brix",
        "pesticide": "Pesticide inhibition",
        "none": "none",
        "page": "Page {n}",
    },
}


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


# STSong-Light (Adobe-GB1) has no glyph for U+00B7; GB's own middle dot U+30FB would be
# narrow-spaced, so a plain separator it has
GLYPH_FIXES = str.maketrans({"·": "|", "\u2009": " "})


def _esc(text: str) -> str:
    text = text.translate(GLYPH_FIXES)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Signature(Flowable):  # type: ignore[misc]
    """A signature drawn from its strokes (vector lines, crisp at any zoom)."""

    def __init__(self, strokes: Any, width: float, height: float) -> None:
        super().__init__()
        self.strokes, self.width, self.height = strokes, width, height

    def draw(self) -> None:
        d = Drawing(self.width, self.height)
        d.add(
            Rect(
                0,
                0,
                self.width,
                self.height,
                strokeColor=colors.lightgrey,
                fillColor=None,
                strokeWidth=0.5,
            )
        )
        for stroke in self.strokes or ():
            pts: list[float] = []
            for x, y in stroke:
                pts += [x * self.width, (1 - y) * self.height]
            if len(pts) >= 4:
                d.add(PolyLine(pts, strokeColor=colors.black, strokeWidth=1.2))
        d.drawOn(self.canv, 0, 0)


def render(
    view: InspectionView,
    load_media: Callable[[str], bytes | None],
    *,
    language: str = "zh_CN",
    local_time: Callable[[datetime], str] | None = None,
) -> bytes:
    """The PDF bytes. `load_media(sha)` gives a photo's bytes (None: left out, noted)."""
    w = WORDS.get(language, WORDS["en"])
    font = _font()
    when = local_time or (lambda at: at.strftime("%Y-%m-%d %H:%M UTC"))
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=13)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10)
    h1 = ParagraphStyle("h1", parent=body, fontSize=18, leading=24, spaceAfter=6)
    h2 = ParagraphStyle("h2", parent=body, fontSize=12.5, leading=17, spaceBefore=8, spaceAfter=4)

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(_esc(text), style)

    grid = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("FONTSIZE", (0, 0), (-1, -1), 9),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ]
    )
    a = view.assessment
    story: list[Flowable] = [p(w["title"], h1)]
    facts = [
        (w["supplier"], f"{view.supplier_name}  ({view.supplier_id})"),
        (w["address"], view.supplier_address or "—"),
        (w["time"], when(view.started_at)),
        (w["submitted"], when(view.submitted_at) if view.submitted_at else "—"),
        (w["location"], view.location_note or "—"),
        (
            w["inspector"],
            f"{view.inspector_name} ({view.inspector_id})"
            if view.inspector_name
            else view.inspector_id,
        ),
        (w["template"], f"{view.template.title(language)} v{view.template.version}"),
        (
            w["version"],
            str(view.version)
            + (f"  ({w['supersedes']} {view.supersedes})" if view.supersedes else ""),
        ),
    ]
    t = Table([[p(k), p(v)] for k, v in facts], colWidths=[32 * mm, 140 * mm])
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
            ]
        )
    )
    story += [t, Spacer(1, 4 * mm)]
    colour = colors.HexColor(VERDICT_COLOURS.get(a.verdict, "#333333"))
    verdict = Table(
        [
            [
                p(
                    f"{w['verdict']}: {w.get(a.verdict, a.verdict)}",
                    ParagraphStyle("v", parent=h2, textColor=colors.white),
                ),
                p(
                    f"{w['score']}: {a.score:.1f} / 100",
                    ParagraphStyle("s", parent=h2, textColor=colors.white),
                ),
            ]
        ],
        colWidths=[110 * mm, 62 * mm],
    )
    verdict.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colour)]))
    story.append(verdict)
    if a.critical_failed:
        story.append(p(w["critical_fail"], ParagraphStyle("c", parent=body, textColor=colour)))
    # --- items, section by section -------------------------------------------------------
    for section in dict.fromkeys(it.section for it in view.items):
        story.append(p(view.template.section_title(section, language), h2))
        rows: list[list[Any]] = [[p(w["item"]), p(w["answer"]), p(w["note"])]]
        for it in (i for i in view.items if i.section == section):
            ans = view.answers.get(it.id, Answer())
            label = it.label(language) + (f"  [{w['critical']}]" if it.critical else "")
            word = w.get(ans.answer or "unanswered", ans.answer or "")
            cell: list[Flowable] = [p(ans.note or "")]
            for sha in ans.photos:
                data = load_media(sha)
                if data is None:
                    cell.append(p(f"[photo {sha[:12]} missing]", small))
                    continue
                img = Image(io.BytesIO(data))
                scale = min(60 * mm / img.imageWidth, 45 * mm / img.imageHeight)
                img.drawWidth, img.drawHeight = img.imageWidth * scale, img.imageHeight * scale
                cell += [img, p(sha[:12], small)]
            rows.append([p(label), p(word), cell])
        table = Table(rows, colWidths=[82 * mm, 22 * mm, 68 * mm], repeatRows=1)
        table.setStyle(grid)
        for n, it in enumerate((i for i in view.items if i.section == section), start=1):
            ans = view.answers.get(it.id, Answer())
            if ans.answer == "fail":
                table.setStyle(
                    TableStyle(
                        [("TEXTCOLOR", (1, n), (1, n), colors.HexColor(VERDICT_COLOURS["fail"]))]
                    )
                )
        story.append(table)
    # --- samples --------------------------------------------------------------------------
    story.append(p(w["samples"], h2))
    if view.samples:
        rows = [[p(w["kind"]), p(w["value"]), p(w["reading_verdict"]), p(w["source"])]]
        for s in view.samples:
            value = "—" if s.value is None else f"{s.value:g} {s.unit}"
            source = w["instrument"] if s.source == "instrument" else w["manual"]
            if s.short_code:
                source += f" {s.short_code}"
            rows.append(
                [
                    p(f"{w.get(s.kind, s.kind)} {s.product or ''}"),
                    p(value),
                    p(s.verdict_label or s.verdict or "—"),
                    p(source),
                ]
            )
        table = Table(rows, colWidths=[52 * mm, 30 * mm, 50 * mm, 40 * mm])
        table.setStyle(grid)
        story.append(table)
    else:
        story.append(p(w["none"]))
    # --- corrective actions --------------------------------------------------------------
    if a.actions:
        story.append(p(w["actions"], h2))
        rows = [[p(w["item"]), p(w["actions"]), p(w["due"])]]
        for act in a.actions:
            it = view.template.item(act.item_id)
            text = act.action or w["put_right"] + it.label(language)
            rows.append([p(it.label(language)), p(text), p(act.due.isoformat())])
        table = Table(rows, colWidths=[70 * mm, 72 * mm, 30 * mm])
        table.setStyle(grid)
        story.append(table)
    # --- signatures, hash, QR ---------------------------------------------------------------
    sig_cells = []
    for role in ("inspector", "supplier"):
        sig = view.signatures.get(role)
        sig_cells.append(
            [
                p(w[f"sig_{role}"]),
                _Signature(sig.strokes if sig else (), 80 * mm, 30 * mm),
                p(f"{sig.name}  {sig.at}" if sig else "—", small),
            ]
        )
    sigs = Table([sig_cells], colWidths=[86 * mm, 86 * mm])
    story += [p(w["signatures"], h2), sigs]
    if view.code:
        qr = QrCodeWidget(view.code)
        x0, y0, x1, y1 = qr.getBounds()
        size = 34 * mm
        d = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
        d.add(qr)
        block = Table(
            [
                [
                    d,
                    [
                        p(w["hash"], body),
                        p(view.record_hash or "", small),
                        p(view.code, small),
                        p(w["verify"], small),
                    ],
                ]
            ],
            colWidths=[38 * mm, 134 * mm],
        )
        block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story += [Spacer(1, 4 * mm), KeepTogether([block])]

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.drawString(18 * mm, 10 * mm, f"{view.id}  {w['page'].format(n=doc.page)}")
        canvas.restoreState()

    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=f"{w['title']} {view.id}",
        author="Linli Kiosk",
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
