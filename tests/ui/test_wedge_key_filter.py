"""A handheld scanner works wherever the focus is: the app-wide key filter feeds the real
wedge detector; a fast burst ending in Enter is a scan and its Enter is swallowed."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from drivers.scan.wedge import KeyboardWedgeScanner
from kiosk.ports import ScanEvent
from ui.keyfilter import WedgeKeyFilter
from ui.qt import QApplication, QLineEdit, Qt


def test_scan_is_seen_from_a_focused_text_field(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    wedge = KeyboardWedgeScanner()
    wedge.start()
    events: list[ScanEvent] = []
    wedge.add_listener(events.append)
    key_filter = WedgeKeyFilter(wedge)
    app.installEventFilter(key_filter)
    try:
        field = QLineEdit()
        qtbot.addWidget(field)
        field.show()
        field.setFocus()
        returns: list[bool] = []
        field.returnPressed.connect(lambda: returns.append(True))
        qtbot.keyClicks(field, "123456")  # a scanner types fast
        qtbot.keyClick(field, Qt.Key.Key_Return)
        assert [e.text for e in events] == ["123456"]
        assert returns == [], "the Enter that ended the scan must not reach the field"
    finally:
        app.removeEventFilter(key_filter)
