"""Draw the bundled letterhead logo: ``python -m crm_desktop.letters.make_logo``.

A branch replaces it with its own PNG (Branch.logo_png); this one is neutral: a red seal with
three rising bars. Drawn with matplotlib and reduced to a small palette so every letter stays light.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from crm_desktop.paths import resource


def draw_logo(size_px: int = 240) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.patches import Circle, FancyBboxPatch, Polygon
    from PIL import Image

    fig = plt.figure(figsize=(1, 1), dpi=size_px)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.axis("off")
    red = "#9E1B32"
    ax.add_patch(Circle((50, 50), 48, color=red))
    ax.add_patch(Circle((50, 50), 42, fill=False, edgecolor="white", linewidth=1.6))
    for i, h in enumerate((20, 32, 44)):
        x = 29 + i * 15
        ax.add_patch(FancyBboxPatch((x, 28), 10, h, boxstyle="round,pad=0,rounding_size=1.5", color="white"))
    ax.add_patch(
        Polygon(
            [(24, 58), (46, 72), (58, 64), (78, 80), (79, 76), (58, 59), (46, 67), (25, 53)],
            closed=True,
            color="#F2C14E",
        )
    )
    buf = io.BytesIO()
    fig.savefig(buf, format="png", transparent=True)
    plt.close(fig)
    img = Image.open(io.BytesIO(buf.getvalue())).convert("RGBA")
    small = img.quantize(colors=32, method=Image.Quantize.FASTOCTREE)
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=True)
    return out.getvalue()


def main() -> int:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else resource("letters", "logo.png")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(draw_logo())
    print(f"wrote {target} ({target.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
