//! Finding the highest JPEG quality under a byte limit with few full encodes.
//!
//! A JPEG's size is close to proportional to the size of the same encode of
//! a sample of its 16-row stripes (every eighth one), and the ratio barely
//! moves with quality (within 1–2% from q40 to q90 on screenshots and
//! photos alike). So the search runs on the eighth-size sample, which costs
//! an eighth of a full encode, and every full encode re-calibrates the ratio.
//! A limit that does not bind costs one full encode; one that binds usually
//! two (see BENCHMARKS.md for the averages).

use std::collections::HashMap;

use image::RgbImage;

use super::jpeg::{self, Ladder, Setting};
use crate::error::FileError;

/// Most full encodes spent at one scale.
const MAX_FULL: u32 = 4;
/// Aim this far under the limit, so a small misprediction still fits.
const TARGET: f64 = 0.97;
/// A fitting result this close to the limit is good enough.
const GOOD_ENOUGH: f64 = 0.90;
/// A calibrated prediction this close under the target is taken as it is.
const CLOSE: f64 = 0.98;
/// Stripes of this many rows (one JPEG MCU row at 4:2:0) make the sample.
const STRIPE: u32 = 16;
/// One stripe in this many goes into the sample.
const EVERY: u32 = 8;

/// The outcome of a search at one scale.
#[derive(Debug)]
pub struct Search {
    /// The highest setting that fit, and its bytes.
    pub fit: Option<(Setting, Vec<u8>)>,
    /// The lowest setting fully encoded and its size (for failure messages
    /// and for predicting the next scale).
    pub smallest: (Setting, u64),
    /// Full encodes spent.
    pub full_encodes: u32,
    /// Full size / sample size as the last full encode measured it: the
    /// same content at another scale has nearly the same ratio.
    pub ratio: Option<f64>,
}

/// The rows of the stripe sample of an image `height` rows tall (one
/// 16-row stripe in 8), or `None` when it is too short to sample.
pub(super) fn sample_rows(height: u32) -> Option<Vec<u32>> {
    (height >= STRIPE * EVERY * 4).then(|| (0..height).filter(|y| (y / STRIPE).is_multiple_of(EVERY)).collect())
}

/// Predicts full-encode sizes from encodes of a stripe sample.
struct Predictor {
    sample: RgbImage,
    /// Full size / sample size, from the latest full encode (or a prior).
    ratio: f64,
    sizes: HashMap<Setting, u64>,
    /// Whether `ratio` comes from a full encode of this image (at this or
    /// another scale) rather than the prior.
    calibrated: bool,
}

impl Predictor {
    fn new(full: &RgbImage, prior: Option<f64>) -> Option<Self> {
        let (w, h) = full.dimensions();
        // Too small to sample: full encodes are cheap anyway.
        let rows = sample_rows(h)?;
        let mut sample = RgbImage::new(w, rows.len() as u32);
        let row_bytes = w as usize * 3;
        for (i, &y) in rows.iter().enumerate() {
            let src = &full.as_raw()[y as usize * row_bytes..(y as usize + 1) * row_bytes];
            (*sample)[i * row_bytes..(i + 1) * row_bytes].copy_from_slice(src);
        }
        // Prior: the pixel ratio, a little lower because the sample pays the
        // fixed header cost (measured 0.75–1.0 of it before calibration).
        let ratio = prior.unwrap_or(f64::from(h) / rows.len() as f64 * 0.9);
        Some(Predictor { sample, ratio, sizes: HashMap::new(), calibrated: prior.is_some() })
    }

    fn sample_size(&mut self, setting: Setting) -> Result<u64, FileError> {
        if let Some(s) = self.sizes.get(&setting) {
            return Ok(*s);
        }
        let s = jpeg::encode(&self.sample, setting).map_err(FileError::Encode)?.len() as u64;
        self.sizes.insert(setting, s);
        Ok(s)
    }

    fn predict(&mut self, setting: Setting) -> Result<f64, FileError> {
        Ok(self.sample_size(setting)? as f64 * self.ratio)
    }

    fn calibrate(&mut self, setting: Setting, full_size: u64) -> Result<(), FileError> {
        self.ratio = full_size as f64 / self.sample_size(setting)?.max(1) as f64;
        self.calibrated = true;
        Ok(())
    }

    /// The highest step of `ladder` in `lo..=hi` predicted to come in at
    /// most `target` bytes, or `lo` if none is; or, to save sample encodes,
    /// a step predicted close enough under it.
    ///
    /// Log size is close to linear in quality, so each step interpolates
    /// between the two steps that bracket the target and checks the
    /// neighbour on the far side. Before the first full encode has
    /// calibrated the ratio, predictions are only within ±30% or so, and the
    /// first quality interpolated under the target is as good a guess as
    /// any: three sample encodes instead of the seven bisection takes. Once
    /// calibrated, within ±2%, a quality predicted within 2% of the target
    /// is taken as it is.
    fn best_under(&mut self, ladder: Ladder, lo: u8, hi: u8, target: f64) -> Result<u8, FileError> {
        let close = if self.calibrated { CLOSE * target } else { 0.0 };
        let mut predict = |step: u8| self.predict(ladder.setting(step));
        if predict(hi)? <= target {
            return Ok(hi);
        }
        if lo >= hi || predict(lo)? > target {
            return Ok(lo);
        }
        // Invariant: a is predicted under, b over; the answer is in [a, b).
        let (mut a, mut b) = (lo, hi);
        let ln_target = target.ln();
        while a + 1 < b {
            let (la, lb) = (predict(a)?.max(1.0).ln(), predict(b)?.max(1.0).ln());
            let t = if lb > la { ((ln_target - la) / (lb - la)).clamp(0.0, 1.0) } else { 0.5 };
            let m = (f64::from(a) + t * f64::from(b - a)).floor() as u8;
            let m = m.clamp(a + 1, b - 1);
            let predicted = predict(m)?;
            if predicted <= target && predicted >= close {
                return Ok(m);
            }
            if predicted <= target {
                a = m;
                if a + 1 < b && predict(a + 1)? > target {
                    b = a + 1;
                }
            } else {
                b = m;
                if a + 1 < b && predict(b - 1)? <= target {
                    a = b - 1;
                }
            }
        }
        Ok(a)
    }
}

/// Searches `ladder` for its highest setting whose full encode of `img` is
/// at most `limit` bytes. `prior` is [`Search::ratio`] from a search of the
/// same image at another scale.
pub fn search_quality(img: &RgbImage, limit: u64, ladder: Ladder, prior: Option<f64>) -> Result<Search, FileError> {
    let encode = |step: u8| jpeg::encode(img, ladder.setting(step)).map_err(FileError::Encode);
    let (lo, hi) = (0, ladder.top());
    let target = limit as f64 * TARGET;
    let mut best: Option<(u8, Vec<u8>)> = None;
    let mut failed_at: Option<u8> = None;
    let mut smallest: Option<(u8, u64)> = None;
    let mut full_encodes = 0;
    let mut predictor = Predictor::new(img, prior);

    // First guess: the top, unless the sample says it clearly will not fit;
    // then straight to the predicted step.
    let mut step = hi;
    if let Some(p) = predictor.as_mut()
        && p.predict(ladder.setting(hi))? > 1.3 * limit as f64
    {
        step = p.best_under(ladder, lo, hi, target)?;
    }
    let mut tried: Vec<(u8, u64)> = Vec::new();
    while full_encodes < MAX_FULL {
        let bytes = encode(step)?;
        full_encodes += 1;
        let size = bytes.len() as u64;
        tried.push((step, size));
        if smallest.is_none_or(|(s, _)| step < s) {
            smallest = Some((step, size));
        }
        if let Some(p) = predictor.as_mut() {
            p.calibrate(ladder.setting(step), size)?;
        }
        if size <= limit {
            if best.as_ref().is_none_or(|(b, _)| step > *b) {
                best = Some((step, bytes));
            }
        } else {
            failed_at = Some(failed_at.map_or(step, |f| f.min(step)));
        }

        let floor = best.as_ref().map_or(lo, |(b, _)| b + 1);
        let ceiling = failed_at.map_or(hi, |f| f.saturating_sub(1));
        let close_enough = best.as_ref().is_some_and(|(_, b)| b.len() as f64 >= GOOD_ENOUGH * limit as f64);
        if floor > ceiling || close_enough || (best.is_none() && step == lo) {
            break;
        }
        let next = match predictor.as_mut() {
            Some(p) => p.best_under(ladder, floor, ceiling, target)?,
            None => secant(ladder, &tried, target, floor, ceiling),
        };
        // When nothing has fit yet, the lowest step must be tried before
        // giving up at this scale.
        let next = if best.is_none() { next.min(ceiling) } else { next.max(floor) };
        if tried.iter().any(|(t, _)| *t == next) {
            break;
        }
        step = next;
    }
    let ratio = predictor.map(|p| p.ratio).filter(|_| full_encodes > 0);
    let (low, low_size) = smallest.unwrap_or((lo, u64::MAX));
    Ok(Search {
        fit: best.map(|(step, bytes)| (ladder.setting(step), bytes)),
        smallest: (ladder.setting(low), low_size),
        full_encodes,
        ratio,
    })
}

/// Predicted full-size JPEG sizes of `img` at `qualities` with half chroma
/// (the ladder below its top step, where sizes are smooth in quality),
/// from the stripe sample calibrated by one known full encode if given
/// (else a prior ratio, within about ±25%). Small images are encoded fully.
pub fn jpeg_curve(
    img: &RgbImage,
    known: Option<(Setting, u64)>,
    qualities: &[u8],
) -> Result<Vec<(u8, u64)>, FileError> {
    let Some(mut p) = Predictor::new(img, None) else {
        return qualities
            .iter()
            .map(|&q| Ok((q, jpeg::encode(img, Setting::half(q)).map_err(FileError::Encode)?.len() as u64)))
            .collect();
    };
    if let Some((setting, size)) = known {
        p.calibrate(setting, size)?;
    }
    qualities.iter().map(|&q| Ok((q, p.predict(Setting::half(q))?.round() as u64))).collect()
}

/// Without a sample (small images): the secant through the two results
/// nearest the target in (step, log size), or a slope prior from one.
/// Sizes jump up at the ladder's full-chroma top step, so the slope comes
/// from results on the nearest one's side of the jump, and a guess from
/// below does not cross it: the highest step below the jump is tried first.
fn secant(ladder: Ladder, tried: &[(u8, u64)], target: f64, floor: u8, ceiling: u8) -> u8 {
    const SLOPE_PRIOR: f64 = 0.025;
    let ln_t = target.ln();
    let chroma = |step: u8| ladder.setting(step).chroma;
    let mut pts: Vec<(u8, f64)> = tried.iter().map(|&(q, s)| (q, (s.max(1) as f64).ln())).collect();
    pts.sort_by(|a, b| (a.1 - ln_t).abs().total_cmp(&(b.1 - ln_t).abs()));
    let Some(&(q1, s1)) = pts.first() else { return ceiling };
    let side = chroma(q1);
    let slope = pts[1..]
        .iter()
        .find(|(q, _)| chroma(*q) == side)
        .map(|&(q2, s2)| (s1 - s2) / (f64::from(q1) - f64::from(q2)))
        .filter(|slope| slope.is_finite() && *slope > 1e-4)
        .unwrap_or(SLOPE_PRIOR);
    let guess = (f64::from(q1) - (s1 - ln_t) / slope).floor().clamp(0.0, f64::from(ladder.top())) as u8;
    let below_jump = (q1..=ladder.top()).take_while(|&q| chroma(q) == side).last().unwrap_or(q1);
    let guess = if s1 < ln_t { guess.min(below_jump) } else { guess };
    guess.clamp(floor, ceiling)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ui(w: u32, h: u32) -> RgbImage {
        RgbImage::from_fn(w, h, |x, y| {
            let text = (y / 12) % 3 == 1 && (x / 5) % 7 < 4 && ((x * 7 + y * 13) % 11) < 6;
            if text { image::Rgb([30, 30, 30]) } else { image::Rgb([240, 240, 235 + (y % 8) as u8]) }
        })
    }

    const LADDER: Ladder = Ladder::new(40, 90);

    fn size(img: &RgbImage, setting: Setting) -> u64 {
        jpeg::encode(img, setting).unwrap().len() as u64
    }

    #[test]
    fn fits_at_the_top_in_one_encode() {
        let img = ui(400, 900);
        let s = search_quality(&img, 10_000_000, LADDER, None).unwrap();
        assert_eq!(s.fit.unwrap().0, Setting::top(90));
        assert_eq!(s.full_encodes, 1);
    }

    /// Limits from near the lowest quality's size to near the top's: each
    /// is met, in at most `encodes` full encodes, and either at least 90%
    /// used or the next step up would not have fit.
    fn assert_limits_met_and_used(img: &RgbImage, encodes: u32) {
        let top = size(img, Setting::top(90));
        let low = size(img, Setting::half(40));
        for frac in [0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.97] {
            let limit = low + ((top - low) as f64 * frac) as u64;
            let s = search_quality(img, limit, LADDER, None).unwrap();
            let (setting, bytes) = s.fit.expect("fits");
            assert!(bytes.len() as u64 <= limit);
            let step = (0..=LADDER.top()).find(|&i| LADDER.setting(i) == setting).unwrap();
            let next = size(img, LADDER.setting(step + 1));
            assert!(
                bytes.len() as f64 >= 0.9 * limit as f64 || next > limit,
                "{setting:?} uses {} of {limit} bytes, the next step {next}",
                bytes.len()
            );
            assert!(s.full_encodes <= encodes, "{} full encodes at {limit}", s.full_encodes);
        }
    }

    #[test]
    fn binding_limits_are_met_and_used() {
        assert_limits_met_and_used(&ui(600, 1400), 3);
    }

    /// Coloured UI, where full chroma costs most: before the ladder a
    /// limit just under full chroma at q80 got half chroma at q79 and as
    /// little as three quarters of the limit.
    #[test]
    fn binding_limits_are_used_on_colourful_content_too() {
        let img = RgbImage::from_fn(720, 1300, |x, y| {
            let text = (y / 14) % 3 == 1 && (x / 6) % 7 < 4 && ((x * 7 + y * 13) % 11) < 6;
            let hue = ((x / 90 + y / 130) % 4) as u8;
            match (text, hue) {
                (true, 0) => image::Rgb([210, 30, 40]),
                (true, 1) => image::Rgb([20, 90, 220]),
                (true, _) => image::Rgb([30, 30, 30]),
                (false, h) => image::Rgb([250 - 30 * h, 236, 200 + 15 * h]),
            }
        });
        let (h79, f80) = (size(&img, Setting::half(79)), size(&img, Setting::top(80)));
        assert!(f80 as f64 > 1.1 * h79 as f64, "full chroma must cost here: {h79} vs {f80}");
        let limit = f80 - 1;
        let s = search_quality(&img, limit, LADDER, None).unwrap();
        let (setting, bytes) = s.fit.expect("fits");
        assert_eq!(setting.chroma, jpeg::Chroma::Half);
        assert!(setting.quality > 80, "{setting:?}");
        assert!(bytes.len() as f64 >= 0.9 * limit as f64, "{setting:?}: {} of {limit}", bytes.len());
        assert_limits_met_and_used(&img, 3);
    }

    #[test]
    fn reports_the_smallest_when_nothing_fits() {
        let s = search_quality(&ui(300, 700), 500, LADDER, None).unwrap();
        assert!(s.fit.is_none());
        assert_eq!(s.smallest.0, Setting::half(40));
    }

    #[test]
    fn small_images_search_without_a_sample() {
        let img = ui(120, 90);
        assert!(Predictor::new(&img, None).is_none());
        let top = size(&img, Setting::top(90));
        let s = search_quality(&img, top * 3 / 4, LADDER, None).unwrap();
        assert!(s.fit.unwrap().1.len() as u64 <= top * 3 / 4);
        // Without a sample to aim with, full encodes (cheap at this size)
        // do the searching.
        assert_limits_met_and_used(&img, MAX_FULL);
    }
}
