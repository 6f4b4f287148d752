"""Reference frames as literal bytes, copied from each protocol's public description, never
produced by the project's own code (parsers or simulator writers).

Sources:
- TOLEDO: the Toledo 8217 "weight only" protocol as in shared/INSTRUMENTS.md, and what
  Odoo's IoT box driver (the reference open implementation) accepts: measure
  `\\x02\\s*([0-9.]+)N?\\r`, status `\\x02\\s*(\\?.)\\r`, status bits 0 motion, 1 over capacity,
  2 under zero, 3 outside zero-capture range, 4 centre of zero, 5 net, 6 always 1.
- MT_SICS: the MT-SICS reference manual's reply formats: `<id> <status> <value> <unit>`,
  value right-aligned in 10 characters; status S/D/I/+/- for weights, A/B for other
  commands; `ZI S|D`, `TI S|D <tare>`, `I0 B|A <level> "<command>"`; ES/ET/EL. Plus the
  `SI S …` echo of compatible balances (issue 12), and blanks as loose as InstrumentKit's
  MT-SICS driver (`split()`).
- CAS: INSTRUMENTS.md, `SOH STX <S|U> <sign> <weight> <unit> BCC ETX EOT`, BCC = XOR of
  status..unit; each BCC below is written out by hand from that rule.
- ACLAS, CONTINUOUS, ATAGO, SIM-BRIX/1, SIM-PEST/1: INSTRUMENTS.md, checksums written out.

Each row: (frame, status, grams or None, note). `None` as status: not a reading (an
acknowledgement).
"""

from __future__ import annotations

Row = tuple[bytes, str | None, float | None, str]

TOLEDO: list[Row] = [
    (b"\x02001.25\r", "ok", 1250.0, "6 characters, leading zeros"),
    (b"\x02012.50\r", "ok", 12500.0, ""),
    (b"\x02  1.25\r", "ok", 1250.0, "padded with spaces (Odoo \\s*)"),
    (b"\x02\t1.25\r", "ok", 1250.0, "padded with a tab"),
    (b"\x021.25N\r", "ok", 1250.0, "N = net weight"),
    (b"\x02  0.50N\r", "ok", 500.0, "padding and net"),
    (b"\x021\r", "ok", 1000.0, "fewer than 4 characters"),
    (b"\x0212\r", "ok", 12000.0, ""),
    (b"\x02000012.500\r", "ok", 12500.0, "more than 8 characters"),
    (b"\x02?A\r", "motion", None, "0x41: bit 0 motion (bit 6 always 1)"),
    (b"\x02 ?A\r", "motion", None, "a space before ?"),
    (b"\x02?\xc1\r", "motion", None, "parity bit set on the wire"),
    (b"\x02?B\r", "overload", None, "0x42: bit 1 over capacity"),
    (b"\x02?D\r", "underload", None, "0x44: bit 2 under zero"),
    (b"\x02?H\r", "error", None, "0x48: bit 3 outside zero-capture range"),
    (b"\x02?P\r", "error", None, "0x50: bit 4 centre of zero only"),
    (b"\x02?`\r", "error", None, "0x60: bit 5 net only"),
    (b"\x02?p\r", "error", None, "0x70: bits 4 and 5"),
    (b"\x02?@\r", "error", None, "0x40: no reason bit"),
    (b"\x02E\rhello", None, None, "probe reply to Ehello"),
    (b"\x0200x.25\r", "error", None, "not digits"),
]

# status bits named by the parser for the "not ready" bytes that carry no error bit
TOLEDO_STATUS_WORDS = {
    b"\x02?P\r": "centre of zero",
    b"\x02?`\r": "net weight",
    b"\x02?p\r": "centre of zero, net weight",
}

MT_SICS: list[Row] = [
    (b"S S     100.00 g\r\n", "ok", 100.0, "manual example, value in 10 columns"),
    (b"S D     100.02 g\r\n", "motion", 100.02, "dynamic"),
    (b"S S     -12.34 g\r\n", "ok", -12.34, "signed"),
    (b"S S      1.234 kg\r\n", "ok", 1234.0, ""),
    (b"S S 100.00 g\r\n", "ok", 100.0, "single spaces, as the manual prints it"),
    (b"S\tS\t100.00\tg\r\n", "ok", 100.0, "tabs (InstrumentKit splits on any blank)"),
    (b"SI S       1.25 kg\r\n", "ok", 1250.0, "reply id echoes the command"),
    (b"SI D       1.25 kg\r\n", "motion", 1250.0, "echo, dynamic"),
    (b"SI +\r\n", "overload", None, "echo, overload"),
    (b"S I\r\n", "error", None, "not executable (busy)"),
    (b"S +\r\n", "overload", None, ""),
    (b"S -\r\n", "underload", None, ""),
    (b"S X     100.00 g\r\n", "error", None, "unknown status letter"),
    (b"S d     100.00 g\r\n", "error", None, "status letters are upper case"),
    (b"ES\r\n", "error", None, "syntax error"),
    (b"ET\r\n", "error", None, "transmission error"),
    (b"EL\r\n", "error", None, "logical error"),
    (b"S S  Error 3\r\n", "error", None, "error code in the value field"),
    (b"Z A\r\n", None, None, "zero done"),
    (b"ZI S\r\n", None, None, "zero immediately, stable"),
    (b"ZI D\r\n", None, None, "zero immediately, dynamic"),
    (b"T S     120.50 g\r\n", None, None, "tare taken"),
    (b"TI S     120.50 g\r\n", None, None, "tare immediately, stable"),
    (b"TI D     120.50 g\r\n", None, None, "tare immediately, dynamic"),
    (b"TA A     120.50 g\r\n", None, None, "tare value"),
    (b"TAC A\r\n", None, None, "tare cleared"),
    (b"TAR A\r\n", None, None, "tare acknowledgement named in issue 12"),
    (b'I0 B 0 "I0"\r\n', None, None, "command list, more lines follow"),
    (b'I0 A 1 "TAC"\r\n', None, None, "command list, last line"),
    (b'I1 A "01" "2.00" "2.20" "1.00" "1.00"\r\n', None, None, "levels and versions"),
    (b'I2 A "SIM-BAL 6200.00 g"\r\n', None, None, "balance data"),
    (b'I4 A "B021002593"\r\n', None, None, "serial number"),
    (b"Z I\r\n", "error", None, "zero not executable now"),
    (b"Z +\r\n", "error", None, "above the zero-setting range"),
    (b"Z -\r\n", "error", None, "below the zero-setting range"),
    (b"ZI I\r\n", "error", None, ""),
    (b"T I\r\n", "error", None, ""),
    (b"T +\r\n", "error", None, "above the taring range"),
    (b"T -\r\n", "error", None, "below the taring range"),
    (b"TI L\r\n", "error", None, "bad parameter"),
    (b"SI\r\n", "error", None, "our own poll echoed back: no status"),
]

CAS: list[Row] = [
    # BCC = XOR("S 001.234kg") = 0x55
    (b"\x01\x02S 001.234kg\x55\x03\x04", "ok", 1234.0, ""),
    # XOR("U 001.234kg") = 0x53
    (b"\x01\x02U 001.234kg\x53\x03\x04", "motion", 1234.0, ""),
    # XOR("S-000.120kg") = 0x5f
    (b"\x01\x02S-000.120kg\x5f\x03\x04", "ok", -120.0, ""),
    # XOR("SF999.999kg") = 0x37
    (b"\x01\x02SF999.999kg\x37\x03\x04", "overload", None, ""),
    # XOR("S 02.500lb") = 0x64: the 6-character weight field
    (b"\x01\x02S 02.500lb\x64\x03\x04", "ok", 1133.980925, ""),
    (b"\x01\x02S 001.234kg\x54\x03\x04", "error", None, "BCC off by one bit"),
    (b"\x06", None, None, "ACK"),
    (b"\x15", "error", None, "NAK"),
]

ACLAS: list[Row] = [
    # XOR(01 02 "S 01.234kg") = 0x66, flag 0x20 = tare
    (b"\x01\x02S 01.234kg\x66\x03\x04\x20", "ok", 1234.0, ""),
    # XOR(01 02 "U-00.050kg") = 0x6c
    (b"\x01\x02U-00.050kg\x6c\x03\x04\x00", "motion", -50.0, ""),
    # XOR(01 02 "F 99.999kg") = 0x7e, flag 0x40 out of range
    (b"\x01\x02F 99.999kg\x7e\x03\x04\x40", "overload", None, ""),
    # XOR(01 02 "F-00.000kg") = 0x7a
    (b"\x01\x02F-00.000kg\x7a\x03\x04\x40", "underload", None, ""),
    (b"\x01\x02S 01.234kg\x33\x03\x04\x00", "error", None, "checksum mismatch"),
]

CONTINUOUS: list[Row] = [
    (b"ST,GS,+  1.234kg\r\n", "ok", 1234.0, "INSTRUMENTS.md example"),
    (b"US,GS,+  1.234kg\r\n", "motion", 1234.0, ""),
    (b"ST,NT,-  0.120kg\r\n", "ok", -120.0, ""),
    (b"OL,GS,+  9.999kg\r\n", "overload", None, ""),
    (b"ST,GS,1@+  1.234kg\r\n", "ok", 1234.0, "CAS 22-byte variant"),
]

ATAGO: list[Row] = [
    (b"1.35203,12.800,12.800,12.800,012.80,023.40,1\r\n", "ok", 12.8, "7 fields"),
    (b"-.-----,--.---,--.---,--.---,------,023.40,1\r\n", "error", None, "out of scale"),
]

BRIX: list[Row] = [
    # XOR("BRX,000123,12.8,%Brix,23.4,ATC,1.35203,OK") = 0x14
    (b"BRX,000123,12.8,%Brix,23.4,ATC,1.35203,OK*14\r\n", "ok", 12.8, "INSTRUMENTS.md example"),
    (b"BRX,000123,12.8,%Brix,23.4,ATC,1.35203,OK*15\r\n", "error", None, "wrong checksum"),
]

PESTICIDE: list[Row] = [
    # XOR("PST,03,S0007,0.512,0.471,8.0,NEG,2026-06-01T10:15:02+08:00") = 0x09
    (
        b"PST,03,S0007,0.512,0.471,8.0,NEG,2026-06-01T10:15:02+08:00*09\r\n",
        "ok",
        8.0,
        "INSTRUMENTS.md example",
    ),
    # XOR("CTL,01,0.512,OK,2026-06-01T10:15:02+08:00") = 0x3D
    (b"CTL,01,0.512,OK,2026-06-01T10:15:02+08:00*3D\r\n", "ok", None, "control line"),
]

BY_PROTOCOL: dict[str, list[Row]] = {
    "toledo-8217": TOLEDO,
    "mt-sics": MT_SICS,
    "cas": CAS,
    "aclas": ACLAS,
    "continuous": CONTINUOUS,
    "atago-prm": ATAGO,
    "brix": BRIX,
    "pesticide": PESTICIDE,
}
