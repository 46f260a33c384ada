#!/usr/bin/env python3
"""How lossless PNG rows should be filtered, and how well a sample predicts
the size: the measurements behind src/fit/png.rs, on a folder of images.

    python3 benches/png_filters.py target/compare/corpus

For every image of more than 256 colours (fewer go through oxipng's palette
reduction instead): its size at zlib level 6 with rows unfiltered and with
PNG's Up filter; the share of "smooth" neighbours (differing by 1-3 in every
channel) that decides whether Up is tried; which filtering shotmask's rule
would pick (Up only where smooth >= 0.03 and the sample shows a 10% gain);
and the sampled estimate (two rows in sixteen) against the real size, next to
the older sample (16-row stripes, one in eight). Python's zlib stands in for
libdeflate; sizes differ by a few percent, ratios hardly. Needs Pillow, numpy.
"""
import sys
import zlib
from pathlib import Path

import numpy as np
from PIL import Image


def pixels(path):
    img = Image.open(path)
    img = img.convert("RGBA") if img.mode in ("RGBA", "LA", "P") else img.convert("RGB")
    a = np.asarray(img)
    if a.shape[2] == 4 and (a[..., 3] == 255).all():
        a = a[..., :3]
    return a


def stream(a, rows, up):
    """The IDAT stream (filter byte + row) of the given rows, before zlib."""
    out = []
    for y in rows:
        if up:
            above = a[y - 1] if y > 0 else np.zeros_like(a[y])
            out.append(b"\x02" + (a[y].astype(np.int16) - above).astype(np.uint8).tobytes())
        else:
            out.append(b"\x00" + a[y].tobytes())
    return b"".join(out)


def size(a, rows, up):
    return len(zlib.compress(stream(a, rows, up), 6)) * a.shape[0] / len(rows)


def main():
    folder = Path(sys.argv[1])
    totals = {"none": 0, "up": 0, "rule": 0, "best": 0}
    new_ratios, old_ratios, wrong = [], [], 0
    print("| image | smooth | unfiltered | Up | rule picks | estimate / real | old estimate / real |")
    print("|---|---|---|---|---|---|---|")
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        a = pixels(path)
        h = a.shape[0]
        if len(np.unique(a.reshape(-1, a.shape[2]), axis=0)) <= 256:
            continue
        every = list(range(h))
        none, up = size(a, every, False), size(a, every, True)
        d = np.abs(a[::8, 1:].astype(int) - a[::8, :-1]).max(axis=2)
        smooth = ((d >= 1) & (d <= 3)).mean()
        sample = [y for y in every if h < 64 or y % 16 < 2]
        est_none = size(a, sample, False)
        pick_up = smooth >= 0.03 and size(a, sample, True) < 0.9 * est_none
        real = up if pick_up else none
        est = size(a, sample, True) if pick_up else est_none
        old = [y for y in every if (y // 16) % 8 == 0] if h >= 512 else every
        new_ratios.append(est / real)
        old_ratios.append(size(a, old, pick_up) / real)
        wrong += real > 1.02 * min(none, up)
        for k, v in (("none", none), ("up", up), ("rule", real), ("best", min(none, up))):
            totals[k] += v
        print(f"| {path.name[:40]} | {smooth:.3f} | {none:.0f} | {up:.0f} | {'Up' if pick_up else 'unfiltered'} "
              f"| {new_ratios[-1]:.2f} | {old_ratios[-1]:.2f} |")
    n = len(new_ratios)
    print()
    print(f"{n} images. Total bytes: unfiltered {totals['none']:.0f}, Up {totals['up']:.0f}, "
          f"as the rule picks {totals['rule']:.0f} ({100 * (totals['rule'] / totals['none'] - 1):+.0f}%), "
          f"the smaller of the two each time {totals['best']:.0f}. The rule's pick is over 2% off the smaller "
          f"for {wrong} of {n}.")
    print(f"Estimate / real: two rows in sixteen {min(new_ratios):.2f}-{max(new_ratios):.2f}; "
          f"16-row stripes, one in eight {min(old_ratios):.2f}-{max(old_ratios):.2f}.")


if __name__ == "__main__":
    main()
