"""The store's own world: stores, people, orders and what happens to them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.models.base import Base


class Store(Base):
    __tablename__ = "stores"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str]
    address: Mapped[str] = mapped_column(default="")
    timezone: Mapped[str] = mapped_column(default="Asia/Shanghai")


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"), index=True)
    name: Mapped[str]
    role: Mapped[str]  # clerk, leader, host, inspector, manager
    pin_hash: Mapped[str | None]
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(default=True)


class Leader(Base):
    """Team leader (团长) who collects bags for a neighbourhood group."""

    __tablename__ = "leaders"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"), index=True)
    name: Mapped[str]
    phone_masked: Mapped[str] = mapped_column(default="")
    badge_code: Mapped[str | None] = mapped_column(unique=True)
    pin_hash: Mapped[str | None]
    community: Mapped[str] = mapped_column(default="")


class Customer(Base):
    """Only masked name and phone are kept; the phone tail serves the lookup fallback."""

    __tablename__ = "customers"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_masked: Mapped[str]
    phone_masked: Mapped[str]
    phone_tail: Mapped[str] = mapped_column(String(4), index=True)


class Bin(Base):
    __tablename__ = "bins"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"), index=True)
    zone: Mapped[str] = mapped_column(default="ambient")  # ambient, chilled, frozen
    label: Mapped[str] = mapped_column(default="")


class Batch(Base):
    """A delivery (到货) that is checked in at the back door."""

    __tablename__ = "batches"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"), index=True)
    expected_at: Mapped[datetime | None]
    arrived_at: Mapped[datetime | None]
    temperature_c: Mapped[float | None]
    status: Mapped[str] = mapped_column(default="expected")  # expected, checked_in
    checked_in_by: Mapped[str | None]


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"), index=True)
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"), index=True)
    leader_id: Mapped[str | None] = mapped_column(ForeignKey("leaders.id"), index=True)
    batch_id: Mapped[str | None] = mapped_column(ForeignKey("batches.id"), index=True)
    pickup_code: Mapped[str] = mapped_column(String(6))
    status: Mapped[str] = mapped_column(String(24), index=True)
    bin_code: Mapped[str | None] = mapped_column(ForeignKey("bins.code"))
    total_cents: Mapped[int] = mapped_column(default=0)
    provisional: Mapped[bool] = mapped_column(default=False)  # served offline before sync knew it
    placed_at: Mapped[datetime | None]
    ready_at: Mapped[datetime | None]
    picked_up_at: Mapped[datetime | None]
    updated_at: Mapped[datetime | None]
    remote_version: Mapped[int] = mapped_column(default=0)
    # bumped by SQLite triggers on every change of the order or its lines (migration 0005):
    # a confirm names the version the clerk saw
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.id"
    )

    __table_args__ = (Index("ix_orders_pickup_code", "pickup_code"),)


class OrderLine(Base):
    __tablename__ = "order_lines"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str]
    qty: Mapped[float]
    unit: Mapped[str] = mapped_column(default="份")
    price_cents: Mapped[int] = mapped_column(default=0)
    received_qty: Mapped[float | None]
    picked_qty: Mapped[float] = mapped_column(default=0)
    condition: Mapped[str] = mapped_column(default="ok")  # ok, short, damaged, missing
    order: Mapped[Order] = relationship(back_populates="lines")


class Handover(Base):
    """Orders given to a team leader (交接) in one confirmed act."""

    __tablename__ = "handovers"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"))
    leader_id: Mapped[str] = mapped_column(ForeignKey("leaders.id"), index=True)
    staff_id: Mapped[str]
    confirmed_by: Mapped[str]  # badge, pin
    order_ids: Mapped[list[Any]]
    bag_count: Mapped[int] = mapped_column(default=0)
    at: Mapped[datetime]


class IssueReport(Base):
    __tablename__ = "issue_reports"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    sku: Mapped[str | None]
    kind: Mapped[str]  # missing, damaged, quality, wrong_item
    qty: Mapped[float] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(default="")
    media: Mapped[list[Any]] = mapped_column(default=list)
    staff_id: Mapped[str]
    at: Mapped[datetime]


class Shift(Base):
    __tablename__ = "shifts"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[str]
    opened_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    counts: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Supplier(Base):
    __tablename__ = "suppliers"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str]
    address: Mapped[str] = mapped_column(default="")
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Inspection(Base):
    """A surprise supplier inspection (飞行检查); items and signatures kept as JSON."""

    __tablename__ = "inspections"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    supplier_id: Mapped[str] = mapped_column(ForeignKey("suppliers.id"), index=True)
    inspector_id: Mapped[str]
    status: Mapped[str] = mapped_column(default="draft")  # draft, submitted
    score: Mapped[float | None]
    verdict: Mapped[str | None]
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    started_at: Mapped[datetime]
    submitted_at: Mapped[datetime | None]


class Media(Base):
    """Photos and PDFs, content-addressed by sha256; bytes live in files under the data dir."""

    __tablename__ = "media"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    mime: Mapped[str]
    size: Mapped[int]
    path: Mapped[str]
    created_at: Mapped[datetime]
    uploaded_at: Mapped[datetime | None]
