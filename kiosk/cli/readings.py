"""Reading commands: `kiosk verify-reading CODE` (offline check of a signed reading's
verification code) and `kiosk device-key` (this kiosk's public key; `--trust` another's)."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli import add_command, data_dir, emit, fail
from kiosk.db import open_database


def register(sub: Any) -> None:
    """Add the reading commands to the `kiosk` parser."""
    p = add_command(
        sub,
        "verify-reading",
        _verify_reading,
        "check a reading's verification code offline: {valid, reading, message}",
    )
    p.add_argument("code", help="the code under the QR (LKR1.…) or its short form (7KQ2-M9XD)")
    p = add_command(
        sub,
        "device-key",
        _device_key,
        "this kiosk's reading-signing public key; --trust adds another device's",
    )
    p.add_argument(
        "--trust",
        metavar="PUBLIC_KEY",
        default=None,
        help="base64url of another device's Ed25519 public key to trust",
    )
    p.add_argument("--device", default="", help="that device's id (with --trust)")


def _verify_reading(args: argparse.Namespace) -> int:
    from kiosk.readings.verify import verify_in_ledger

    db = open_database(data_dir(args))
    try:
        with db.session() as s:
            check = verify_in_ledger(s, args.code)
    finally:
        db.close()
    emit(args, check.to_json(), f"{'valid' if check.valid else 'NOT valid'}  {check.message}")
    return 0 if check.valid else 1


def _device_key(args: argparse.Namespace) -> int:
    from kiosk.readings import signing

    db = open_database(data_dir(args))
    try:
        with db.session() as s:
            if args.trust:
                raw = signing.unb64u(args.trust.strip())
                if raw is None or len(raw) != 32:
                    return fail("--trust needs the base64url of a 32-byte Ed25519 public key")
                key = signing.DeviceKey(signing.key_id_of(raw), signing.b64u(raw), args.device)
                signing.remember_key(s, key)
            else:
                key = signing.device_key(s)
    finally:
        db.close()
    emit(
        args,
        {"key_id": key.key_id, "public_key": key.public_key, "device_id": key.device_id},
        f"{key.key_id}  {key.public_key}  {key.device_id}",
    )
    return 0
