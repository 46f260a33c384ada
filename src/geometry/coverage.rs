//! Which pixels of an image are masked: built once per image from its
//! regions, read by the mask, the verification and the residual check.

use super::{Region, Span};

/// Which pixels of an image are masked.
#[derive(Debug, Clone)]
pub struct Coverage {
    width: u32,
    height: u32,
    covered: Vec<bool>,
}

impl Coverage {
    /// No pixel covered.
    pub fn new(width: u32, height: u32) -> Self {
        Coverage { width, height, covered: vec![false; width as usize * height as usize] }
    }

    /// Marks the pixels of every region.
    pub fn of_regions(width: u32, height: u32, regions: &[Region]) -> Self {
        let mut c = Coverage::new(width, height);
        for r in regions {
            for s in r.spans() {
                c.mark(s);
            }
        }
        c
    }

    /// Marks the pixels of `region` too.
    pub fn add(&mut self, region: &Region) {
        for s in region.spans() {
            self.mark(s);
        }
    }

    fn mark(&mut self, s: Span) {
        if s.y >= self.height {
            return;
        }
        let row = s.y as usize * self.width as usize;
        let (x0, x1) = (s.x0.min(self.width) as usize, s.x1.min(self.width) as usize);
        self.covered[row + x0..row + x1].fill(true);
    }

    /// Whether pixel `(x, y)` is masked.
    pub fn is_covered(&self, x: u32, y: u32) -> bool {
        x < self.width && y < self.height && self.covered[y as usize * self.width as usize + x as usize]
    }

    /// Which pixels of row `y` are masked (`y` must be inside the image).
    pub fn row(&self, y: u32) -> &[bool] {
        let start = y as usize * self.width as usize;
        &self.covered[start..start + self.width as usize]
    }

    /// How many pixels are masked.
    pub fn count(&self) -> u64 {
        self.covered.iter().filter(|&&c| c).count() as u64
    }

    /// Width and height of the image this coverage is for.
    pub fn dimensions(&self) -> (u32, u32) {
        (self.width, self.height)
    }
}
