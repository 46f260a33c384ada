//! Screen-sized maps lent from one colour's look to the next, and kept by
//! each thread for its next image.
//!
//! A look at one image uses a map of one opacity per sample and a map of
//! one label per clustering cell; clearing them afresh for every image
//! cost a twentieth of a 1920×1080 desktop's scan. Whoever borrows a map
//! hands it back all zero (clearing only what it set), so a thread's next
//! look at an image of the same size starts from clean maps without
//! clearing them.

use std::cell::RefCell;

/// Most samples whose maps a thread keeps between images (a 2560×1600
/// screen read pixel by pixel): larger maps are freed after their image,
/// so that an odd huge image leaves no memory held per thread.
const MOST_KEPT: usize = 1 << 22;

/// The maps, all zero, of the sizes of the last image looked at (or empty).
#[derive(Default)]
pub(super) struct Spare {
    /// One opacity per sample.
    pub alpha: Vec<u8>,
    /// One cluster label per clustering cell.
    pub labels: Vec<u32>,
}

thread_local! {
    static KEPT: RefCell<Spare> = RefCell::default();
}

impl Spare {
    /// The maps this thread kept, leaving none behind (a look that fails
    /// half-way hands nothing back, and the next one starts afresh).
    pub fn take() -> Spare {
        KEPT.with_borrow_mut(std::mem::take)
    }

    /// Keeps the maps for this thread's next look, unless they are too
    /// large to hold on to.
    pub fn keep(self) {
        if self.alpha.len() <= MOST_KEPT {
            KEPT.with_borrow_mut(|kept| *kept = self);
        }
    }
}
