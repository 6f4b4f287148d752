"""Photos of instrument displays and test cards: content-addressed Media rows (sha256) with
the bytes in a file under the data dir, so the same photo is stored once."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sqlalchemy.orm import Session

from kiosk.errors import UserFacingError
from kiosk.models import Media
from kiosk.ports import utcnow

EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "application/pdf": ".pdf",
}
MAX_BYTES = 20 * 1024 * 1024


def store_media(session: Session, data_dir: Path, data: bytes, mime: str) -> str:
    """Write the bytes once (atomically) and add the Media row; returns the sha256."""
    if mime not in EXTENSIONS:
        raise UserFacingError(f"A photo must be JPEG, PNG or WebP (got {mime}).")
    if not data:
        raise UserFacingError("The photo is empty; take it again.")
    if len(data) > MAX_BYTES:
        raise UserFacingError("The photo is larger than 20 MB; take a smaller one.")
    sha = hashlib.sha256(data).hexdigest()
    relative = Path("media") / sha[:2] / f"{sha}{EXTENSIONS[mime]}"
    target = data_dir / relative
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(target.suffix + f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    if session.get(Media, sha) is None:
        session.add(
            Media(
                sha256=sha,
                mime=mime,
                size=len(data),
                path=str(relative),
                created_at=utcnow(),
                uploaded_at=None,
            )
        )
        session.flush()
    return sha
