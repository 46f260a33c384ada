//! Budget: sharing a `--total-size` among the files of a batch so that all
//! fit and the worst file is as legible as possible.
//!
//! Every file was first fitted on its own; each also carries a predicted
//! JPEG size at a range of qualities. The budget is shared by finding the
//! highest JPEG quality that every file can have at once (files whose first
//! result is already smaller keep it), then handing out what is left in
//! proportion. Each file's share is then a hard ceiling for its own fit, so
//! the sum can never exceed the total, whatever the predictions missed.

/// What one file needs.
#[derive(Debug, Clone)]
pub struct Need {
    /// Bytes of its own best result under the per-file limit.
    pub current: u64,
    /// Predicted full-size JPEG bytes at increasing qualities.
    pub curve: Vec<(u8, u64)>,
}

impl Need {
    /// Predicted bytes at (fractional) quality `q`, interpolated in log size.
    fn at(&self, q: f64) -> f64 {
        let pts = &self.curve;
        let Some(first) = pts.first() else { return self.current as f64 };
        if q <= f64::from(first.0) {
            return first.1 as f64;
        }
        for w in pts.windows(2) {
            let ((q0, s0), (q1, s1)) = (w[0], w[1]);
            if q <= f64::from(q1) {
                let t = (q - f64::from(q0)) / f64::from(q1 - q0).max(1.0);
                let (l0, l1) = ((s0.max(1) as f64).ln(), (s1.max(1) as f64).ln());
                return (l0 + t * (l1 - l0)).exp();
            }
        }
        pts.last().map_or(self.current as f64, |p| p.1 as f64)
    }

    /// Bytes this file takes at common quality `q`: its own result when that
    /// is already smaller.
    fn take(&self, q: f64) -> f64 {
        self.at(q).min(self.current as f64)
    }
}

/// Each file's share of `total` bytes, in the order given. Files whose
/// share equals their `current` size need no second encode.
pub fn allocate(needs: &[Need], total: u64) -> Vec<u64> {
    let sum_current: u64 = needs.iter().map(|n| n.current).sum();
    if sum_current <= total {
        return needs.iter().map(|n| n.current).collect();
    }
    let lowest = needs.iter().filter_map(|n| n.curve.first()).map(|p| f64::from(p.0)).fold(f64::MAX, f64::min);
    let highest = needs.iter().filter_map(|n| n.curve.last()).map(|p| f64::from(p.0)).fold(0.0, f64::max);
    let sum_at = |q: f64| needs.iter().map(|n| n.take(q)).sum::<f64>();
    let total_f = total as f64;
    let shares: Vec<f64> = if lowest <= highest && sum_at(lowest) <= total_f {
        // The highest common quality that fits, by bisection.
        let (mut lo, mut hi) = (lowest, highest);
        for _ in 0..40 {
            let mid = (lo + hi) / 2.0;
            if sum_at(mid) <= total_f { lo = mid } else { hi = mid }
        }
        needs.iter().map(|n| n.take(lo)).collect()
    } else {
        // Even the lowest quality is too much: every file shrinks by the
        // same factor (they will be scaled down alike).
        let base: Vec<f64> =
            needs.iter().map(|n| if n.curve.is_empty() { n.current as f64 } else { n.take(lowest) }).collect();
        let f = total_f / base.iter().sum::<f64>();
        base.into_iter().map(|b| b * f).collect()
    };
    // Hand out what is left, in proportion, to files still below their own
    // result; round down so the sum stays within the total.
    let used: f64 = shares.iter().sum();
    let room: f64 = needs.iter().zip(&shares).filter(|(n, s)| **s < n.current as f64).map(|(_, s)| *s).sum();
    let bonus = if room > 0.0 { ((total_f - used) / room).max(0.0) } else { 0.0 };
    needs
        .iter()
        .zip(shares)
        .map(|(n, s)| {
            let s = if s < n.current as f64 { s * (1.0 + bonus) } else { s };
            (s.floor() as u64).clamp(1, n.current)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn need(current: u64, k: f64, at40: f64) -> Need {
        Need {
            current,
            curve: [40u8, 50, 60, 70, 80, 90]
                .iter()
                .map(|&q| (q, (at40 * (k * f64::from(q - 40)).exp()) as u64))
                .collect(),
        }
    }

    #[test]
    fn everything_kept_when_it_fits() {
        let needs = [need(100, 0.02, 50.0), need(200, 0.02, 80.0)];
        assert_eq!(allocate(&needs, 1000), vec![100, 200]);
    }

    #[test]
    fn shares_fit_the_total_and_equalise_quality() {
        // A complex file (big at every quality) and a simple one.
        let needs = [need(400_000, 0.03, 100_000.0), need(120_000, 0.03, 30_000.0), need(20_000, 0.03, 60_000.0)];
        let total = 300_000;
        let shares = allocate(&needs, total);
        assert!(shares.iter().sum::<u64>() <= total);
        // The third file's own result (a small PNG) beats JPEG: it keeps it.
        assert_eq!(shares[2], 20_000);
        // The first two get the same predicted quality: share ratio ≈ size ratio.
        let r = shares[0] as f64 / shares[1] as f64;
        assert!((r - 100.0 / 30.0).abs() < 0.05, "{r}");
        // Not wasted.
        assert!(shares.iter().sum::<u64>() as f64 > 0.99 * total as f64);
    }

    #[test]
    fn impossible_totals_shrink_everyone_alike() {
        let needs = [need(400_000, 0.03, 100_000.0), need(120_000, 0.03, 30_000.0)];
        let shares = allocate(&needs, 65_000);
        assert!(shares.iter().sum::<u64>() <= 65_000);
        let r = shares[0] as f64 / shares[1] as f64;
        assert!((r - 100.0 / 30.0).abs() < 0.05, "{r}");
    }
}
