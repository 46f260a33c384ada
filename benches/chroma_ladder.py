#!/usr/bin/env python3
"""Half or full chroma: the measurement behind fit::jpeg::Ladder, on a folder
of images.

    python3 benches/chroma_ladder.py target/compare/corpus

Encodes every image at half chroma (4:2:2) q79, q85, q90 and full chroma
(4:4:4) q80, q85, q90 with shotmask's JPEG encoder and options
(`examples/jpeg_settings.rs`), then prints, per setting, the median size
relative to half chroma at q79 and the median SSIM (Gaussian window, as in
benches/score.py) of luma and of the two chroma planes; then how half chroma
at q85 compares with full chroma at q80, which cost about the same bytes.
Needs Pillow, numpy and scikit-image.
"""
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image
from skimage.metrics import structural_similarity

TAGS = ["H79", "H85", "H90", "F80", "F85", "F90"]


def planes(path):
    img = Image.open(path)
    if img.mode in ("RGBA", "LA", "P"):
        img = img.convert("RGBA")
        img = Image.alpha_composite(Image.new("RGBA", img.size, (255, 255, 255, 255)), img)
    a = np.asarray(img.convert("RGB"), dtype=np.float64)
    r, g, b = a[..., 0], a[..., 1], a[..., 2]
    return (0.299 * r + 0.587 * g + 0.114 * b,
            128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
            128 + 0.5 * r - 0.418688 * g - 0.081312 * b)


def ssim(a, b):
    return structural_similarity(a, b, data_range=255, gaussian_weights=True, sigma=1.5,
                                 use_sample_covariance=False)


def main():
    inputs = sorted(p for p in Path(sys.argv[1]).iterdir() if p.is_file() and not p.name.startswith("."))
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(["cargo", "run", "-q", "--release", "--example", "jpeg_settings", "--", out,
                        *map(str, inputs)], cwd=root, check=True)
        rows = []
        for src in inputs:
            encoded = {t: Path(out) / f"{src.stem}.{t}.jpg" for t in TAGS}
            if not all(p.exists() for p in encoded.values()):
                continue
            ref = planes(src)
            row = {}
            for tag, path in encoded.items():
                got = planes(path)
                row[tag] = (path.stat().st_size, ssim(ref[0], got[0]), (ssim(ref[1], got[1]) + ssim(ref[2], got[2])) / 2)
            rows.append(row)
    med = lambda f: statistics.median(f(r) for r in rows)
    print(f"{len(rows)} images\n")
    print("| setting | bytes / H79 | luma SSIM | chroma SSIM |")
    print("|---|---|---|---|")
    for t in TAGS:
        print(f"| {t} | {med(lambda r: r[t][0] / r['H79'][0]):.3f} | {med(lambda r: r[t][1]):.4f} | {med(lambda r: r[t][2]):.4f} |")
    ratio = [r["H85"][0] / r["F80"][0] for r in rows]
    print(f"\nH85 / F80 bytes: median {statistics.median(ratio):.3f} ({min(ratio):.3f}-{max(ratio):.3f}); "
          f"H85 has the higher luma SSIM on {sum(r['H85'][1] > r['F80'][1] for r in rows)} of {len(rows)}, "
          f"the higher chroma SSIM on {sum(r['H85'][2] > r['F80'][2] for r in rows)}.")
    for a, b in (("F80", "H79"), ("F90", "H90")):
        v = [r[a][0] / r[b][0] for r in rows]
        print(f"{a} / {b} bytes: median {statistics.median(v):.2f} ({min(v):.2f}-{max(v):.2f})")


if __name__ == "__main__":
    main()
