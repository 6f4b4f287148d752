"""Checklist templates: the built-in default for fresh-produce suppliers, and the ones the
platform syncs (`checklist` changes, kiosk/platform/inbound.py -> checklist_templates).

A template is data, not UI words: each item carries its text in zh_CN and en, the section it
belongs to, whether it is critical (a fail fails the whole inspection), its weight in the
score, what a fail must carry (a photo or a note), and an optional condition (the item only
applies when another item got a given answer).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kiosk.errors import UserFacingError

ANSWERS = ("pass", "fail", "na")
SECTIONS = ("hygiene", "cold_chain", "storage", "labelling", "pest_control", "records", "samples")
DEFAULT_ID = "builtin-fresh-produce"


@dataclass(frozen=True, slots=True)
class Condition:
    """The item applies only when `item_id` was answered `answer`."""

    item_id: str
    answer: str


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    id: str
    section: str
    text: Mapping[str, str]  # language -> text ("zh_CN", "en")
    critical: bool = False
    weight: float = 1.0
    evidence_on_fail: str = "photo_or_note"  # photo_or_note, photo, note, none
    condition: Condition | None = None
    corrective_days: int | None = None  # a fail here must be put right within N days

    def label(self, language: str) -> str:
        return (
            self.text.get(language)
            or self.text.get("en")
            or next(iter(self.text.values()), self.id)
        )


@dataclass(frozen=True, slots=True)
class Template:
    id: str
    name: Mapping[str, str]
    version: int
    items: tuple[ChecklistItem, ...]
    pass_score: float = 90.0  # at or above, no fails: pass
    rectify_score: float = 70.0  # at or above (no critical fail): rectify within N days
    rectify_days: int = 14
    section_names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def item(self, item_id: str) -> ChecklistItem:
        for it in self.items:
            if it.id == item_id:
                return it
        raise UserFacingError(f"The checklist has no item {item_id!r}.")

    def title(self, language: str) -> str:
        return self.name.get(language) or self.name.get("en") or self.id

    def section_title(self, section: str, language: str) -> str:
        names = self.section_names.get(section) or DEFAULT_SECTION_NAMES.get(section) or {}
        return names.get(language) or names.get("en") or section

    # --- JSON (the template is copied into each inspection, so a later sync never changes
    # what an inspection was filled against) -----------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": dict(self.name),
            "version": self.version,
            "pass_score": self.pass_score,
            "rectify_score": self.rectify_score,
            "rectify_days": self.rectify_days,
            "section_names": {k: dict(v) for k, v in self.section_names.items()},
            "items": [
                {
                    "id": it.id,
                    "section": it.section,
                    "text": dict(it.text),
                    "critical": it.critical,
                    "weight": it.weight,
                    "evidence_on_fail": it.evidence_on_fail,
                    "condition": None
                    if it.condition is None
                    else {"item_id": it.condition.item_id, "answer": it.condition.answer},
                    "corrective_days": it.corrective_days,
                }
                for it in self.items
            ],
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any], *, fallback_id: str = "") -> Template:
        """A synced template; refuses one that cannot be filled in (no items, duplicate ids,
        a condition on an unknown item), with plain words."""
        tid = str(raw.get("id") or fallback_id)
        name = _texts(raw.get("name"), tid)
        items_raw = raw.get("items")
        if not isinstance(items_raw, list) or not items_raw:
            raise UserFacingError(f"Checklist {tid!r} has no items.")
        items: list[ChecklistItem] = []
        seen: set[str] = set()
        for n, it in enumerate(items_raw):
            if not isinstance(it, Mapping):
                raise UserFacingError(f"Checklist {tid!r}: item {n + 1} is not an object.")
            iid = str(it.get("id") or f"item-{n + 1}")
            if iid in seen:
                raise UserFacingError(f"Checklist {tid!r}: item id {iid!r} appears twice.")
            seen.add(iid)
            cond = it.get("condition")
            condition = None
            if isinstance(cond, Mapping) and cond.get("item_id"):
                condition = Condition(str(cond["item_id"]), str(cond.get("answer") or "pass"))
            evidence = str(it.get("evidence_on_fail") or "photo_or_note")
            if evidence not in {"photo_or_note", "photo", "note", "none"}:
                evidence = "photo_or_note"
            weight = float(it.get("weight", 1.0))
            if not weight >= 0 or weight == float("inf"):
                raise UserFacingError(f"Checklist {tid!r}: item {iid!r} has a bad weight.")
            days = it.get("corrective_days")
            items.append(
                ChecklistItem(
                    id=iid,
                    section=str(it.get("section") or "other"),
                    text=_texts(it.get("text"), iid),
                    critical=bool(it.get("critical")),
                    weight=weight,
                    evidence_on_fail=evidence,
                    condition=condition,
                    corrective_days=int(days) if isinstance(days, int | float) else None,
                )
            )
        for it in items:
            if it.condition is not None and it.condition.item_id not in seen:
                raise UserFacingError(
                    f"Checklist {tid!r}: item {it.id!r} depends on an "
                    f"unknown item {it.condition.item_id!r}."
                )
        sections = raw.get("section_names")
        return cls(
            id=tid,
            name=name,
            version=int(raw.get("version") or 1),
            items=tuple(items),
            pass_score=float(raw.get("pass_score", 90.0)),
            rectify_score=float(raw.get("rectify_score", 70.0)),
            rectify_days=int(raw.get("rectify_days", 14)),
            section_names={str(k): _texts(v, str(k)) for k, v in sections.items()}
            if isinstance(sections, Mapping)
            else {},
        )


def _texts(value: Any, fallback: str) -> dict[str, str]:
    if isinstance(value, Mapping):
        out = {str(k): str(v) for k, v in value.items() if v}
        return out or {"en": fallback}
    if isinstance(value, str) and value:
        return {"zh_CN": value, "en": value}
    return {"en": fallback}


DEFAULT_SECTION_NAMES: dict[str, dict[str, str]] = {
    "hygiene": {"zh_CN": "卫生", "en": "Hygiene"},
    "cold_chain": {"zh_CN": "冷链温度", "en": "Cold-chain temperatures"},
    "storage": {"zh_CN": "仓储", "en": "Storage"},
    "labelling": {"zh_CN": "标签与日期", "en": "Labelling and dates"},
    "pest_control": {"zh_CN": "虫害控制", "en": "Pest control"},
    "records": {"zh_CN": "记录", "en": "Records"},
    "samples": {"zh_CN": "抽样检测", "en": "Samples tested"},
}


def _i(iid: str, section: str, zh: str, en: str, **kw: Any) -> ChecklistItem:
    return ChecklistItem(id=iid, section=section, text={"zh_CN": zh, "en": en}, **kw)


DEFAULT = Template(
    id=DEFAULT_ID,
    name={
        "zh_CN": "生鲜供应商飞行检查（默认）",
        "en": "Fresh-produce supplier inspection (default)",
    },
    version=1,
    items=(
        _i(
            "hyg-surfaces",
            "hygiene",
            "分拣台、工具和容器清洁，无积水和腐烂残渣",
            "Sorting tables, tools and crates are clean, no standing water or rotting waste",
        ),
        _i(
            "hyg-staff",
            "hygiene",
            "员工穿戴工作服、帽子和手套，健康证在有效期内",
            "Staff wear clean clothes, caps and gloves; health certificates are valid",
        ),
        _i(
            "hyg-handwash",
            "hygiene",
            "洗手设施可用，有洗手液和擦手纸",
            "Hand-washing point works, with soap and towels",
        ),
        _i(
            "cold-store",
            "cold_chain",
            "冷库温度在 0–4 °C（叶菜）或规定范围内",
            "Cold store at 0–4 °C (leafy greens) or its set range",
            critical=True,
            weight=2.0,
            evidence_on_fail="photo",
        ),
        _i(
            "cold-log",
            "cold_chain",
            "冷库有温度记录，近 7 天无超标未处理",
            "Cold store has a temperature log; no untreated excursion in the last 7 days",
        ),
        _i(
            "cold-truck",
            "cold_chain",
            "冷藏车预冷并在装车时温度达标",
            "Reefer truck pre-cooled and in range at loading",
            weight=1.5,
        ),
        _i(
            "sto-floor",
            "storage",
            "产品离地离墙存放，生熟、清洁与污染区分开",
            "Produce kept off the floor and walls; clean and dirty areas apart",
        ),
        _i(
            "sto-chem",
            "storage",
            "农药、化肥、清洁剂与产品分开上锁存放",
            "Pesticides, fertiliser and cleaning agents locked away from produce",
            critical=True,
            weight=2.0,
        ),
        _i(
            "lab-labels",
            "labelling",
            "包装标签有品名、产地、重量、生产/采收日期",
            "Pack labels show name, origin, weight and packing/harvest date",
        ),
        _i(
            "lab-expired",
            "labelling",
            "现场无过期或日期不清的产品",
            "No expired or undated produce on site",
            critical=True,
        ),
        _i(
            "pest-signs",
            "pest_control",
            "无虫害、鼠害迹象",
            "No signs of insects or rodents",
            weight=1.5,
        ),
        _i(
            "pest-contract",
            "pest_control",
            "有有效的虫害防治记录或外包合同",
            "Pest-control log or contract is current",
        ),
        _i(
            "rec-spray",
            "records",
            "农药使用记录完整，采收前遵守安全间隔期",
            "Spray records complete; pre-harvest intervals kept",
            critical=True,
            weight=2.0,
        ),
        _i(
            "rec-trace",
            "records",
            "批次可追溯到地块/基地和采收日期",
            "Batches trace back to field and harvest date",
        ),
        _i(
            "rec-trace-doc",
            "records",
            "抽查一个批次：追溯单据齐全",
            "One batch checked: its trace documents are complete",
            condition=Condition("rec-trace", "pass"),
        ),
        _i(
            "smp-pesticide",
            "samples",
            "抽样农残快检合格（阴性）",
            "Sampled produce passes the pesticide rapid test (negative)",
            critical=True,
            weight=2.0,
            evidence_on_fail="note",
        ),
        _i(
            "smp-brix",
            "samples",
            "抽样糖度/品质符合约定等级",
            "Sampled Brix / quality meets the agreed grade",
        ),
    ),
)
