"""The bytes each simulated instrument puts on the wire, written from each protocol's public
description (shared/INSTRUMENTS.md), independently of the parsers in `protocols/`.

Parsers and simulators used to share one set of encoders, so a misread format would have
been consistent with itself and every test green. Now the simulators speak these writers,
the parsers read, and tests/drivers/instruments/reference_frames.py pins both to literal
bytes copied from the documents.
"""

from __future__ import annotations


def xor8(data: bytes) -> int:
    """The one-byte XOR checksum (CAS BCC, ACLAS, SIM-BRIX/1 and SIM-PEST/1 `*XX`)."""
    acc = 0
    for byte in data:
        acc ^= byte
    return acc


# --- MT-SICS: `<id> <status> <value right-aligned in 10> <unit>` CR LF ---------------------
def mt_sics_weight(status: str, value: str, unit: str, reply_id: str = "S") -> bytes:
    return f"{reply_id} {status} {value:>10} {unit}\r\n".encode("ascii")


def mt_sics_reply(*words: str) -> bytes:
    """A reply without a weight: `Z A`, `Z +`, `I4 A "SIM0000001"`."""
    return (" ".join(words) + "\r\n").encode("ascii")


# --- Toledo 8217: `STX <weight> CR`, `STX ? <status> CR` -------------------------------------
TOLEDO_MOTION, TOLEDO_OVER, TOLEDO_UNDER, TOLEDO_OUT_OF_ZERO = 0x01, 0x02, 0x04, 0x08
TOLEDO_PROBE_REPLY = b"\x02E\rhello"


def toledo_weight(kg: float) -> bytes:
    """6 characters, leading zeros kept, two decimals: 1.25 kg → `STX 001.25 CR`."""
    return b"\x02" + f"{kg:06.2f}".encode("ascii") + b"\r"


def toledo_status(bits: int) -> bytes:
    """Bit 6 is always 1; the 8th bit is parity (7E1), left to the line."""
    return b"\x02?" + bytes([(bits | 0x40) & 0x7F]) + b"\r"


# --- CAS polled: `SOH STX <S|U> <sign> <weight> <unit> BCC ETX EOT` --------------------------
CAS_ENQ, CAS_ACK, CAS_DC1, CAS_NAK = b"\x05", b"\x06", b"\x11", b"\x15"


def cas_weight(stable: bool, field: str, unit: str = "kg", sign: str = " ") -> bytes:
    """`field` is the 7-character weight (`001.234`); BCC = XOR of status..unit."""
    body = (("S" if stable else "U") + sign + field + unit).encode("ascii")
    return b"\x01\x02" + body + bytes([xor8(body)]) + b"\x03\x04"


# --- ACLAS OS2X: `01 02 <S|U|F> <sign> <6 weight> <2 unit> <XOR of the 12> 03 04 <flag>` ----
ACLAS_AT_ZERO, ACLAS_TARE, ACLAS_OUT_OF_RANGE = 0x10, 0x20, 0x40


def aclas_frame(status: str, sign: str, digits: str, unit: str = "kg", flag: int = 0) -> bytes:
    head = b"\x01\x02" + (status + sign + f"{digits:>6}"[:6] + f"{unit:>2}").encode("ascii")
    return head + bytes([xor8(head)]) + b"\x03\x04" + bytes([flag & 0xFF])


# --- continuous ASCII lines: `ST,GS,+  1.234kg` CR LF ----------------------------------------
def continuous_line(
    state: str, value: str, unit: str = "kg", mode: str = "GS", device_lamp: str = ""
) -> bytes:
    return f"{state},{mode},{device_lamp}{value}{unit}\r\n".encode("ascii")


# --- ATAGO PRM-2000α: `nD,Brix1,Brix2,Brix3,concentration,temperature,channel` ---------------
def atago_line(brix: float, temp_c: float, nd: float, channel: int = 1) -> bytes:
    return (
        f"{nd:.5f},{brix:06.3f},{brix:06.3f},{brix:06.3f},{brix:06.2f},{temp_c:06.2f},{channel}\r\n"
    ).encode("ascii")


# --- SIM-BRIX/1 and SIM-PEST/1 (ours): `<body>*XX` CR LF -------------------------------------
def checked_line(body: str) -> bytes:
    data = body.encode("ascii")
    return data + b"*" + f"{xor8(data):02X}".encode("ascii") + b"\r\n"


def brix_line(
    seq: int, brix: float, temp_c: float, *, atc: bool = True, nd: float = 1.35203, code: str = "OK"
) -> bytes:
    return checked_line(
        f"BRX,{seq % 1000000:06d},{brix:.1f},%Brix,{temp_c:.1f},"
        f"{'ATC' if atc else 'RAW'},{nd:.5f},{code}"
    )


def pest_control(ch: int, da0: float, state: str, when: str) -> bytes:
    return checked_line(f"CTL,{ch:02d},{da0:.3f},{state},{when}")


def pest_result(
    ch: int, sample: str, da0: float, dat: float, inhibition: float, verdict: str, when: str
) -> bytes:
    return checked_line(
        f"PST,{ch:02d},{sample},{da0:.3f},{dat:.3f},{inhibition:.1f},{verdict},{when}"
    )
