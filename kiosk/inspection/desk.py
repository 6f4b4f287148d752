"""The inspection screen's one entry to the ledger (Qt-free, like the live and batch desks):
each operation is one write transaction, then the inspection is read back with what the
screen needs to draw it (new photo bytes for thumbnails, the report's path). The UI calls
these on its one database worker; tests call them directly."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from kiosk.db import Database
from kiosk.inspection import service
from kiosk.inspection.record import Cursor, InspectionView
from kiosk.inspection.service import DraftInfo, InspectionError, SupplierInfo
from kiosk.inspection.template import Template
from kiosk.ports import Reading


@dataclass(frozen=True, slots=True)
class Loaded:
    view: InspectionView
    thumbs: dict[str, bytes] = field(default_factory=dict)  # sha -> bytes, not yet known
    pdf: Path | None = None
    result: object = None


@dataclass(frozen=True, slots=True)
class StartLists:
    suppliers: list[SupplierInfo]
    templates: list[Template]
    drafts: list[DraftInfo]


class InspectionDesk:
    def __init__(self, db: Database, data_dir: Path) -> None:
        self.db = db
        self.data_dir = data_dir

    def start_lists(self) -> StartLists:
        with self.db.reader() as s:
            return StartLists(service.suppliers(s), service.templates(s), service.drafts(s))

    def add_supplier(self, name: str, address: str, actor: str) -> str:
        with self.db.session() as s:
            return service.add_supplier(s, name=name, address=address, actor=actor)

    def start(
        self, supplier_id: str, inspector_id: str, template_id: str | None, location_note: str
    ) -> Loaded:
        with self.db.session() as s:
            iid = service.start(
                s,
                supplier_id=supplier_id,
                inspector_id=inspector_id,
                template_id=template_id,
                location_note=location_note,
            )
        return self.load(iid)

    def load(
        self,
        inspection_id: str,
        known: Collection[str] = (),
        result: object = None,
    ) -> Loaded:
        with self.db.reader() as s:
            v = service.view(s, inspection_id)
            thumbs: dict[str, bytes] = {}
            for sha in v.photos:
                path = service.media_path(s, self.data_dir, sha)
                if sha not in known and path is not None and path.is_file():
                    thumbs[sha] = path.read_bytes()
            pdf = service.media_path(s, self.data_dir, v.pdf_sha) if v.pdf_sha else None
        return Loaded(v, thumbs, pdf, result)

    # --- operations on one inspection -----------------------------------------------------
    def answer(self, iid: str, item: str, value: str | None, known: Collection[str] = ()) -> Loaded:
        return self._do(iid, lambda s: service.answer(s, iid, item, value), known)

    def note(self, iid: str, item: str, text: str, known: Collection[str] = ()) -> Loaded:
        return self._do(iid, lambda s: service.note(s, iid, item, text), known)

    def set_action(self, iid: str, item: str, text: str, known: Collection[str] = ()) -> Loaded:
        return self._do(iid, lambda s: service.set_action(s, iid, item, text), known)

    def add_photo(
        self,
        iid: str,
        item: str,
        data: bytes,
        mime: str = "image/jpeg",
        known: Collection[str] = (),
    ) -> Loaded:
        return self._do(
            iid, lambda s: service.add_photo(s, self.data_dir, iid, item, data, mime), known
        )

    def remove_photo(self, iid: str, item: str, sha: str, known: Collection[str] = ()) -> Loaded:
        return self._do(iid, lambda s: service.remove_photo(s, iid, item, sha), known)

    def move(self, iid: str, cursor: Cursor) -> None:
        with self.db.session() as s:
            service.move(s, iid, cursor)

    def take_sample(
        self,
        iid: str,
        reading: Reading,
        *,
        operator_id: str,
        product: str,
        model: str,
        serial: str,
        protocol: str,
        known: Collection[str] = (),
    ) -> Loaded:
        return self._do(
            iid,
            lambda s: service.take_sample(
                s,
                iid,
                reading,
                operator_id=operator_id,
                product=product,
                instrument_model=model,
                instrument_serial=serial,
                protocol=protocol,
            ),
            known,
        )

    def detach(self, iid: str, reading_id: str, known: Collection[str] = ()) -> Loaded:
        return self._do(iid, lambda s: service.detach_reading(s, iid, reading_id), known)

    def sign(
        self,
        iid: str,
        role: str,
        name: str,
        strokes: Sequence[Sequence[tuple[float, float]]],
        known: Collection[str] = (),
    ) -> Loaded:
        return self._do(
            iid, lambda s: service.sign(s, iid, role=role, name=name, strokes=strokes), known
        )

    def clear_signature(self, iid: str, role: str, known: Collection[str] = ()) -> Loaded:
        return self._do(iid, lambda s: service.clear_signature(s, iid, role), known)

    def submit(self, iid: str, actor: str, language: str, known: Collection[str] = ()) -> Loaded:
        return self._do(
            iid,
            lambda s: service.submit(
                s,
                self.data_dir,
                iid,
                actor=actor,
                render_pdf=service.pdf_renderer(s, self.data_dir, language=language),
            ),
            known,
        )

    def correct(self, iid: str, actor: str) -> Loaded:
        with self.db.session() as s:
            nid = service.correct(s, iid, actor=actor)
        return self.load(nid, result=nid)

    def _do(self, iid: str, fn: Callable[[Session], object], known: Collection[str]) -> Loaded:
        try:
            with self.db.session() as s:
                result = fn(s)
        except DatabaseError as exc:  # the read-only triggers
            if "read-only" in str(exc):
                raise InspectionError(
                    "read_only",
                    "This inspection is submitted and read-only; make a correction instead.",
                ) from exc
            raise
        return self.load(iid, known, result)
