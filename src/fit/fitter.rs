//! The search for one image: the lossless attempt, the lossy candidates
//! (JPEG at the highest quality that fits, a palette PNG for flat UI) and
//! the record of the smallest encoding tried, for the failure message.
//! [`super::fit`] drives it from scale to scale.

use super::*;

/// State of one image's search: options, encodes so far, smallest result.
pub(super) struct Fitter<'a> {
    pub(super) opts: &'a FitOptions,
    pub(super) allow_png: bool,
    pub(super) allow_jpeg: bool,
    pub(super) q_top: u8,
    /// Flat UI rather than photographic content (see [`FLAT`]): palettes
    /// are worth trying.
    pub(super) flat: bool,
    /// What the lossless encoder needs to know, judged at full size.
    pub(super) content: Content,
    pub(super) encodes: u32,
    /// The smallest encoding tried, for the failure message.
    pub(super) smallest: Option<Attempt>,
    /// The JPEG size predictor's calibration at the last scale tried.
    pub(super) jpeg_ratio: Option<f64>,
}

/// A lossy candidate under the limit.
enum Lossy {
    Jpeg { setting: Setting, bytes: Vec<u8> },
    Palette(Fitted),
}

impl Fitter<'_> {
    /// Whether a lossless PNG has a chance under the limit, judged from an
    /// estimate that costs a fraction of an encode, so hopeless lossless
    /// attempts cost little. Also settles how its rows are filtered.
    pub(super) fn lossless_may_fit(&mut self, canvas: &Canvas) -> Result<bool, FileError> {
        // With few colours the real encode is a palette PNG, often tens of
        // times smaller than any estimate from RGB: always worth a try.
        if self.content.few_colors {
            return Ok(true);
        }
        self.encodes += 1;
        let (filter, estimate) = png::plan(canvas, self.content).map_err(FileError::Encode)?;
        self.content.filter = filter;
        let Some(limit) = self.opts.max_bytes else { return Ok(true) };
        if estimate as f64 > LOSSLESS_ESTIMATE_SLACK * limit as f64 {
            self.note(estimate, false, AttemptEncoding::Lossless, 1.0);
            return Ok(false);
        }
        Ok(true)
    }

    /// A lossless encode, if it fits. Compression stops once over the limit;
    /// when PNG is the only format allowed, a quick encode that misses the
    /// limit narrowly is followed by a thorough one, which may still make it.
    pub(super) fn png(&mut self, canvas: &Canvas, scale: f64) -> Result<Option<Vec<u8>>, FileError> {
        self.encodes += 1;
        let Some(limit) = self.opts.max_bytes else {
            return png::encode(canvas, Effort::Quick, self.content, None).map_err(FileError::Encode);
        };
        let narrow = limit + limit / 5;
        let give_up = if self.allow_jpeg { limit } else { narrow };
        let Some(bytes) = png::encode(canvas, Effort::Quick, self.content, Some(give_up)).map_err(FileError::Encode)?
        else {
            self.note(give_up, true, AttemptEncoding::Lossless, scale);
            return Ok(None);
        };
        self.note(bytes.len() as u64, false, AttemptEncoding::Lossless, scale);
        if bytes.len() as u64 <= limit {
            return Ok(Some(bytes));
        }
        self.encodes += 1;
        png::encode(canvas, Effort::Thorough, self.content, Some(limit)).map_err(FileError::Encode)
    }

    fn note(&mut self, bytes: u64, more: bool, encoding: AttemptEncoding, scale: f64) {
        if self.smallest.as_ref().is_none_or(|s| bytes < s.bytes) {
            self.smallest = Some(Attempt { bytes, more, encoding, scale });
        }
    }

    pub(super) fn done(
        &self,
        bytes: Vec<u8>,
        format: OutputFormat,
        jpeg: Option<Setting>,
        colors: Option<u16>,
        scale: f64,
        pixels: Canvas,
    ) -> Fitted {
        Fitted { bytes, format, jpeg, colors, scale, pixels, encodes: self.encodes, curve: Vec::new() }
    }

    /// The most legible encoding of `canvas` (already at `scale`) under the
    /// limit, among the allowed lossy candidates; at reduced scale lossless
    /// PNG is a candidate too (for PNG-only output).
    pub(super) fn best_lossy(&mut self, canvas: &Canvas, limit: u64, scale: f64) -> Result<Option<Fitted>, FileError> {
        if self.allow_png
            && !self.allow_jpeg
            && scale < 1.0
            && let Some(bytes) = self.png(canvas, scale)?
        {
            return Ok(Some(self.done(bytes, OutputFormat::Png, None, None, scale, canvas.clone())));
        }
        // Both lossy candidates drop alpha: they encode the image as shown,
        // over white.
        let rgb = canvas.flattened();
        // On flat UI a 256-colour palette keeps every edge exact and usually
        // comes out far smaller than lossless; when it fits it is taken.
        let palette_worth_trying = self.allow_png && (!self.allow_jpeg || self.flat);
        let quantizer = if palette_worth_trying { Quantizer::new(&rgb) } else { None };
        let mut palette_256 = None;
        if let Some(quantizer) = &quantizer {
            // Its size matters up to where fewer colours could still fit.
            let give_up = (limit as f64 * PALETTE_SIZE_WANTED) as u64;
            let (size, fitted) = self.palette(quantizer, PALETTE_SIZES[0], limit, give_up, scale)?;
            if let Some(p) = fitted {
                return Ok(Some(p));
            }
            palette_256 = size;
        }
        let mut candidates: Vec<Lossy> = Vec::new();
        let mut jpeg_quality = None;
        if self.allow_jpeg {
            let ladder = Ladder::new(QUALITY_MIN, self.q_top);
            let search = search_quality(&rgb, limit, ladder, self.jpeg_ratio)?;
            self.encodes += search.full_encodes;
            self.jpeg_ratio = search.ratio.or(self.jpeg_ratio);
            let (low, smallest) = search.smallest;
            self.note(smallest, false, AttemptEncoding::Jpeg(low.quality), scale);
            if let Some((setting, bytes)) = search.fit {
                jpeg_quality = Some(setting.quality);
                candidates.push(Lossy::Jpeg { setting, bytes });
            }
        }
        // Fewer colours: a palette PNG's size falls roughly with the bits
        // per index, so one guess from the 256-colour size, then halving.
        if let (Some(size_256), Some(quantizer)) = (palette_256, &quantizer)
            && jpeg_quality.is_none_or(|q| q < PALETTE_BELOW_QUALITY)
        {
            let wanted_bits = 8.0 * 0.95 * limit as f64 / size_256.max(1) as f64;
            let first = PALETTE_SIZES[1..].iter().copied().find(|&c| f64::from(c).log2() <= wanted_bits);
            if let Some(first) = first {
                for colors in PALETTE_SIZES.iter().copied().filter(|&c| c <= first).take(2) {
                    if let (_, Some(p)) = self.palette(quantizer, colors, limit, limit, scale)? {
                        candidates.push(Lossy::Palette(p));
                        break;
                    }
                }
            }
        }
        let chosen = match candidates.len() {
            0 => return Ok(None),
            1 => candidates.pop(),
            _ => self.most_legible(&rgb, candidates)?,
        };
        Ok(chosen.map(|c| match c {
            Lossy::Jpeg { setting, bytes } => {
                self.done(bytes, OutputFormat::Jpeg, Some(setting), None, scale, Canvas::Rgb(rgb.into_owned()))
            }
            Lossy::Palette(mut p) => {
                p.encodes = self.encodes;
                p
            }
        }))
    }

    /// A palette PNG of `colors` colours: its size unless it is over
    /// `give_up` bytes (compression stops there), and the result if it fits
    /// under `limit`.
    fn palette(
        &mut self,
        quantizer: &Quantizer,
        colors: u16,
        limit: u64,
        give_up: u64,
        scale: f64,
    ) -> Result<(Option<u64>, Option<Fitted>), FileError> {
        self.encodes += 1;
        let quantized = quantizer.quantize(colors).ok_or_else(|| FileError::Encode("cannot quantise".into()))?;
        let (w, h) = quantizer.dimensions();
        let what = AttemptEncoding::Palette(colors);
        let give_up = give_up.max(limit);
        let Some((bytes, pixels)) = png::encode_palette(w, h, &quantized, Some(give_up)).map_err(FileError::Encode)?
        else {
            self.note(give_up, true, what, scale);
            return Ok((None, None));
        };
        let size = bytes.len() as u64;
        self.note(size, false, what, scale);
        let fitted = (size <= limit).then(|| self.done(bytes, OutputFormat::Png, None, Some(colors), scale, pixels));
        Ok((Some(size), fitted))
    }

    /// The candidate whose decoded pixels are closest (SSIM on luma) to the
    /// masked image it encodes.
    fn most_legible(&mut self, reference: &RgbImage, candidates: Vec<Lossy>) -> Result<Option<Lossy>, FileError> {
        let reference = Canvas::Rgb(reference.clone());
        let mut best: Option<(f64, Lossy)> = None;
        for c in candidates {
            let score = match &c {
                Lossy::Palette(p) => ssim(&reference, &p.pixels),
                Lossy::Jpeg { bytes, .. } => {
                    let decoded = image::load_from_memory_with_format(bytes, image::ImageFormat::Jpeg)
                        .map_err(|e| FileError::Encode(e.to_string()))?
                        .to_rgb8();
                    ssim(&reference, &Canvas::Rgb(decoded))
                }
            };
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, c));
            }
        }
        Ok(best.map(|(_, c)| c))
    }

    pub(super) fn cannot_fit(&self, limit: u64) -> FileError {
        FileError::CannotFit { limit, smallest: self.smallest, min_scale: self.opts.min_scale }
    }
}
