"""The check-in screen driven as a clerk would (scans arrive as ScanEvents, taps as clicks)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from screen_steps import shown, tap, wedge_scan
from sqlalchemy import select

from bench.day import DayStore
from kiosk.flows.bags import bag_label
from kiosk.flows.batch_desk import CheckinSnapshot, Code
from kiosk.models import IssueReport, Order, OutboxEvent
from ui.checkin.parts import DANGER
from ui.checkin.screen import CheckinScreen
from ui.context import UiContext
from ui.qt import Qt


def scan(qtbot: QtBot, screen: CheckinScreen, text: str) -> CheckinSnapshot:
    return shown(qtbot, screen.snapshot_shown, CheckinSnapshot, wedge_scan(screen, text))


def click(qtbot: QtBot, screen: CheckinScreen, button: object) -> CheckinSnapshot:
    return shown(qtbot, screen.snapshot_shown, CheckinSnapshot, tap(qtbot, button))


def test_van_checked_in_by_scans_with_shortage_damage_photo_temperature(
    qtbot: QtBot, ui_ctx: UiContext, day: DayStore
) -> None:
    screen = CheckinScreen(ui_ctx)
    qtbot.addWidget(screen)
    screen.resize(1366, 700)
    screen.show()
    short_done = damage_done = False
    for i, label in enumerate(day.bag_labels):
        snap = scan(qtbot, screen, label)
        assert snap.received == i + 1 and snap.current is not None
        assert screen.bin_label.text() == snap.current.bin_code
        several = len(snap.current.lines) > 1  # a shortage that still leaves something in the bag
        if several and not short_done:
            short_done = True
            snap = click(qtbot, screen, screen.short_buttons[0])
            assert snap.outcome is not None and snap.outcome.code is Code.PROBLEM_NOTED
        elif several and not damage_done:
            damage_done = True
            screen.note.setText("袋子破了")
            snap = click(qtbot, screen, screen.damage_buttons[0])
            assert snap.current is not None and snap.current.photos == 1
    assert short_done and damage_done
    assert "100 / 100" in screen.counter.text()
    twice = scan(qtbot, screen, day.bag_labels[0])
    assert twice.received == 100 and twice.outcome.code is Code.BAG_AGAIN  # type: ignore[union-attr]
    foreign = scan(qtbot, screen, bag_label("ST-ELSEWHERE", day.van_orders[0]))
    assert foreign.outcome.refused and screen.banner.kind == DANGER  # type: ignore[union-attr]
    assert "ST-ELSEWHERE" in screen.banner.text()
    qtbot.keyClicks(screen.temp_edit, "4.5")
    with qtbot.waitSignal(screen.snapshot_shown, timeout=5000):
        qtbot.keyClick(screen.temp_edit, Qt.Key.Key_Return)
    assert "4.5" in screen.temp_status.text()
    changes: list[object] = []
    ui_ctx.hooks.operation_did_execute.connect(changes.append)
    done = click(qtbot, screen, screen.finish_button)
    assert done.finished is not None, screen.banner.text()
    assert (done.finished.ready, done.finished.issues) == (100, 2) and changes
    assert ui_ctx.kiosk.receipts.checkin == [day.batch_id]  # type: ignore[union-attr]
    with ui_ctx.kiosk.db.reader() as s:
        orders = s.scalars(select(Order).where(Order.batch_id == day.batch_id)).all()
        assert all(o.status == "ready" and o.bin_code for o in orders)
        assert (
            len(s.scalars(select(OutboxEvent).where(OutboxEvent.type == "batch.arrived")).all())
            == 1
        )
        issues = s.scalars(select(IssueReport)).all()
        assert {i.kind for i in issues} == {"missing", "damaged"}
        assert next(i for i in issues if i.kind == "damaged").media


def test_words_on_a_refusal_and_an_out_of_band_temperature(
    qtbot: QtBot, ui_ctx: UiContext, day: DayStore
) -> None:
    screen = CheckinScreen(ui_ctx)
    qtbot.addWidget(screen)
    none = scan(qtbot, screen, "garbage text")
    assert none.outcome.code is Code.NO_BATCH and screen.banner.text()  # type: ignore[union-attr]
    scan(qtbot, screen, day.bag_labels[0])
    with ui_ctx.kiosk.db.reader() as s:
        other = s.scalars(
            select(Order).where(Order.status == "dispatched", Order.batch_id != day.batch_id)
        ).first()
        assert other is not None
    refused = scan(qtbot, screen, bag_label(day.store_id, other.id))
    assert refused.outcome.code is Code.OTHER_BATCH  # type: ignore[union-attr]
    assert str(other.batch_id) in screen.banner.text() and screen.banner.kind == DANGER
    qtbot.keyClicks(screen.temp_edit, "12")
    with qtbot.waitSignal(screen.snapshot_shown, timeout=5000):
        qtbot.keyClick(screen.temp_edit, Qt.Key.Key_Return)
    assert screen.banner.kind == DANGER and "12" in screen.banner.text()
    # finishing with bags missing asks once more, in words
    qtbot.mouseClick(screen.finish_button, Qt.MouseButton.LeftButton)
    assert "99" in screen.banner.text()
    with ui_ctx.kiosk.db.reader() as s:
        assert not s.scalars(select(OutboxEvent)).all()


def test_change_bin_by_touch(qtbot: QtBot, ui_ctx: UiContext, day: DayStore) -> None:
    screen = CheckinScreen(ui_ctx)
    qtbot.addWidget(screen)
    screen.show()
    snap = scan(qtbot, screen, day.bag_labels[0])
    assert snap.current is not None
    qtbot.mouseClick(screen.change_bin, Qt.MouseButton.LeftButton)
    assert screen.bin_picker.isVisible() and screen.bin_picker.count() > 1
    target = next(
        i
        for i in range(screen.bin_picker.count())
        if screen.bin_picker.item(i).data(Qt.ItemDataRole.UserRole) != snap.current.bin_code
    )
    item = screen.bin_picker.item(target)
    with qtbot.waitSignal(screen.snapshot_shown, timeout=5000) as blocker:
        screen.bin_picker.itemClicked.emit(item)
    moved = blocker.args[0]
    assert moved.current.bin_code == item.data(Qt.ItemDataRole.UserRole)
    assert screen.bin_label.text() == moved.current.bin_code and screen.bag_list.isVisible()


def test_a_bag_ticked_by_touch_and_unticked(qtbot: QtBot, ui_ctx: UiContext, day: DayStore) -> None:
    screen = CheckinScreen(ui_ctx)
    qtbot.addWidget(screen)
    screen.show()
    scan(qtbot, screen, day.bag_labels[0])  # opens the van
    item = screen._items[day.van_orders[1]]
    with qtbot.waitSignal(screen.snapshot_shown, timeout=5000) as ticked:
        screen.bag_list.itemClicked.emit(item)
    assert ticked.args[0].received == 2 and item.text().startswith("✔")
    with qtbot.waitSignal(screen.snapshot_shown, timeout=5000) as unticked:
        screen.bag_list.itemClicked.emit(item)
    assert unticked.args[0].received == 1 and item.text().startswith("○")
    assert unticked.args[0].outcome.code is Code.BAG_UNTICKED
