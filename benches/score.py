#!/usr/bin/env python3
"""Score size-limited outputs against their inputs, for benches/compare.sh.

    score.py LIMIT INPUT_DIR OUTPUT_DIR

Pairs each input with the output of the same stem; prints one JSON line:
files, missing (absent, empty or undecodable), over (outputs above LIMIT bytes), median bytes, and the
median SSIM (Wang et al., Gaussian window σ=1.5, on luma; an output smaller
than its input is scaled back up with bicubic resampling first, so lost
detail counts against it). Needs Pillow, numpy and scikit-image.
"""
import json
import statistics
import sys
from pathlib import Path

import numpy as np
from PIL import Image
from skimage.metrics import structural_similarity


def luma(path, size=None):
    img = Image.open(path)
    img.load()
    if img.mode in ("RGBA", "LA", "P"):
        img = img.convert("RGBA")
        white = Image.new("RGBA", img.size, (255, 255, 255, 255))
        img = Image.alpha_composite(white, img)
    img = img.convert("RGB")
    if size and img.size != size:
        img = img.resize(size, Image.BICUBIC)
    a = np.asarray(img, dtype=np.float64)
    return 0.299 * a[..., 0] + 0.587 * a[..., 1] + 0.114 * a[..., 2]


def main():
    limit, inputs, outputs = int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    outs = {p.stem: p for p in outputs.iterdir() if p.is_file() and not p.name.startswith(".")} if outputs.is_dir() else {}
    sizes, scores, missing, over = [], [], 0, 0
    files = sorted(p for p in inputs.iterdir() if p.is_file() and not p.name.startswith("."))
    for src in files:
        out = outs.get(src.stem)
        if out is None or out.stat().st_size == 0:
            missing += 1
            continue
        try:
            ref = luma(src)
            got = luma(out, (ref.shape[1], ref.shape[0]))
        except Exception:  # an output that does not decode is no output
            missing += 1
            continue
        n = out.stat().st_size
        sizes.append(n)
        over += n > limit
        scores.append(structural_similarity(ref, got, data_range=255, gaussian_weights=True, sigma=1.5,
                                            use_sample_covariance=False))
    print(json.dumps({
        "files": len(files), "missing": missing, "over": over,
        "median_bytes": statistics.median(sizes) if sizes else None,
        "median_ssim": round(statistics.median(scores), 4) if scores else None,
    }))


if __name__ == "__main__":
    main()
