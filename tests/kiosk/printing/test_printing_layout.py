"""Column arithmetic (CJK = 2 columns), wrapping, two-column rows and the JSON codec."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from kiosk.printing.demo import DEMOS
from kiosk.printing.layout import (
    Align,
    Columns,
    Image,
    Rule,
    Text,
    char_width,
    document_from_json,
    document_to_json,
    fit,
    printed_lines,
    text_width,
    two_columns,
    wrap,
)

MIXED = st.text(alphabet=st.sampled_from(list("ab cdXY12 .-中文字，：￥（）·×°")), max_size=80)


def test_widths() -> None:
    assert [char_width(c) for c in "a中，￥ "] == [1, 2, 2, 2, 1]
    assert text_width("合计：￥193.00") == 2 * 4 + 6
    assert char_width("\u0301") == 0  # combining accent


@given(MIXED, st.integers(min_value=2, max_value=48))
def test_wrap_never_exceeds_and_keeps_every_character(text: str, columns: int) -> None:
    lines = wrap(text, columns)
    assert all(text_width(line) <= columns for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@given(MIXED, MIXED, st.sampled_from([32, 48]))
def test_two_columns_fit_the_paper(left: str, right: str, columns: int) -> None:
    right = right.strip()[:10]
    lines = two_columns(left, right, columns)
    assert all(text_width(line) <= columns for line in lines)
    if right:
        assert any(line.endswith(right) for line in lines)


def test_wrap_keeps_latin_words_and_breaks_cjk_anywhere() -> None:
    assert wrap("Organic Baby Spinach", 10) == ["Organic", "Baby", "Spinach"]
    assert wrap("赣南脐橙特级果", 6) == ["赣南脐", "橙特级", "果"]
    assert wrap("", 8) == [""]
    with pytest.raises(ValueError, match="two columns"):
        wrap("x", 1)


def test_fit_pads_by_columns() -> None:
    assert fit("中", 6, Align.RIGHT) == "    中"
    assert fit("中", 6, Align.CENTER) == "  中  "
    assert fit("中文字", 4) == "中文"


def test_printed_lines_magnified_text_uses_fewer_columns() -> None:
    lines = printed_lines(Text("自提凭证", width=2, height=2, align=Align.CENTER), 32)
    assert lines == [("    自提凭证", False, 2, 2)]  # 16 columns at double width
    assert printed_lines(Rule("="), 32) == [("=" * 32, False, 1, 1)]
    assert printed_lines(Columns("合计：", "￥1.00", bold=True), 32)[0][0].endswith("￥1.00")


@pytest.mark.parametrize("kind", sorted(DEMOS))
def test_documents_round_trip_through_json(kind: str) -> None:
    doc = DEMOS[kind]()
    assert document_from_json(document_to_json(doc)) == doc


def test_image_blocks_round_trip_and_bad_json_is_refused() -> None:
    from kiosk.printing.layout import Document

    doc = Document("x", "t", (Image(b"\x89PNG..."),))
    assert document_from_json(document_to_json(doc)) == doc
    with pytest.raises(ValueError, match="unknown block type"):
        document_from_json({"kind": "x", "title": "t", "blocks": [{"type": "hologram"}]})
    with pytest.raises(ValueError, match="malformed"):
        document_from_json({"kind": "x"})


def test_cjk_font_is_found_or_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kiosk.errors import DeviceError, DeviceErrorKind
    from kiosk.printing import raster

    found = raster.find_cjk_font()
    assert found.is_file()
    monkeypatch.setenv("LINLI_CJK_FONT", "/nonexistent/font.ttc")
    with pytest.raises(DeviceError, match="not a font file") as info:
        raster.find_cjk_font()
    assert info.value.kind is DeviceErrorKind.CONFIG
    monkeypatch.delenv("LINLI_CJK_FONT")
    monkeypatch.setattr(raster, "FONT_CANDIDATES", ())
    monkeypatch.setattr(raster, "FONT_GLOBS", ("**/no-such-font-*.ttc",))
    with pytest.raises(DeviceError, match="install fonts-noto-cjk"):
        raster.find_cjk_font()
