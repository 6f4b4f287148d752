"""Draw the program icon (a green rounded square with 邻, the shop sign of a pickup point)
into build/: linli.png for Linux, linli.ico for Windows. Drawn, not stored, so the repo holds
no binary; run by packaging/build.sh before PyInstaller."""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont


def draw(size: int = 256) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((8, 8, size - 8, size - 8), radius=size // 6, fill=(22, 140, 84, 255))
    try:
        from kiosk.printing.raster import find_cjk_font

        font: ImageFont.FreeTypeFont | ImageFont.ImageFont = ImageFont.truetype(
            str(find_cjk_font()), int(size * 0.62)
        )
        text = "邻"
    except Exception:  # no CJK font on the build machine: a Latin L still tells it apart
        font, text = ImageFont.load_default(size=int(size * 0.62)), "L"
    box = d.textbbox((0, 0), text, font=font)
    x = (size - (box[2] - box[0])) / 2 - box[0]
    y = (size - (box[3] - box[1])) / 2 - box[1]
    d.text((x, y), text, font=font, fill=(255, 255, 255, 255))
    return img


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    img = draw()
    img.save(out / "linli.png")
    img.save(
        out / "linli.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
    )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "build"))
