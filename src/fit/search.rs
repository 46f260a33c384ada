//! Finding the highest JPEG quality under a byte limit in few encodes.
//!
//! File size grows smoothly with quality, close to exponentially over the
//! range we use, so after the first encode the next guess comes from a
//! slope prior and then from the secant through the two nearest results in
//! (quality, log size). The bracket [largest fitting q, smallest failing q]
//! only narrows, so the search always ends; it stops as soon as a fitting
//! result uses 90% of the limit.

use crate::error::FileError;

/// Most encodes spent at one scale.
const MAX_TRIES: u32 = 7;
/// Aim this far under the limit, so a small misprediction still fits.
const TARGET: f64 = 0.97;
/// A fitting result this close to the limit is good enough.
const GOOD_ENOUGH: f64 = 0.90;
/// Prior slope of ln(size) per quality step, before two points are known.
const SLOPE_PRIOR: f64 = 0.025;

/// The outcome of a search at one scale.
#[derive(Debug)]
pub struct Search {
    /// The highest quality that fit, and its bytes.
    pub fit: Option<(u8, Vec<u8>)>,
    /// The lowest quality tried and its size (for failure messages and for
    /// predicting the next scale).
    pub smallest: (u8, u64),
}

/// Searches qualities `lo..=hi` for the highest one whose encoding is at
/// most `limit` bytes.
pub fn search_quality(
    encode: &mut dyn FnMut(u8) -> Result<Vec<u8>, FileError>,
    limit: u64,
    lo: u8,
    hi: u8,
) -> Result<Search, FileError> {
    let target = limit as f64 * TARGET;
    let mut tried: Vec<(u8, u64)> = Vec::new();
    let mut best: Option<(u8, Vec<u8>)> = None;
    let mut failed_at: Option<u8> = None;
    let mut q = hi;
    for _ in 0..MAX_TRIES {
        let bytes = encode(q)?;
        let size = bytes.len() as u64;
        tried.push((q, size));
        if size <= limit {
            if best.as_ref().is_none_or(|(bq, _)| q > *bq) {
                best = Some((q, bytes));
            }
        } else {
            failed_at = Some(failed_at.map_or(q, |f| f.min(q)));
        }

        let floor = best.as_ref().map_or(lo, |(bq, _)| bq + 1);
        let ceiling = failed_at.map_or(hi, |f| f.saturating_sub(1));
        let close_enough = best.as_ref().is_some_and(|(_, b)| b.len() as f64 >= GOOD_ENOUGH * limit as f64);
        if floor > ceiling || close_enough || (best.is_none() && q == lo) {
            break;
        }
        let guess = predict(&tried, target).clamp(f64::from(floor), f64::from(ceiling));
        let mut next = guess.floor() as u8;
        if tried.iter().any(|(t, _)| *t == next) {
            next = floor + (ceiling - floor) / 2;
        }
        if tried.iter().any(|(t, _)| *t == next) {
            break;
        }
        q = next;
    }
    let smallest = tried.iter().copied().min_by_key(|&(q, _)| q).unwrap_or((lo, u64::MAX));
    Ok(Search { fit: best, smallest })
}

/// The quality expected to land on `target` bytes.
fn predict(tried: &[(u8, u64)], target: f64) -> f64 {
    let ln_t = target.ln();
    let mut pts: Vec<(f64, f64)> = tried.iter().map(|&(q, s)| (f64::from(q), (s.max(1) as f64).ln())).collect();
    // The two results nearest the target in log size.
    pts.sort_by(|a, b| (a.1 - ln_t).abs().total_cmp(&(b.1 - ln_t).abs()));
    match pts.as_slice() {
        [] => f64::from(u8::MAX),
        [(q, ln_s)] => q - (ln_s - ln_t) / SLOPE_PRIOR,
        [(q1, s1), (q2, s2), ..] => {
            let slope = (s1 - s2) / (q1 - q2);
            if slope.is_finite() && slope > 1e-4 { q1 - (s1 - ln_t) / slope } else { q1 - (s1 - ln_t) / SLOPE_PRIOR }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A synthetic encoder: size = a·e^(k·q), counting calls.
    fn model(a: f64, k: f64) -> impl FnMut(u8) -> Result<Vec<u8>, FileError> {
        move |q| Ok(vec![0u8; (a * (k * f64::from(q)).exp()) as usize])
    }

    #[test]
    fn fits_at_the_top_in_one_encode() {
        let mut calls = 0;
        let mut inner = model(1000.0, 0.02);
        let mut enc = |q| {
            calls += 1;
            inner(q)
        };
        let s = search_quality(&mut enc, 1_000_000, 40, 90).unwrap();
        assert_eq!(s.fit.unwrap().0, 90);
        assert_eq!(calls, 1);
    }

    #[test]
    fn finds_a_quality_that_uses_the_budget() {
        for (k, limit) in [(0.02, 4_000u64), (0.035, 9_000), (0.01, 2_100), (0.05, 30_000)] {
            let mut calls = 0;
            let mut inner = model(1000.0, k);
            let mut enc = |q| {
                calls += 1;
                inner(q)
            };
            let s = search_quality(&mut enc, limit, 40, 90).unwrap();
            let (q, bytes) = s.fit.expect("something fits");
            assert!(bytes.len() as u64 <= limit);
            let next = (1000.0 * (k * f64::from(q + 1)).exp()) as u64;
            assert!(bytes.len() as f64 >= 0.9 * limit as f64 || next > limit, "q{q} wastes budget");
            assert!(calls <= 4, "{calls} encodes for k={k}");
        }
    }

    #[test]
    fn reports_the_smallest_when_nothing_fits() {
        let s = search_quality(&mut model(10_000.0, 0.02), 100, 40, 90).unwrap();
        assert!(s.fit.is_none());
        assert_eq!(s.smallest.0, 40);
    }

    #[test]
    fn survives_a_non_monotonic_encoder() {
        let mut enc = |q: u8| Ok(vec![0u8; if q.is_multiple_of(2) { 5000 } else { 100 * usize::from(q) }]);
        let s = search_quality(&mut enc, 6000, 40, 90).unwrap();
        assert!(s.fit.unwrap().1.len() <= 6000);
    }
}
