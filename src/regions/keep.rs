//! `--keep`: the outside of the kept boxes, as a few rectangles.

use super::PixelRect;

/// The pixels of a `width`×`height` image outside every rectangle of `kept`,
/// as disjoint rectangles (horizontal bands, merged downwards where they line
/// up), in top-to-bottom, left-to-right order.
pub fn complement(kept: &[PixelRect], width: u32, height: u32) -> Vec<PixelRect> {
    let mut ys: Vec<u32> = vec![0, height];
    for k in kept {
        ys.push(k.y.min(height));
        ys.push(k.bottom().min(height));
    }
    ys.sort_unstable();
    ys.dedup();

    let mut out: Vec<PixelRect> = Vec::new();
    // Rectangles of the previous band, still open for merging downwards.
    let mut open: Vec<usize> = Vec::new();
    for band in ys.windows(2) {
        let (y0, y1) = (band[0], band[1]);
        let mut spans: Vec<(u32, u32)> = kept
            .iter()
            .filter(|k| k.y < y1 && k.bottom() > y0)
            .map(|k| (k.x.min(width), k.right().min(width)))
            .collect();
        spans.sort_unstable();
        let mut gaps = Vec::new();
        let mut cursor = 0;
        for (a, b) in spans {
            if a > cursor {
                gaps.push((cursor, a));
            }
            cursor = cursor.max(b);
        }
        if cursor < width {
            gaps.push((cursor, width));
        }

        let mut next_open = Vec::with_capacity(gaps.len());
        for (x0, x1) in gaps {
            let merged = open.iter().copied().find(|&i| {
                let r = &out[i];
                r.x == x0 && r.right() == x1 && r.bottom() == y0
            });
            match merged {
                Some(i) => {
                    out[i].h += y1 - y0;
                    next_open.push(i);
                }
                None => {
                    out.push(PixelRect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 });
                    next_open.push(out.len() - 1);
                }
            }
        }
        open = next_open;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covered(rects: &[PixelRect], w: u32, h: u32) -> Vec<u8> {
        let mut grid = vec![0u8; (w * h) as usize];
        for r in rects {
            for y in r.y..r.bottom() {
                for x in r.x..r.right() {
                    grid[(y * w + x) as usize] += 1;
                }
            }
        }
        grid
    }

    #[test]
    fn complement_is_exact_and_disjoint() {
        let kept = [
            PixelRect { x: 2, y: 3, w: 5, h: 4 },
            PixelRect { x: 5, y: 5, w: 6, h: 6 },
            PixelRect { x: 0, y: 14, w: 3, h: 2 },
        ];
        let (w, h) = (12, 16);
        let outside = complement(&kept, w, h);
        let a = covered(&kept, w, h);
        let b = covered(&outside, w, h);
        for i in 0..(w * h) as usize {
            assert!(b[i] <= 1, "complement rectangles overlap");
            assert_eq!(a[i] == 0, b[i] == 1, "pixel {i} wrong");
        }
    }

    #[test]
    fn one_centred_keep_gives_four_bands() {
        let outside = complement(&[PixelRect { x: 10, y: 10, w: 10, h: 10 }], 30, 30);
        assert_eq!(
            outside,
            vec![
                PixelRect { x: 0, y: 0, w: 30, h: 10 },
                PixelRect { x: 0, y: 10, w: 10, h: 10 },
                PixelRect { x: 20, y: 10, w: 10, h: 10 },
                PixelRect { x: 0, y: 20, w: 30, h: 10 },
            ]
        );
    }

    #[test]
    fn keeping_everything_masks_nothing() {
        assert!(complement(&[PixelRect { x: 0, y: 0, w: 8, h: 8 }], 8, 8).is_empty());
    }
}
