//! Conservative polygon rasterising: every pixel the polygon touches, grown
//! by a padding, as horizontal spans.

use super::PixelRect;

/// A run of covered pixels on one row: columns `x0..x1` of row `y`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// The row.
    pub y: u32,
    /// First covered column.
    pub x0: u32,
    /// One past the last covered column.
    pub x1: u32,
}

/// The pixels of `bounds` that the polygon touches (any overlap with the pixel
/// square counts), grown by `grow` pixels in every direction (a square
/// dilation), as spans sorted by row.
///
/// A pixel row `[y, y+1)` meets the polygon at `x` if the polygon's interior
/// crosses the row's top or bottom line at `x`, or an edge passes through the
/// row at `x`: any point inside reaches one of the two lines vertically
/// unless an edge is in the way. So the union of those intervals is exact
/// up to whole pixels.
pub fn polygon_spans(points: &[(f64, f64)], bounds: PixelRect, grow: u32) -> Vec<Span> {
    if points.len() < 3 {
        return Vec::new();
    }
    // Row intervals before growing, in absolute columns.
    let rows: Vec<Vec<(u32, u32)>> = (bounds.y..bounds.bottom())
        .map(|y| {
            // Lines just inside the row, so a polygon that only touches the
            // row's boundary does not claim it.
            let (top, bottom) = (f64::from(y) + 1e-7, f64::from(y) + 1.0 - 1e-7);
            let mut ivs: Vec<(f64, f64)> = Vec::new();
            ivs.extend(interior_at(points, top));
            ivs.extend(interior_at(points, bottom));
            for i in 0..points.len() {
                if let Some(iv) = clip_edge(points[i], points[(i + 1) % points.len()], top, bottom) {
                    ivs.push(iv);
                }
            }
            to_columns(ivs, bounds)
        })
        .collect();

    let mut spans = Vec::new();
    for y in bounds.y..bounds.bottom() {
        let lo = y.saturating_sub(grow).max(bounds.y);
        let hi = y.saturating_add(grow).min(bounds.bottom() - 1);
        let mut ivs: Vec<(u32, u32)> = (lo..=hi)
            .flat_map(|r| rows[(r - bounds.y) as usize].iter().copied())
            .map(|(a, b)| (a.saturating_sub(grow).max(bounds.x), b.saturating_add(grow).min(bounds.right())))
            .collect();
        for (x0, x1) in merge(&mut ivs) {
            spans.push(Span { y, x0, x1 });
        }
    }
    spans
}

/// Even-odd interior intervals of the polygon on the horizontal line `y`.
fn interior_at(points: &[(f64, f64)], y: f64) -> Vec<(f64, f64)> {
    let mut xs = Vec::new();
    for i in 0..points.len() {
        let (a, b) = (points[i], points[(i + 1) % points.len()]);
        // Half-open rule so a vertex on the line is counted once.
        if (a.1 <= y) != (b.1 <= y) {
            xs.push(a.0 + (y - a.1) / (b.1 - a.1) * (b.0 - a.0));
        }
    }
    xs.sort_by(f64::total_cmp);
    xs.chunks_exact(2).map(|p| (p[0], p[1])).collect()
}

/// The x-extent of segment `a`–`b` inside the strip `top <= y <= bottom`.
fn clip_edge(a: (f64, f64), b: (f64, f64), top: f64, bottom: f64) -> Option<(f64, f64)> {
    let (ya, yb) = (a.1.min(b.1), a.1.max(b.1));
    if yb < top || ya > bottom {
        return None;
    }
    if (b.1 - a.1).abs() < f64::EPSILON {
        return Some((a.0.min(b.0), a.0.max(b.0)));
    }
    let x_at = |y: f64| a.0 + (y - a.1) / (b.1 - a.1) * (b.0 - a.0);
    let (y0, y1) = (ya.max(top), yb.min(bottom));
    let (x0, x1) = (x_at(y0), x_at(y1));
    Some((x0.min(x1), x0.max(x1)))
}

/// Whole columns touched by the intervals, clamped to `bounds`, merged.
fn to_columns(ivs: Vec<(f64, f64)>, bounds: PixelRect) -> Vec<(u32, u32)> {
    let (lo, hi) = (f64::from(bounds.x), f64::from(bounds.right()));
    let mut cols: Vec<(u32, u32)> = ivs
        .into_iter()
        .filter(|(a, b)| a.is_finite() && b.is_finite() && *b >= lo && *a <= hi)
        // A zero-width touch on a pixel boundary (a vertical edge at x = k)
        // adds nothing the interior intervals do not already cover.
        .filter(|(a, b)| !(a == b && a.fract() == 0.0))
        .map(|(a, b)| {
            let x0 = a.floor().clamp(lo, hi) as u32;
            // A zero-width touch still covers the pixel it lies in.
            let x1 = b.ceil().clamp(lo, hi) as u32;
            (x0, x1.max(x0 + 1).min(bounds.right()))
        })
        .filter(|(a, b)| b > a)
        .collect();
    merge(&mut cols)
}

/// Sorted union of half-open integer intervals.
fn merge(ivs: &mut [(u32, u32)]) -> Vec<(u32, u32)> {
    ivs.sort_unstable();
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(ivs.len());
    for &(a, b) in ivs.iter() {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covered(spans: &[Span]) -> std::collections::HashSet<(u32, u32)> {
        spans.iter().flat_map(|s| (s.x0..s.x1).map(move |x| (x, s.y))).collect()
    }

    #[test]
    fn axis_aligned_square_is_exact() {
        let pts = [(2.0, 2.0), (6.0, 2.0), (6.0, 6.0), (2.0, 6.0)];
        let bounds = PixelRect { x: 0, y: 0, w: 10, h: 10 };
        let c = covered(&polygon_spans(&pts, bounds, 0));
        // Rows 2..6 and columns 2..=6 (the closing edge at x=6 touches column 6).
        assert!(c.contains(&(2, 2)) && c.contains(&(5, 5)));
        assert!(!c.contains(&(1, 3)) && !c.contains(&(3, 1)) && !c.contains(&(8, 8)));
    }

    #[test]
    fn triangle_covers_its_inside_not_the_far_corner() {
        let pts = [(0.0, 0.0), (40.0, 0.0), (0.0, 40.0)];
        let bounds = PixelRect { x: 0, y: 0, w: 40, h: 40 };
        let c = covered(&polygon_spans(&pts, bounds, 0));
        for y in 0..40u32 {
            for x in 0..40u32 {
                let (cx, cy) = (f64::from(x) + 0.5, f64::from(y) + 0.5);
                if cx + cy < 39.0 {
                    assert!(c.contains(&(x, y)), "inside pixel {x},{y} uncovered");
                }
                if f64::from(x) + f64::from(y) > 41.0 {
                    assert!(!c.contains(&(x, y)), "outside pixel {x},{y} covered");
                }
            }
        }
    }

    #[test]
    fn grow_dilates_in_every_direction() {
        let pts = [(10.0, 10.0), (11.0, 10.0), (11.0, 11.0), (10.0, 11.0)];
        let bounds = PixelRect { x: 5, y: 5, w: 12, h: 12 };
        let c = covered(&polygon_spans(&pts, bounds, 2));
        assert!(c.contains(&(8, 8)) && c.contains(&(12, 12)));
        assert!(!c.contains(&(7, 10)) && !c.contains(&(10, 13)) && !c.contains(&(13, 10)));
    }
}
