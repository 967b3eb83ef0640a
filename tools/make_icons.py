"""Draw Almost's app icons into static/icons/: a ring that almost closes, as in the favicon.

    uv run python tools/make_icons.py

Plain Python (zlib and struct), no image library: each pixel's coverage of the ring and of
the rounded square behind it is worked out from its distance to their edges, which
smooths the edges as well as drawing four times bigger and shrinking would. Run it again
after changing a colour or a size here, and commit the files it writes.
"""

import math
import struct
import zlib
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "static" / "icons"
ACCENT = (0x8A, 0x3B, 0x12)  # --accent in almost.css
CREAM = (0xFA, 0xF8, 0xF5)  # --bg in almost.css
# The ring, as fractions of the icon's side, and where its gap sits: the last 73.6 degrees
# of the turn, clockwise from three o'clock, as the favicon's stroke-dasharray="70 18".
GAP_FROM = 2 * math.pi * 70 / 88


def coverage(x: float, y: float, size: int, ring: float, width: float, corner: float):
    """How much of the pixel centred at (x, y) the background and the ring cover, 0 to 1."""
    half = size / 2
    dx, dy = x - half, y - half
    # The background: a square with rounded corners (corner 0: the full square).
    qx, qy = abs(dx) - (half - corner), abs(dy) - (half - corner)
    outside = math.hypot(max(qx, 0), max(qy, 0)) + min(max(qx, qy), 0) - corner
    background = min(max(0.5 - outside, 0.0), 1.0)
    # The ring: inside the band, and outside the gap (whose edges are straight cuts).
    distance = math.hypot(dx, dy)
    band = min(max(0.5 - (abs(distance - ring * size) - width * size / 2), 0.0), 1.0)
    angle = math.atan2(dy, dx) % (2 * math.pi)
    if band and angle > GAP_FROM:
        # Distance to the nearer cut, in pixels, along the circle.
        to_cut = min(angle - GAP_FROM, 2 * math.pi - angle) * distance
        band *= min(max(0.5 - to_cut, 0.0), 1.0)
    return background, band


def draw(size: int, ring: float, width: float, corner: float) -> bytes:
    """The icon as a PNG: cream ring on the accent colour, transparent outside the corners."""
    rows = []
    for row in range(size):
        line = bytearray([0])  # filter: none
        for column in range(size):
            background, band = coverage(column + 0.5, row + 0.5, size, ring, width, corner)
            colour = [round(a + (c - a) * band) for a, c in zip(ACCENT, CREAM, strict=True)]
            line += bytes([*colour, round(255 * background)])
        rows.append(bytes(line))
    return png(size, b"".join(rows))


def png(size: int, pixels: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels, 9))
        + chunk(b"IEND", b"")
    )


def svg() -> str:
    """The same icon as SVG, for browsers that take any size."""
    ring, width, corner = 0.30 * 512, 0.09 * 512, 0.22 * 512
    circumference = 2 * math.pi * ring
    dash = circumference * GAP_FROM / (2 * math.pi)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">'
        f'<rect width="512" height="512" rx="{corner:.1f}" fill="#8a3b12"/>'
        f'<circle cx="256" cy="256" r="{ring:.1f}" fill="none" stroke="#faf8f5" '
        f'stroke-width="{width:.1f}" stroke-dasharray="{dash:.1f} {circumference - dash:.1f}"/>'
        "</svg>\n"
    )


# name: (side in pixels, ring radius, ring width, corner radius), as fractions of the side.
# "maskable" fills the square: the phone cuts its own shape, keeping the middle 80%.
# Apple rounds its icons itself, so its one fills the square too.
SIZES = {
    "icon-192.png": (192, 0.30, 0.09, 0.22),
    "icon-512.png": (512, 0.30, 0.09, 0.22),
    "maskable-512.png": (512, 0.24, 0.075, 0.0),
    "apple-touch-icon.png": (180, 0.28, 0.085, 0.0),
}


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    for name, (size, ring, width, corner) in SIZES.items():
        (ICONS / name).write_bytes(draw(size, ring, width, corner * size))
        print(f"wrote static/icons/{name}")
    (ICONS / "icon.svg").write_text(svg())
    print("wrote static/icons/icon.svg")


if __name__ == "__main__":
    main()
