"""The pickup screen on a real ledger: every verdict's screen, confirm by Enter, partial
pickup with an issue and a photo, hand out all, undo, reprint, the wrong-order race."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pickup_rig import Counter, make_counter
from pytestqt.qtbot import QtBot

from kiosk.db import Database
from kiosk.flows.pickup import PickupStep
from kiosk.models import IssueReport
from kiosk.settings import Settings
from ui.qt import Qt
from ui.words.verdicts import COLOURS, Tone


def band(c: Counter) -> str:
    return c.screen.panel.band.text()


def colour(c: Counter) -> str:
    return c.screen.panel.band.styleSheet()


def facts(c: Counter) -> str:
    return c.screen.panel.facts.text()


def press_enter(c: Counter) -> None:
    c.do(lambda: c.qtbot.keyClick(c.screen.pad.field, Qt.Key.Key_Return))


@pytest.mark.parametrize(
    ("order", "tone", "words", "fact"),
    [
        ("O-READY", Tone.GO, "Ready", "ends in: 5678"),
        ("O-PICKED", Tone.DONE, "ALREADY PICKED UP", "Picked up at"),
        ("O-CANC", Tone.DANGER, "Cancelled", "refund"),
        ("O-REF", Tone.DANGER, "Cancelled", "refunded"),
        ("O-HAND", Tone.DONE, "team leader", "刘*华"),
        ("O-DISP", Tone.WAIT, "Not arrived", "on its way"),
    ],
)
def test_each_order_verdict_has_its_colour_and_words(
    counter: Counter, order: str, tone: Tone, words: str, fact: str
) -> None:
    counter.scan(counter.world.token(order))
    assert words in band(counter) and COLOURS[tone] in colour(counter)
    assert fact in facts(counter) + counter.screen.panel.who.text()
    assert counter.screen.confirm_button.isEnabled() == (tone is Tone.GO)


def test_token_verdicts_forged_other_store_expired_unknown_key(counter: Counter) -> None:
    w = counter.world
    cases = [
        (w.token("O-READY", key=Ed25519PrivateKey.generate()), "NOT A GENUINE", Tone.DANGER),
        (w.token("O-READY", store="ST9"), "Not an order of this store", Tone.DANGER),
        (w.token("O-READY", expiry=1), "Code expired", Tone.WAIT),
        (w.token("O-READY", kid="k-unknown"), "unknown key", Tone.WAIT),
        ("hello", "Not a pickup code", Tone.WAIT),
        ("999999", "No such code", Tone.WAIT),
        ("4444", "No order for this phone", Tone.WAIT),
    ]
    for text, words, tone in cases:
        counter.scan(text)
        assert words in band(counter), text
        assert COLOURS[tone] in colour(counter)
        assert not counter.screen.confirm_button.isEnabled()
    counter.scan(w.token("O-READY", store="ST9"))
    assert "ST9" in facts(counter)


def test_genuine_unsynced_is_refused_by_default_and_served_when_policy_allows(
    qtbot: QtBot, db: Database
) -> None:
    c = make_counter(qtbot, db)
    c.scan(c.world.token("O-NEW", code="777777"))
    assert "not synced" in band(c) and "do not serve" in facts(c)
    assert not c.screen.confirm_button.isEnabled()
    c.screen.ctx.settings = Settings(sounds=False, speech=False, provisional_pickup="allow")
    c.do(lambda: c.screen._settings(c.screen.ctx.settings))
    c.scan(c.world.token("O-NEW", code="777777"))
    assert "provisionally" in facts(c) and c.screen.confirm_button.isEnabled()
    press_enter(c)
    assert c.status("O-NEW") == "picked_up"


def test_scan_then_enter_hands_it_out_with_one_event_and_a_receipt(counter: Counter) -> None:
    counter.scan(counter.world.token("O-READY"))
    press_enter(counter)
    assert counter.status("O-READY") == "picked_up"
    assert [e.payload["order_id"] for e in counter.events()] == ["O-READY"]
    assert [j.ref for j in counter.jobs()] == ["O-READY"]
    assert "Picked up" in band(counter) and COLOURS[Tone.SUCCESS] in colour(counter)
    assert "A-01" in counter.screen.panel.bin.text() and "Receipt: printing" in facts(counter)
    assert not counter.screen.confirm_button.isEnabled()
    counter.qtbot.keyClick(counter.screen.pad.field, Qt.Key.Key_Return)  # again: nothing to do
    assert counter.screen.pending_ops == 0 and len(counter.events()) == 1


def test_wrong_order_race_scan_a_garbage_confirm(counter: Counter) -> None:
    """The confirm of A is queued behind a garbage scan: A is not handed out."""
    counter.scan(counter.world.token("O-READY"))
    assert counter.screen.confirm_button.isEnabled()
    drawn = counter.screen.drawn
    counter.screen.scan("garbage!!")  # in flight: the confirm button goes off at once
    assert not counter.screen.confirm_button.isEnabled()
    counter.screen.confirm_button.setEnabled(True)  # a tap that raced the disable
    counter.screen.confirm()
    counter.settle(drawn)
    counter.qtbot.waitUntil(lambda: counter.screen.pending_ops == 0)
    assert counter.status("O-READY") == "ready" and counter.events() == []
    assert "Not a pickup code" in band(counter)


def test_partial_pickup_with_an_issue_and_a_photo(
    counter: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.pickup.dialogs as dialogs

    counter.scan(counter.world.token("O-READY"))
    rows = {r.line.sku: r for r in counter.screen.panel.rows}
    rows["EGG"].tick.setChecked(False)
    rows["MILK"].lower()  # 2 → 1
    photo = b"\x89PNG\r\n\x1a\n" + b"photo" * 20

    def fake_exec(self: dialogs.IssueDialog) -> int:
        self.set_kind("damaged")
        self.note.setText("box wet")
        self.photo = (photo, "image/png")
        self.save()
        return 1

    monkeypatch.setattr(dialogs.IssueDialog, "exec", fake_exec)
    counter.do(lambda: counter.screen.report_issue("EGG"))
    with counter.db.reader() as s:
        [issue] = list(s.query(IssueReport))
        assert (issue.sku, issue.kind, issue.note) == ("EGG", "damaged", "box wet")
        assert len(issue.media) == 1
    assert counter.screen.confirm_button.isEnabled()
    press_enter(counter)
    assert counter.status("O-READY") == "partially_picked_up"
    assert counter.events()[0].payload["lines"] == [{"sku": "MILK", "qty": 1}]


def test_hand_out_all_for_one_customer(counter: Counter) -> None:
    counter.scan(counter.world.token("O-LEAD1"))
    assert "2 more ready" in counter.screen.panel.others.text()
    assert counter.screen.all_button.isEnabled() and "(3)" in counter.screen.all_button.text()
    counter.do(
        lambda: counter.qtbot.mouseClick(counter.screen.all_button, Qt.MouseButton.LeftButton)
    )
    assert sorted(e.payload["order_id"] for e in counter.events()) == [
        "O-LEAD1",
        "O-LEAD2",
        "O-OLD",
    ]
    assert "3 orders" in band(counter)


def test_phone_tail_touch_list_then_hand_out_all(counter: Counter) -> None:
    counter.scan("0000")
    assert counter.screen.snap.step is PickupStep.CHOOSING
    assert counter.screen.matches.count() == 3
    assert counter.screen.all_button.isEnabled()
    counter.do(lambda: counter.screen.confirm_all())
    assert len(counter.events()) == 3


def test_phone_tail_touch_list_choose_one(counter: Counter) -> None:
    counter.scan("0000")
    item = counter.screen.matches.item(0)
    counter.do(lambda: counter.screen._chosen(item))
    assert (
        counter.screen.snap.step is PickupStep.VERDICT and counter.screen.confirm_button.isEnabled()
    )


def test_undo_within_the_window_with_a_reason(
    counter: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.pickup.dialogs as dialogs

    counter.scan(counter.world.token("O-READY"))
    press_enter(counter)
    assert counter.screen.undo_button.isEnabled()
    monkeypatch.setattr(dialogs, "ask_reason", lambda _parent: "wrong bag")
    counter.do(counter.screen.undo)
    assert counter.status("O-READY") == "ready"
    assert counter.events("order.pickup_reversed")[0].payload["reason"] == "wrong bag"
    assert "undone" in band(counter) and not counter.screen.undo_button.isEnabled()


def test_reprint_queues_another_receipt(counter: Counter) -> None:
    counter.scan(counter.world.token("O-READY"))
    press_enter(counter)
    assert counter.screen.reprint_button.isEnabled()
    counter.do(
        lambda: counter.qtbot.mouseClick(counter.screen.reprint_button, Qt.MouseButton.LeftButton)
    )
    assert [j.ref for j in counter.jobs()] == ["O-READY", "O-READY"]


def test_buttons_keep_their_places_whatever_the_verdict(counter: Counter) -> None:
    counter.screen.resize(1366, 680)
    places = []
    for text in (counter.world.token("O-READY"), "hello", counter.world.token("O-PICKED"), "0000"):
        counter.scan(text)
        places.append(
            tuple(
                b.geometry().getRect()
                for b in (
                    counter.screen.confirm_button,
                    counter.screen.all_button,
                    counter.screen.undo_button,
                    counter.screen.reprint_button,
                    counter.screen.next_button,
                )
            )
        )
    assert len(set(places)) == 1


def test_typed_code_in_the_pad_then_enter_finds_the_order(counter: Counter) -> None:
    counter.qtbot.keyClicks(counter.screen.pad.field, "100001")
    press_enter(counter)
    assert "Ready" in band(counter) and counter.screen.snap.order is not None
    assert counter.screen.pad.field.text() == ""
    press_enter(counter)
    assert counter.status("O-READY") == "picked_up"


def test_a_scripted_clerk_needs_two_actions_for_a_normal_pickup(counter: Counter) -> None:
    actions = 0

    def act(fn: object) -> None:
        nonlocal actions
        actions += 1
        counter.do(fn)

    act(
        lambda: counter.screen.on_scan(
            __import__("kiosk.ports", fromlist=["ScanEvent"]).ScanEvent(
                counter.world.token("O-READY"),
                __import__("kiosk.ports", fromlist=["x"]).ScanSource.WEDGE,
                __import__("kiosk.ports", fromlist=["x"]).utcnow(),
            )
        )
    )
    act(lambda: counter.qtbot.keyClick(counter.screen.pad.field, Qt.Key.Key_Return))
    assert counter.status("O-READY") == "picked_up" and actions == 2


def test_self_service_shows_the_bin_and_needs_a_staff_pin_to_leave(
    qtbot: QtBot, db: Database
) -> None:
    c = make_counter(qtbot, db, Settings(sounds=False, speech=False, self_service=True))
    c.screen.activated()
    view = c.screen.self_service
    assert view is not None and view.isVisible()
    assert view.geometry() == c.screen.window().rect(), "it covers the whole window"
    assert "Show your pickup code" in view.prompt.text()
    c.scan(c.world.token("O-READY"))  # the customer holds up the phone; no Enter needed
    qtbot.waitUntil(lambda: c.status("O-READY") == "picked_up", timeout=5000)
    qtbot.waitUntil(lambda: view.bin.text() == "A-01")
    assert "Thank you" in view.thanks.text() and len(c.events()) == 1
    c.scan(c.world.token("O-CANC"))
    assert "see the staff" in view.prompt.text() and len(c.events()) == 1
    view.check_pin("0000")
    qtbot.waitUntil(lambda: not view.checking)
    assert c.screen.self_service is view and view.isVisible(), "a wrong PIN keeps it"
    view.check_pin("1234")  # clerk C1
    qtbot.waitUntil(lambda: c.screen.self_service is None, timeout=10000)


def test_an_issue_goes_to_the_order_the_dialog_was_about(
    counter: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A scan arrives while the issue dialog is open: the issue stays with the first order."""
    import ui.pickup.dialogs as dialogs

    counter.scan(counter.world.token("O-READY"))

    def exec_with_a_scan_meanwhile(self: dialogs.IssueDialog) -> int:
        counter.scan(counter.world.token("O-READY2"))
        self.set_kind("missing")
        self.save()
        return 1

    monkeypatch.setattr(dialogs.IssueDialog, "exec", exec_with_a_scan_meanwhile)
    counter.do(lambda: counter.screen.report_issue("MILK"))
    with counter.db.reader() as s:
        [issue] = list(s.query(IssueReport))
        assert (issue.order_id, issue.kind) == ("O-READY", "missing")
