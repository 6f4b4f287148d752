"""A believable demo store: `kiosk demo-data` and `kiosk run --demo` build it.

The store's history is loaded as a central snapshot (seed.json through `kiosk.platform.changes`), so the
outbox starts empty and the reference server loaded from the same directory agrees with the
kiosk. Writes DIR/demo/manifest.json, signing-key.pem, seed.json, tokens.json and a few QR
PNGs under DIR/demo/qr/.
"""

from __future__ import annotations

import json
import os
import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.db import Database
from kiosk.ledger.order_state import OrderStatus as S
from kiosk.platform.changes import iso, load_seed
from kiosk.platform.identity import get_identity, put_setting, set_identity
from kiosk.ports import utcnow
from kiosk.staff import hash_pin
from kiosk.verification.tokens import b64u, make_payload, sign_token

STORE_ID = "ST-SH-0001"
KEY_ID = "demo-k1"
TOKEN_DAYS = 30

# sku, name, unit, price (cents), zone
PRODUCTS = [
    ("VEG-001", "有机小油菜 500g", "袋", 590, "ambient"),
    ("VEG-002", "云南小土豆 2kg", "袋", 1290, "ambient"),
    ("VEG-003", "山东大葱 1kg", "捆", 690, "ambient"),
    ("FRU-001", "阳光玫瑰葡萄 1kg", "盒", 3990, "ambient"),
    ("FRU-002", "丹东99草莓 500g", "盒", 4590, "chilled"),
    ("FRU-003", "赣南脐橙 5斤", "箱", 3590, "ambient"),
    ("DAI-001", "光明鲜牛奶 950ml", "盒", 1590, "chilled"),
    ("DAI-002", "原味风味酸奶 200g×6", "组", 1990, "chilled"),
    ("DAI-003", "低温巴氏鲜奶 1L", "瓶", 1890, "chilled"),
    ("EGG-001", "散养土鸡蛋 30枚", "盒", 2990, "ambient"),
    ("MEA-001", "冷鲜猪肋排 500g", "份", 3290, "chilled"),
    ("TOF-001", "内酯豆腐 400g", "盒", 350, "chilled"),
    ("FRZ-001", "三鲜速冻水饺 1kg", "袋", 2590, "frozen"),
    ("BAK-001", "全麦吐司 400g", "个", 1290, "ambient"),
]
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何林高罗"
GIVEN = "明华芳伟丽军敏静强磊洋艳勇娟涛霞杰婷斌慧"
PREFIXES = ("138", "139", "137", "186", "158", "150", "188", "135")
BINS = (
    [(f"A-{i:02d}", "ambient", f"常温 A 架第{i}格") for i in range(1, 9)]
    + [(f"C-{i:02d}", "chilled", f"冷藏柜 C 第{i}格") for i in range(1, 7)]
    + [(f"F-{i:02d}", "frozen", f"冷冻柜 F 第{i}格") for i in range(1, 3)]
)


@dataclass(frozen=True, slots=True)
class DemoStore:
    store_id: str
    key_id: str
    enrollment_code: str
    directory: Path
    pins: dict[str, str]  # staff/leader id -> PIN, shown once
    manifest: dict[str, Any]


def _masked_name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)}*{rng.choice(GIVEN)}"


def _phone(rng: random.Random) -> tuple[str, str]:
    tail = f"{rng.randrange(10000):04d}"
    return f"{rng.choice(PREFIXES)}****{tail}", tail


def build_seed(
    rng: random.Random, now: datetime, public_key: bytes, orders: int, pins: dict[str, str]
) -> dict[str, Any]:
    """The seed.json snapshot (shared/seed.md) of a demo store with `orders` orders."""
    staff = [
        ("S-001", "王*芳", "clerk"),
        ("S-002", "陈*伟", "manager"),
        ("S-003", "林*", "host"),
        ("S-004", "赵*刚", "inspector"),
    ]
    leaders = [
        ("L-001", "刘*华", "幸福里小区"),
        ("L-002", "周*敏", "锦绣苑"),
        ("L-003", "黄*杰", "滨江花园"),
    ]
    for pid, *_ in staff + leaders:
        pins[pid] = f"{rng.randrange(10**6):06d}"
    customers: list[dict[str, Any]] = []
    for i in range(max(4, orders // 2)):
        masked, tail = _phone(rng)
        customers.append(
            {
                "id": f"C-{i + 1:04d}",
                "name_masked": _masked_name(rng),
                "phone_masked": masked,
                "phone_tail": tail,
            }
        )
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    batches: list[dict[str, Any]] = [
        {
            "id": f"B-{(day - timedelta(days=1)):%Y%m%d}-1",
            "expected_at": iso(day - timedelta(hours=17)),
            "arrived_at": iso(day - timedelta(hours=16, minutes=40)),
            "temperature_c": 3.8,
            "status": "checked_in",
        },
        {
            "id": f"B-{day:%Y%m%d}-1",
            "expected_at": iso(day - timedelta(hours=1)),
            "arrived_at": iso(day - timedelta(minutes=35)),
            "temperature_c": 4.2,
            "status": "checked_in",
        },
        {
            "id": f"B-{day:%Y%m%d}-2",
            "expected_at": iso(day + timedelta(hours=8)),
            "arrived_at": None,
            "temperature_c": None,
            "status": "expected",
        },
    ]
    codes = rng.sample(range(100000, 1000000), orders)
    plan = (
        [S.READY] * 10
        + [S.PICKED_UP] * 4
        + [S.DISPATCHED] * 3
        + [S.CANCELLED]
        + [S.HANDED_OVER, S.REFUNDED]
    )
    order_rows = []
    for i in range(orders):
        status = (
            plan[i % len(plan)] if i >= 4 else (S.READY, S.PICKED_UP, S.DISPATCHED, S.CANCELLED)[i]
        )
        picks = rng.sample(PRODUCTS, rng.randint(1, 4))
        lines: list[dict[str, Any]] = [
            {
                "sku": p[0],
                "name": p[1],
                "qty": rng.choice((1, 1, 1, 2, 3)),
                "unit": p[2],
                "price_cents": p[3],
            }
            for p in picks
        ]
        zones = {p[4] for p in picks}
        zone = "frozen" if "frozen" in zones else "chilled" if "chilled" in zones else "ambient"
        in_zone = [b[0] for b in BINS if b[1] == zone]
        batch = batches[2] if status == S.DISPATCHED else batches[rng.randrange(2)]
        arrived = status != S.DISPATCHED
        ready_at = (now - timedelta(hours=rng.randint(1, 12))) if arrived else None
        order_rows.append(
            {
                "id": f"LK{day:%y%m%d}{i + 1:05d}",
                "store_id": STORE_ID,
                "customer_id": customers[i % len(customers)]["id"],
                "leader_id": leaders[i % 3][0] if status == S.HANDED_OVER or i % 5 == 0 else None,
                "batch_id": batch["id"],
                "pickup_code": f"{codes[i]:06d}",
                "status": status,
                "bin_code": rng.choice(in_zone) if arrived else None,
                "total_cents": sum(int(ln["qty"]) * int(ln["price_cents"]) for ln in lines),
                "placed_at": iso(now - timedelta(days=1, hours=rng.randint(0, 20))),
                "ready_at": iso(ready_at),
                "picked_up_at": iso(now - timedelta(minutes=rng.randint(5, 300)))
                if status == S.PICKED_UP
                else None,
                "lines": lines,
            }
        )
    return {
        "store": {
            "id": STORE_ID,
            "name": "邻里优选·幸福里自提点",
            "address": "上海市浦东新区幸福路 88 号 1 层",
            "timezone": "Asia/Shanghai",
        },
        "keys": [{"key_id": KEY_ID, "public_key": b64u(public_key)}],
        "enrollment_code": f"LINLI-{secrets.token_hex(3).upper()}-{secrets.token_hex(3).upper()}",
        "staff": [
            {"id": sid, "name": name, "role": role, "pin_hash": hash_pin(pins[sid])}
            for sid, name, role in staff
        ],
        "leaders": [
            {
                "id": lid,
                "name": name,
                "phone_masked": _phone(rng)[0],
                "badge_code": f"BADGE-{lid}",
                "pin_hash": hash_pin(pins[lid]),
                "community": community,
            }
            for lid, name, community in leaders
        ],
        "customers": customers,
        "bins": [{"code": c, "zone": z, "label": label} for c, z, label in BINS],
        "batches": batches,
        "suppliers": [
            {"id": "SUP-001", "name": "崇明绿源蔬菜合作社", "address": "上海市崇明区"},
            {"id": "SUP-002", "name": "光明乳业华东配送中心", "address": "上海市闵行区"},
        ],
        "orders": order_rows,
    }


def build_demo(
    db: Database, data_dir: Path, *, orders: int = 60, seed: int | None = None
) -> DemoStore:
    """Fill `db` with a demo store and write the demo files under `data_dir/demo`."""
    orders = max(8, min(orders, 100_000))
    rng = random.Random(seed)
    now = utcnow()
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    pins: dict[str, str] = {}
    snapshot = build_seed(rng, now, public, orders, pins)
    with db.session() as s:
        load_seed(s, snapshot)
        device_id = get_identity(s).device_id
        set_identity(s, store_id=STORE_ID, device_id=device_id)
        put_setting(s, "demo", True)
    out = data_dir / "demo"
    (out / "qr").mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {
        "store_id": STORE_ID,
        "key_id": KEY_ID,
        "enrollment_code": snapshot["enrollment_code"],
        "orders": {"ready": [], "picked_up": [], "not_arrived": [], "cancelled": []},
    }
    # manifest category (DESIGN.md's manifest keys) of each status the manifest lists
    bucket = {
        S.READY: "ready",
        S.PICKED_UP: "picked_up",
        S.DISPATCHED: "not_arrived",
        S.CANCELLED: "cancelled",
    }
    expiry = int((now + timedelta(days=TOKEN_DAYS)).timestamp())
    tokens: dict[str, str] = {}
    for o in snapshot["orders"]:
        if o["status"] in bucket:
            manifest["orders"][bucket[o["status"]]].append(
                {"order_id": o["id"], "pickup_code": o["pickup_code"]}
            )
        tokens[o["id"]] = sign_token(
            key, make_payload(o["id"], STORE_ID, o["pickup_code"], expiry, KEY_ID)
        )
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    _write_secret(out / "signing-key.pem", pem)
    _write_json(out / "manifest.json", manifest)
    _write_json(out / "seed.json", snapshot)
    _write_json(out / "tokens.json", tokens)
    _write_qr_samples(out / "qr", manifest, tokens)
    return DemoStore(STORE_ID, KEY_ID, snapshot["enrollment_code"], out, pins, manifest)


def _write_secret(path: Path, data: bytes) -> None:
    """A private key: readable by its owner only, from the moment the file exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # an existing file keeps its old mode through O_CREAT
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def _write_json(path: Path, obj: object) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(obj, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)


def _write_qr_samples(folder: Path, manifest: dict[str, Any], tokens: dict[str, str]) -> None:
    """A few customer pickup QR codes, one PNG per order: `<category>-<order_id>.png`."""
    import qrcode

    samples = {"ready": 3}  # per manifest category; one of each other
    for category, entries in manifest["orders"].items():
        for entry in entries[: samples.get(category, 1)]:
            img = qrcode.make(tokens[entry["order_id"]], box_size=6, border=4)
            img.save(str(folder / f"{category}-{entry['order_id']}.png"))


def load_signing_key(path: Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} is not an Ed25519 private key")
    return key
