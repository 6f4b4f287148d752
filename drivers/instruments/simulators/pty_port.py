"""A pseudo-terminal that can be "unplugged" and "replugged", published at a stable symlink.

A replug opens a NEW pty, so its /dev/pts/N path changes. The simulator therefore publishes
a symlink (e.g. /tmp/linli-sim-scale-1234 → /dev/pts/7) and re-points it atomically on
replug; the port worker opens the symlink and so finds the new pty when it reconnects. On
unplug the symlink is removed (a freed /dev/pts/N can be reused by someone else's pty).
"""

from __future__ import annotations

import contextlib
import os
import pty
import tty
from pathlib import Path


class PtyPort:
    def __init__(self, link: Path | None = None) -> None:
        self.link = link
        self.master: int | None = None
        self._slave: int | None = None  # kept open so the master never sees EIO between hosts
        self.path: str | None = None

    @property
    def plugged(self) -> bool:
        return self.master is not None

    def plug(self) -> str:
        if self.master is not None:
            return self.path or ""
        master, slave = pty.openpty()
        tty.setraw(slave)
        os.set_blocking(master, False)
        self.master, self._slave, self.path = master, slave, os.ttyname(slave)
        if self.link is not None:
            tmp = self.link.with_name(self.link.name + ".new")
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            tmp.symlink_to(self.path)
            os.replace(tmp, self.link)
        return self.path

    def unplug(self) -> None:
        if self.link is not None:
            with contextlib.suppress(FileNotFoundError):
                self.link.unlink()
        for fd in (self.master, self._slave):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self.master = self._slave = None
        self.path = None

    def write(self, data: bytes) -> int:
        """Best effort, like a UART with nobody listening: bytes that don't fit are dropped."""
        if self.master is None or not data:
            return 0
        try:
            return os.write(self.master, data)
        except (BlockingIOError, OSError):
            return 0

    def read(self) -> bytes:
        if self.master is None:
            return b""
        try:
            return os.read(self.master, 4096)
        except (BlockingIOError, OSError):
            return b""

    @property
    def port_name(self) -> str:
        """What a host should open: the stable link when there is one."""
        return str(self.link) if self.link is not None else (self.path or "")
