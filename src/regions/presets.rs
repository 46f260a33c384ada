//! Built-in rule sets for what every phone screenshot has: the status bar
//! (carrier, notification icons, sometimes a name), the navigation bar and
//! home indicator, and QR codes and barcodes. `--preset NAME` or
//! `presets = [...]` in the config file.
//!
//! Heights are in dp (Android) or points (iOS), so one preset fits every
//! density, and are the tallest published value we could check, not the
//! usual one:
//!
//! - Android status bar: the AOSP default is 24 dp (`status_bar_height_portrait`
//!   in `frameworks/base/core/res/res/values/dimens.xml`, Android 9; 25 dp
//!   before Android 6). Phones with a notch or punch hole raise it in a device
//!   overlay; AOSP's own tall-notch emulation (`DisplayCutoutEmulationTallOverlay`)
//!   uses 48 dp, and the Xiaomi device trees we read use 34–35 dp. We cover 48 dp.
//! - Android navigation bar: 48 dp for three-button navigation
//!   (`navigation_bar_height`, AOSP `dimens.xml`); gesture navigation draws a
//!   16 dp bar in a 48 dp frame (`NavigationBarModeGesturalOverlay`). We cover
//!   48 dp at the bottom. On a phone in landscape the three-button bar moves to
//!   a side edge, which this preset does not cover.
//! - iOS status bar: the top safe-area inset, which contains the status bar, is
//!   20 pt on iPhones with a Home button, 44 pt on iPhone X/XS/11 Pro, 47 pt on
//!   iPhone 12–14, 50 pt on 12/13 mini and 59 pt on iPhone 14 Pro/Pro Max (the
//!   table in the react-native-safearea-height README). We cover 59 pt. Newer
//!   models were not checked.
//! - iOS home indicator: the bottom safe-area inset of iPhone X-style phones is
//!   34 pt in portrait and 21 pt in landscape (the insets table in
//!   AssetsPickerViewController's `Device+AssetsPickerViewController.swift`).
//!   We cover 34 pt in both.
//!
//! Density is inferred from the image (`screen_density`: short side ÷ 360),
//! which on phones wider than 360 dp slightly overestimates it, so the boxes
//! come out a little larger than on the device, never smaller: a 1179-px-wide
//! iPhone 15 Pro (393 pt at 3×) gets 59 × 3.275 = 193 px, 64 pt.

use super::rules::{Anchor, Edge, Rule, Target, When};
use crate::spec::BoxSpec;

/// A built-in rule set.
pub struct Preset {
    /// The name for `--preset` and `presets = [...]` (`--preset list`
    /// describes it in the run's language: `preset-NAME` in the catalogue).
    pub name: &'static str,
    /// The box, as a rule box (`X,Y,W,H` from `anchor`), or `None` for QR codes.
    boxed: Option<(&'static str, Anchor)>,
}

const TOP: Anchor = Anchor { x: Edge::Start, y: Edge::Start };
const BOTTOM: Anchor = Anchor { x: Edge::Center, y: Edge::End };

/// Every preset.
pub const PRESETS: &[Preset] = &[
    Preset { name: "android-status-bar", boxed: Some(("0,0,100%,48dp", TOP)) },
    Preset { name: "android-nav-bar", boxed: Some(("0,0,100%,48dp", BOTTOM)) },
    Preset { name: "ios-status-bar", boxed: Some(("0,0,100%,59dp", TOP)) },
    Preset { name: "ios-home-indicator", boxed: Some(("0,0,100%,34dp", BOTTOM)) },
    Preset { name: "qr-codes", boxed: None },
];

/// The rules of the preset called `name`, or `None` when there is none.
pub fn rules(name: &str) -> Option<Vec<Rule>> {
    let preset = PRESETS.iter().find(|p| p.name.eq_ignore_ascii_case(name.trim()))?;
    let target = match preset.boxed {
        Some((spec, anchor)) => Target::Box { spec: spec.parse::<BoxSpec>().ok()?, anchor: Some(anchor) },
        None => Target::Qr,
    };
    Some(vec![Rule { name: preset.name.to_string(), style: None, when: When::default(), target }])
}

/// The names of all presets, comma-separated (for error messages).
pub fn names() -> String {
    PRESETS.iter().map(|p| p.name).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::regions::PixelRect;
    use crate::regions::rules::place_box;
    use crate::regions::screen_density;

    #[test]
    fn every_preset_builds() {
        for p in PRESETS {
            let rules = rules(p.name).unwrap_or_else(|| panic!("{} does not build", p.name));
            assert_eq!(rules[0].name, p.name);
        }
        assert!(rules("no-such-preset").is_none());
    }

    fn rect(name: &str, w: u32, h: u32) -> PixelRect {
        match &rules(name).unwrap()[0].target {
            Target::Box { spec, anchor } => place_box(spec, *anchor, w, h, screen_density(w, h)).unwrap(),
            Target::Qr | Target::Find(_) => unreachable!(),
        }
    }

    #[test]
    fn status_bars_cover_the_tallest_bar_on_each_density() {
        // Android: 48 dp at 2×, 3× and 4× (720, 1080, 1440 wide).
        assert_eq!(rect("android-status-bar", 720, 1600), PixelRect { x: 0, y: 0, w: 720, h: 96 });
        assert_eq!(rect("android-status-bar", 1080, 2400), PixelRect { x: 0, y: 0, w: 1080, h: 144 });
        assert_eq!(rect("android-status-bar", 1440, 3200), PixelRect { x: 0, y: 0, w: 1440, h: 192 });
        // iPhone 14 Pro: 1179×2556 at 3×, a 59 pt inset is 177 px; we cover more.
        assert!(rect("ios-status-bar", 1179, 2556).h >= 177);
        // iPhone 11: 828×1792 at 2×, 48 pt status bar = 96 px.
        assert!(rect("ios-status-bar", 828, 1792).h >= 96);
    }

    #[test]
    fn bottom_bars_sit_on_the_bottom_edge() {
        assert_eq!(rect("android-nav-bar", 1080, 2400), PixelRect { x: 0, y: 2256, w: 1080, h: 144 });
        // iPhone 14 Pro: 34 pt at 3× = 102 px.
        let r = rect("ios-home-indicator", 1179, 2556);
        assert!(r.bottom() == 2556 && r.h >= 102, "{r:?}");
    }
}
