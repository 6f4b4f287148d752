"""A kiosk of another store can neither read nor write this store's data; media uploads."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import requests
from sync_helpers import (
    ServerProc,
    add_readings,
    engine_for,
    enrollment_code,
    outbox,
    pick_up,
    ready_orders,
)

from kiosk.db import Database
from kiosk.models import Media
from kiosk.ports import EventStatus, utcnow
from sync.client.http import HttpCentralApi
from sync.client.setup import enroll_kiosk
from sync.server import admin


def _other_store_api(server: ServerProc) -> tuple[HttpCentralApi, str, str]:
    server.admin(admin.create_store, "ST-OTHER", "另一家自提点")
    code = server.admin(admin.issue_code, "ST-OTHER")
    server.admin(
        admin.load_orders,
        [
            {
                "id": "OTHER-1",
                "status": "ready",
                "pickup_code": "111111",
                "lines": [{"sku": "X", "name": "x", "qty": 1}],
            }
        ],
        "ST-OTHER",
    )
    e = HttpCentralApi(server.url).enroll(code, "intruder")
    assert e.store_id == "ST-OTHER"
    return HttpCentralApi(server.url, e.token), e.device_id, e.store_id


def _event(store_id: str, device_id: str, order_id: str) -> dict[str, object]:
    return {
        "event_id": str(uuid.uuid4()),
        "type": "order.picked_up",
        "store_id": store_id,
        "device_id": device_id,
        "seq": 1,
        "occurred_at": utcnow().isoformat(),
        "payload": {
            "order_id": order_id,
            "lines": [{"sku": "X", "qty": 1}],
            "method": "code",
            "staff_id": "S-9",
        },
    }


def test_other_store_kiosk_cannot_read_or_write(
    server: ServerProc, kiosk_dir: Path, kiosk_db: Database
) -> None:
    api, device_id, store_id = _other_store_api(server)
    page = api.pull_changes("0", 5000)
    orders = [c for c in page.changes if c.kind == "order"]
    assert [c.key for c in orders] == ["OTHER-1"]  # none of ST-SH-0001's 60 orders
    assert not [c for c in page.changes if c.kind in {"staff", "leader"}]
    victim = ready_orders(kiosk_dir)[0]
    results = api.push_events(
        [
            _event("ST-SH-0001", device_id, victim),  # pretends to be the other store
            _event(store_id, device_id, victim),  # its own store, someone else's order
            _event(store_id, "dev-someone-else", "OTHER-1"),  # another device's identity
            _event(store_id, device_id, "NO-SUCH-ORDER"),  # an order that does not exist at all
        ]
    )
    assert [r.status for r in results] == [EventStatus.REJECTED] * 4
    assert "belongs to store 'ST-OTHER'" in results[0].reason
    assert "not by the device sending it" in results[2].reason
    # the answer for another store's order must not tell that the order exists
    assert results[1].reason.replace(victim, "X") == results[3].reason.replace("NO-SUCH-ORDER", "X")
    assert "not known to this store" in results[1].reason
    assert server.stats()["events"] == 0
    # the victim order is untouched: the real store's kiosk can still hand it out
    enroll_kiosk(kiosk_db, server.url, enrollment_code(kiosk_dir), "counter-1")
    ev = pick_up(kiosk_db, [victim])[0]
    assert engine_for(kiosk_db).run_once().results == {"accepted": 1}
    assert outbox(kiosk_db)[ev] == ("accepted", False)
    # and its own order is fine for it
    assert [r.status for r in api.push_events([_event(store_id, device_id, "OTHER-1")])] == [
        EventStatus.ACCEPTED
    ]


def test_media_is_content_addressed(
    server: ServerProc, kiosk_dir: Path, kiosk_db: Database
) -> None:
    enroll_kiosk(kiosk_db, server.url, enrollment_code(kiosk_dir), "counter-1")
    body = b"%PDF-1.4 inspection report" + bytes(range(256))
    sha = hashlib.sha256(body).hexdigest()
    folder = kiosk_dir / "media"
    folder.mkdir()
    (folder / f"{sha}.pdf").write_bytes(body)
    with kiosk_db.session() as s:
        s.add(
            Media(
                sha256=sha,
                mime="application/pdf",
                size=len(body),
                path=f"media/{sha}.pdf",
                created_at=utcnow(),
            )
        )
    damaged = b"this file was changed after it was recorded"
    bad_sha = hashlib.sha256(b"the original bytes").hexdigest()
    (folder / "damaged.jpg").write_bytes(damaged)
    with kiosk_db.session() as s:
        s.add(
            Media(
                sha256=bad_sha,
                mime="image/jpeg",
                size=len(damaged),
                path="media/damaged.jpg",
                created_at=utcnow(),
            )
        )
        s.add(
            Media(
                sha256="f" * 64,
                mime="image/jpeg",
                size=1,
                path="media/gone.jpg",
                created_at=utcnow(),
            )
        )
    add_readings(kiosk_db, 2)
    first = engine_for(kiosk_db).run_once()  # damaged/missing files do not block the rest
    assert (first.media, first.media_skipped, first.results) == (1, 2, {"accepted": 2})
    with kiosk_db.reader() as s:
        assert s.get(Media, sha).uploaded_at is not None  # type: ignore[union-attr]
    assert engine_for(kiosk_db).run_once().media == 0
    from kiosk.platform.sync_status import TOKEN, get_state

    with kiosk_db.reader() as s:
        auth = {"Authorization": f"Bearer {get_state(s, TOKEN)}"}
    again = requests.put(f"{server.url}/api/v1/media/{sha}", data=body, headers=auth, timeout=5)
    assert again.status_code == 200 and again.json()["stored"] is False
    wrong = requests.put(
        f"{server.url}/api/v1/media/{'0' * 64}", data=body, headers=auth, timeout=5
    )
    assert wrong.status_code == 400 and "do not match" in wrong.json()["detail"]

    def held() -> bytes:
        from sync.server.models import MediaBlob

        return bytes(server.admin(lambda s: s.get(MediaBlob, sha).body))

    assert held() == body


def test_a_cursor_the_server_never_gave_starts_over(server: ServerProc, kiosk_dir: Path) -> None:
    e = HttpCentralApi(server.url).enroll(enrollment_code(kiosk_dir), "x")
    api = HttpCentralApi(server.url, e.token)
    first = api.pull_changes("0", 5000)
    again = api.pull_changes(str(int(first.next_cursor) + 1000), 5000)  # e.g. a restored server
    assert [c.key for c in again.changes] == [c.key for c in first.changes]
    assert again.next_cursor == first.next_cursor and not again.has_more
    bad = requests.get(
        f"{server.url}/api/v1/changes",
        params={"cursor": "abc"},
        timeout=5,
        headers={"Authorization": f"Bearer {e.token}"},
    )
    assert bad.status_code == 400 and "next_cursor" in bad.json()["detail"]
