"""Sync and server commands: `kiosk enroll`, `kiosk sync [--once]` (+ conflicts, resolve,
retry, status, audit) and `kiosk server run|stats|create-store|issue-code|codes|revoke-code|
devices|revoke-device|load-orders|create-key|sign-token|set-status`."""

from __future__ import annotations

import argparse
import json
import threading
from pathlib import Path
from typing import Any

from kiosk.cli import add_command, add_group, data_dir, emit, fail
from kiosk.errors import SyncError, SyncErrorKind, UserFacingError

EXIT_UNREACHABLE = 1
EXIT_NOT_ENROLLED = 2
EXIT_REENROLL = 3


def _db(args: argparse.Namespace) -> Any:
    from kiosk.db import open_database

    return open_database(data_dir(args))


# --- kiosk side -----------------------------------------------------------------------------


def _enroll(args: argparse.Namespace) -> int:
    from sync.client.setup import enroll_kiosk

    db = _db(args)
    try:
        e = enroll_kiosk(db, args.server, args.code, args.name, insecure=args.insecure)
    except SyncError as exc:
        return fail(str(exc), EXIT_REENROLL if exc.kind is SyncErrorKind.AUTH else 1)
    finally:
        db.close()
    emit(
        args,
        {"device_id": e.device_id, "store_id": e.store_id, "server": args.server},
        f"enrolled as {e.device_id} of store {e.store_id} at {args.server}",
    )
    return 0


def _exit_for(exc: SyncError) -> int:
    if exc.kind is SyncErrorKind.AUTH:
        return EXIT_REENROLL
    if exc.kind is SyncErrorKind.NOT_ENROLLED:
        return EXIT_NOT_ENROLLED
    return EXIT_UNREACHABLE


def _sync(args: argparse.Namespace) -> int:
    from sync.client.retry import RetryPolicy
    from sync.client.setup import build_engine, close_engine

    db = _db(args)
    try:
        try:
            policy = RetryPolicy.interactive() if args.once else None
            engine = build_engine(
                db, batch_size=args.batch_size, policy=policy, insecure=args.insecure
            )
        except SyncError as exc:
            return fail(str(exc), _exit_for(exc))
        try:
            if args.once:
                try:
                    report = engine.run_once()
                except SyncError as exc:
                    return fail(str(exc), _exit_for(exc))
                emit(
                    args,
                    {"ok": True, **report.as_dict()},
                    f"sync done: pushed {report.pushed} {report.results}, pulled "
                    f"{report.pulled} change(s) in {report.pages} page(s), "
                    f"{report.media} media",
                )
                return 0
            engine.board.add_listener(
                lambda st: emit(
                    args,
                    {"state": st.state.value, "message": st.message},
                    f"[sync] {st.state.value}: {st.message}",
                )
            )
            stop = threading.Event()
            try:
                engine.run_forever(stop, interval_s=args.interval)
            except KeyboardInterrupt:
                stop.set()
            status = engine.sync_status()
            return EXIT_REENROLL if status.needs_reenroll else 0
        finally:
            close_engine(engine)
    finally:
        db.close()


def _audit_anchor(args: argparse.Namespace) -> int:
    """Exit 0 when the local chain holds the anchored entry, 1 when it was rewritten, 2 when
    there is no anchor yet (or the kiosk is not enrolled)."""
    from sync.client.anchor import check_anchor
    from sync.client.setup import build_engine, close_engine

    db = _db(args)
    try:
        try:
            engine = build_engine(db, insecure=getattr(args, "insecure", False))
        except SyncError as exc:
            return fail(str(exc), _exit_for(exc))
        try:
            result = check_anchor(db, engine.api)
        except SyncError as exc:
            return fail(str(exc), _exit_for(exc))
        finally:
            close_engine(engine)
    finally:
        db.close()
    emit(
        args,
        {
            "anchored": result.ok,
            "position": result.position,
            "acknowledged_at": result.acknowledged_at,
            "message": result.message,
        },
        result.message,
    )
    return {True: 0, False: 1, None: 2}[result.ok]


def _conflicts(args: argparse.Namespace) -> int:
    from kiosk.platform.conflicts import list_conflicts

    db = _db(args)
    with db.reader() as s:
        items = list_conflicts(s, include_resolved=args.all)
    db.close()
    if not items and not args.json:
        print("No sync problems need a manager.")
    for it in items:
        emit(
            args,
            {
                "event_id": it.event_id,
                "type": it.type,
                "status": it.status,
                "order_ids": list(it.order_ids),
                "occurred_at": it.occurred_at.isoformat(),
                "reason": it.reason,
                "advice": it.advice,
            },
            f"{it.event_id}  {it.type}  {it.status}  orders {', '.join(it.order_ids) or '-'}\n"
            f"    why: {it.reason}\n    what to do: {it.advice}",
        )
    return 0


def _resolve(args: argparse.Namespace) -> int:
    from kiosk.platform.conflicts import resolve, retry_rejected

    db = _db(args)
    with db.session() as s:
        if args.retry:
            retry_rejected(s, args.event_id, actor=args.staff)
        else:
            resolve(s, args.event_id, actor=args.staff, note=args.note)
    db.close()
    emit(
        args,
        {"event_id": args.event_id, "action": "retry" if args.retry else "resolved"},
        "queued to be sent again" if args.retry else "marked resolved",
    )
    return 0


def _status(args: argparse.Namespace) -> int:
    from kiosk.platform.sync_status import read_sync_status

    db = _db(args)
    with db.reader() as s:
        st = read_sync_status(s)
    db.close()
    emit(
        args,
        {
            "online": st.online,
            "enrolled": st.enrolled,
            "last_success": st.last_success.isoformat() if st.last_success else None,
            "events_waiting": st.events_waiting,
            "last_error": st.last_error,
            "conflicts": st.conflicts,
            "needs_reenroll": st.needs_reenroll,
            "server_url": st.server_url,
            "message": st.message,
        },
        st.message,
    )
    return 0


# --- server side ----------------------------------------------------------------------------


def _server_url(args: argparse.Namespace) -> str:
    from sync.server.db import default_url

    return str(args.db) if args.db else default_url(data_dir(args))


def _open_server_db(url: str) -> Any:
    """The server database with its tables; a bad URL or an unreachable database in plain words."""
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from sync.server.db import ServerDatabase

    where = url.split("@")[-1]
    try:
        db = ServerDatabase(url, pool_size=2)
    except (ArgumentError, ValueError, ImportError):
        raise UserFacingError(
            f"database URL {where!r} not understood: use sqlite:///PATH or "
            "postgresql://USER:PASSWORD@HOST/DB"
        ) from None
    try:
        db.create_schema()
    except UserFacingError:
        db.close()
        raise
    except SQLAlchemyError as exc:
        db.close()
        why = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise UserFacingError(f"cannot open the database {where}: {why}") from None
    return db


def _server_db(args: argparse.Namespace) -> Any:
    return _open_server_db(_server_url(args))


def _server_run(args: argparse.Namespace) -> int:
    from sync.server.run import prepare, serve

    if not 0 < args.port < 65536:
        return fail(f"cannot listen on port {args.port}: a TCP port is 1 to 65535", 2)
    url = _server_url(args)
    _open_server_db(url).close()
    try:
        loaded = prepare(url, Path(args.demo_from) if args.demo_from else None)
    except (ValueError, KeyError, OSError) as exc:
        return fail(
            str(exc)
            if isinstance(exc, ValueError)
            else f"cannot load the demo from {args.demo_from}: {exc}"
        )
    emit(
        args,
        {
            "listening": f"http://{args.host}:{args.port}",
            "db": url.split("@")[-1],
            **({"demo": loaded} if loaded else {}),
        },
        f"Linli central API on http://{args.host}:{args.port} (database {url.split('@')[-1]})"
        + (
            f"; demo store {loaded['store_id']}, enrollment code {loaded['enrollment_code']}"
            if loaded
            else ""
        ),
    )
    serve(url, host=args.host, port=args.port, workers=args.workers, threads=args.threads)
    return 0


def _admin(args: argparse.Namespace, work: Any, text: Any) -> int:
    db = _server_db(args)
    try:
        with db.session() as s:
            result = work(s)
    except (ValueError, KeyError, OSError) as exc:
        return fail(str(exc))
    finally:
        db.close()
    emit(args, result, text(result))
    return 0


def _stats(args: argparse.Namespace) -> int:
    from sync.server.admin import stats

    return _admin(args, stats, lambda r: json.dumps(r, ensure_ascii=False))


def _create_store(args: argparse.Namespace) -> int:
    from sync.server.admin import create_store

    def work(s: Any) -> dict[str, Any]:
        st = create_store(s, args.id, args.name, args.address, args.timezone)
        return {"store_id": st.id, "name": st.name}

    return _admin(args, work, lambda r: f"store {r['store_id']} ({r['name']}) ready")


def _issue_code(args: argparse.Namespace) -> int:
    from sync.server.admin import hash_code, issue_code

    def work(s: Any) -> dict[str, Any]:
        code = issue_code(s, args.store, args.code, valid_s=args.valid_hours * 3600)
        return {
            "store_id": args.store,
            "enrollment_code": code,
            "code_id": hash_code(code)[:12],
            "valid_hours": args.valid_hours,
        }

    return _admin(
        args,
        work,
        lambda r: (
            f"enrollment code for {r['store_id']}: "
            f"{r['enrollment_code']} (one use, valid {r['valid_hours']:g} h; "
            f"id {r['code_id']})"
        ),
    )


def _rows(args: argparse.Namespace, work: Any, empty: str, line: Any) -> int:
    db = _server_db(args)
    try:
        with db.reader() as s:
            rows = work(s)
    finally:
        db.close()
    if not rows and not args.json:
        print(empty)
    for r in rows:
        emit(args, r, line(r))
    return 0


def _codes(args: argparse.Namespace) -> int:
    from sync.server.admin import list_codes

    return _rows(
        args,
        lambda s: list_codes(s, args.store),
        "No enrollment codes.",
        lambda r: (
            f"{r['code_id']}  {r['store_id']}  {r['state']}  expires "
            f"{r['expires_at']}" + (f"  used by {r['used_by']}" if r["used_by"] else "")
        ),
    )


def _devices(args: argparse.Namespace) -> int:
    from sync.server.admin import list_devices

    return _rows(
        args,
        lambda s: list_devices(s, args.store),
        "No devices enrolled.",
        lambda r: (
            f"{r['device_id']}  {r['store_id']}  {r['name']}  enrolled "
            f"{r['enrolled_at']}" + ("  REVOKED" if r["revoked"] else "")
        ),
    )


def _revoke_code(args: argparse.Namespace) -> int:
    from sync.server.admin import revoke_code

    return _admin(
        args,
        lambda s: revoke_code(s, args.code),
        lambda r: f"enrollment code {r['code_id']} revoked",
    )


def _revoke_device(args: argparse.Namespace) -> int:
    from sync.server.admin import revoke_device

    return _admin(
        args,
        lambda s: revoke_device(s, args.device_id),
        lambda r: (
            f"device {r['device_id']} revoked: its token no longer works and "
            "its enrollment code cannot bring it back"
        ),
    )


def _load_orders(args: argparse.Namespace) -> int:
    from sync.server.admin import load_orders, upsert_entity

    try:
        from sync.strict_json import strict_json

        raw = strict_json(Path(args.file).read_text(encoding="utf-8"))  # no NaN quantities
    except OSError as exc:
        return fail(f"cannot read {args.file}: {exc.strerror or exc}")
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, UnicodeDecodeError, NaN
        return fail(f"{args.file} is not valid JSON: {exc}")
    orders = raw.get("orders") if isinstance(raw, dict) else raw
    if not isinstance(orders, list) or not all(isinstance(o, dict) for o in orders):
        return fail(f'{args.file} must hold a list of orders or {{"orders": [...]}}')
    people = raw if isinstance(raw, dict) else {}

    def work(s: Any) -> dict[str, Any]:
        counts = {"loaded": load_orders(s, orders, args.store)}
        for field, kind in (
            ("staff", "staff"),
            ("leaders", "leader"),
            ("suppliers", "supplier"),
            ("checklists", "checklist"),
        ):
            rows = people.get(field) or []
            for row in rows:
                store = None if kind in ("supplier", "checklist") else args.store
                upsert_entity(s, kind, row, store or row.get("store_id"))
            if rows:
                counts[field] = len(rows)
        return counts

    return _admin(args, work, lambda r: ", ".join(f"{v} {k}" for k, v in r.items()))


def _create_key(args: argparse.Namespace) -> int:
    from sync.server.admin import generate_key

    def work(s: Any) -> dict[str, Any]:
        key_id, public = generate_key(s, args.key_id)
        return {"key_id": key_id, "public_key": public}

    return _admin(args, work, lambda r: f"signing key {r['key_id']}: {r['public_key']}")


def _sign_token(args: argparse.Namespace) -> int:
    from sync.server.admin import sign_pickup_token

    return _admin(
        args,
        lambda s: {
            "order_id": args.order_id,
            "token": sign_pickup_token(
                s, args.order_id, key_id=args.key_id, valid_s=int(args.valid_hours * 3600)
            ),
        },
        lambda r: r["token"],
    )


def _set_status(args: argparse.Namespace) -> int:
    from sync.server.admin import set_order_status

    return _admin(
        args,
        lambda s: {
            "order_id": set_order_status(s, args.order_id, args.status).id,
            "status": args.status,
        },
        lambda r: f"order {r['order_id']} is now {r['status']} on the platform",
    )


def _db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        default=None,
        help="SQLAlchemy URL (default: SQLite "
        "server.sqlite3 in --data-dir; postgresql://… accepted)",
    )


def register(sub: Any) -> None:
    """Add the sync and server commands to the `kiosk` parser."""
    p = add_command(sub, "enroll", _enroll, "enroll this kiosk with a central server")
    p.add_argument("--server", required=True, help="server URL, e.g. http://127.0.0.1:8765")
    p.add_argument("--code", required=True, help="enrollment code from the platform")
    p.add_argument("--name", default=None, help="device name shown on the platform")
    p.add_argument(
        "--insecure",
        action="store_true",
        help="allow plain http:// to a server "
        "that is not on this machine (the token crosses the network unencrypted)",
    )

    p = add_command(sub, "sync", _sync, "sync with the enrolled central server")
    p.add_argument(
        "--once",
        action="store_true",
        help="push and pull until nothing is left, "
        "then exit (non-zero if the server could not be reached)",
    )
    p.add_argument("--interval", type=float, default=15.0, help="seconds between runs")
    p.add_argument("--batch-size", type=int, default=200, help="events per request")
    p.add_argument(
        "--insecure",
        action="store_true",
        help="allow plain http:// to a server that is not on this machine",
    )
    ss = p.add_subparsers(dest="sync_command", metavar="COMMAND", required=False)
    c = add_command(ss, "conflicts", _conflicts, "list sync problems that need a manager")
    c.add_argument("--all", action="store_true", help="include resolved ones")
    c = add_command(ss, "resolve", _resolve, "mark a sync problem as dealt with")
    c.add_argument("event_id")
    c.add_argument("--note", default="")
    c.add_argument("--staff", default="manager", help="who resolved it")
    c.set_defaults(retry=False)
    c = add_command(ss, "retry", _resolve, "send a rejected event again (a person's choice)")
    c.add_argument("event_id")
    c.add_argument("--staff", default="manager")
    c.set_defaults(retry=True, note="")
    add_command(ss, "status", _status, "show the sync status")
    c = add_command(
        ss,
        "audit",
        _audit_anchor,
        "check the local audit chain against the "
        "anchor the platform keeps (catches a consistently rewritten chain)",
    )
    c.add_argument(
        "--insecure",
        action="store_true",
        default=argparse.SUPPRESS,
        help="allow plain http:// to a server not on this machine",
    )

    srv = add_group(sub, "server", "the reference central API server")
    p = add_command(srv, "run", _server_run, "run the reference central API")
    _db_option(p)
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument(
        "--demo-from", default=None, metavar="DIR", help="load a `kiosk demo-data` directory"
    )
    p.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    p.add_argument("--threads", type=int, default=64, help="request threads per worker")
    p = add_command(
        srv, "stats", _stats, "events held: {events, duplicates_refused, by_type, by_device}"
    )
    _db_option(p)
    p = add_command(srv, "create-store", _create_store, "create or rename a store")
    _db_option(p)
    p.add_argument("--id", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--address", default="")
    p.add_argument("--timezone", default="Asia/Shanghai")
    p = add_command(srv, "issue-code", _issue_code, "issue an enrollment code for a store")
    _db_option(p)
    p.add_argument("--store", required=True)
    p.add_argument(
        "--code",
        default=None,
        help="the code to issue, 16 characters or more (default: 120 random bits)",
    )
    p.add_argument("--valid-hours", type=float, default=72.0, help="hours until it expires")
    p = add_command(
        srv, "codes", _codes, "list enrollment codes (by id; the codes themselves are not kept)"
    )
    _db_option(p)
    p.add_argument("--store", default=None)
    p = add_command(srv, "revoke-code", _revoke_code, "revoke an enrollment code")
    _db_option(p)
    p.add_argument("code", help="the code or its id")
    p = add_command(srv, "devices", _devices, "list enrolled devices")
    _db_option(p)
    p.add_argument("--store", default=None)
    p = add_command(
        srv, "revoke-device", _revoke_device, "revoke a device: its token stops working at once"
    )
    _db_option(p)
    p.add_argument("device_id")
    p = add_command(
        srv,
        "load-orders",
        _load_orders,
        "load orders (seed format) from JSON; an "
        "object may also carry staff, leaders, suppliers and checklists",
    )
    _db_option(p)
    p.add_argument("file")
    p.add_argument("--store", default=None, help="store_id for orders that have none")
    p = add_command(srv, "create-key", _create_key, "make a platform signing key")
    _db_option(p)
    p.add_argument("--key-id", default=None)
    p = add_command(srv, "sign-token", _sign_token, "sign a pickup QR token for an order")
    _db_option(p)
    p.add_argument("order_id")
    p.add_argument("--key-id", default=None)
    p.add_argument("--valid-hours", type=float, default=168.0)
    p = add_command(
        srv, "set-status", _set_status, "change an order's status on the platform (e.g. refunded)"
    )
    _db_option(p)
    p.add_argument("order_id")
    p.add_argument("status")
