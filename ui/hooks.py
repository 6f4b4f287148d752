"""The UI's one bus (after Anki's gui_hooks): the shell and the bridges emit, screens listen.

Screens never call each other; they ask the shell through these signals (e.g. `navigate`).
Every signal is emitted on the GUI thread: listeners of workers (StatusBoard, scanners,
sync) hop here through `bridge_*` helpers, whose emit is queued by Qt across threads.
"""

from __future__ import annotations

from ui.qt import QObject, Signal


class Hooks(QObject):
    # after every UI operation, once: a kiosk.changes.Changes
    operation_did_execute = Signal(object)
    # a scan from any source: a kiosk.ports.ScanEvent (text, source, at, problem, message, raw)
    scan_did_arrive = Signal(object)
    # the logged-in clerk changed: a kiosk.session.Clerk or None (locked / logged out)
    clerk_did_change = Signal(object)
    # one device's status changed: a kiosk.ports.DeviceStatus
    device_status_did_change = Signal(object)
    # the sync client's status changed: a kiosk.ports.SyncStatus (or a DeviceStatus of the client)
    sync_status_did_change = Signal(object)
    # settings.toml was saved: the new kiosk.settings.Settings
    settings_did_change = Signal(object)
    # a screen asks the shell to show another screen: its screen_id ("pickup", "settings"...)
    navigate = Signal(str)
    # a screen asks the shell to lock (show the login screen)
    lock_requested = Signal()
    # any user input (key, touch): resets the idle lock timer; emitted by the shell's filter
    user_activity = Signal()
