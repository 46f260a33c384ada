//! The general reader: a date, and the time of day after it, anywhere in a
//! file name, for the naming schemes the table does not know.
//!
//! Phones, desktops, messengers and capture tools write the capture time in
//! a handful of ways: compact (`20241125_093012`, `20241125093012123`),
//! separated (`2024-11-25 09.30.12`, `2024_11_25-09_30_12`, `2024.11.25`,
//! `2024年11月25日`), day first (`25-11-2024`), with an AM/PM word before or
//! after the time, with milliseconds. Rather than one pattern per app, this
//! reader looks at the runs of digits in the name and takes the first date
//! that is unambiguous and plausible, then the time right after it.
//!
//! It reads nothing it would have to guess: a day-first or month-first date
//! only when one of its numbers is over 12 (or both are equal), no two-digit
//! years, no bare epoch numbers (schemes that use them are in the table). It
//! also leaves alone digits that are part of something else: hashes and ids
//! (`3d657ebd20231125`), versions (`v2024.11.25`, `2024.11.25.3`), sizes
//! (`1920x1080`), chains such as IP addresses and phone numbers
//! (`10-12-13-2024`), and any date whose time of day does not exist.

use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::{Date, Time};
use regex::Regex;

use super::calendar::{Meridiem, plausible_date, plausible_time};

/// What the general reader found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateReading {
    /// The date.
    pub date: Date,
    /// The time of day after it, when the name has one.
    pub time: Option<Time>,
}

/// The first unambiguous, plausible date in `name`, with the time of day
/// written after it.
pub fn read(name: &str) -> Option<DateReading> {
    let digits = Digits::of(name);
    (0..digits.runs.len()).find_map(|i| digits.date_at(i))
}

/// Words that join a date to its time: `at` (English), `um` (German), `à`
/// (French), `a la(s)`/`a las` (Spanish), `om` (Dutch), `alle` (Italian),
/// `às` (Portuguese), `klo` (Finnish), `kl` (Nordic), `в` (Russian), `T`
/// (ISO 8601).
const JOINERS: &[&str] = &["at", "um", "à", "a", "la", "las", "la(s)", "om", "alle", "às", "klo", "kl", "в", "t"];

/// Characters that separate the words between a date and its time.
const JOINER_SEPARATORS: &[char] = &[' ', '_', '-', '.', ',', '\u{A0}', '\u{202F}'];

/// The longest text allowed between a date and its time (`a la(s) `,
/// ` at `, ` 오후 `): anything longer is not the same timestamp.
const MAX_JOINER_CHARS: usize = 12;

/// An AM/PM word at the start of the text after a time: `PM`, ` pm`,
/// `\u{202F}PM`, ` p. m.`, `a.m.`.
static MERIDIEM_AFTER: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"^\s*(?i:[ap](?:\.\s?m\.|m))").ok());

/// The ASCII digit runs of a name, and what lies between them.
struct Digits<'a> {
    text: &'a str,
    runs: Vec<Range<usize>>,
}

impl<'a> Digits<'a> {
    fn of(text: &'a str) -> Digits<'a> {
        let mut runs: Vec<Range<usize>> = Vec::new();
        for (at, c) in text.char_indices() {
            if !c.is_ascii_digit() {
                continue;
            }
            match runs.last_mut() {
                Some(run) if run.end == at => run.end = at + 1,
                _ => runs.push(at..at + 1),
            }
        }
        Digits { text, runs }
    }

    fn digits(&self, i: usize) -> &'a str {
        self.runs.get(i).map_or("", |r| &self.text[r.clone()])
    }

    fn len(&self, i: usize) -> usize {
        self.runs.get(i).map_or(0, |r| r.len())
    }

    fn value(&self, i: usize) -> i64 {
        number(self.digits(i))
    }

    /// The text between run `i` and the next one (to the end of the name
    /// after the last run).
    fn after(&self, i: usize) -> &'a str {
        let Some(run) = self.runs.get(i) else { return "" };
        let end = self.runs.get(i + 1).map_or(self.text.len(), |next| next.start);
        &self.text[run.end..end]
    }

    /// The text between the previous run (or the start) and run `i`.
    fn before(&self, i: usize) -> &'a str {
        let Some(run) = self.runs.get(i) else { return "" };
        let start = if i == 0 { 0 } else { self.runs[i - 1].end };
        &self.text[start..run.start]
    }

    /// Whether run `i` may start a date: not glued to a version mark
    /// (`v2024`) or to digits through letters (`3d657ebd20231125`), and not
    /// inside a long hexadecimal hash.
    fn starts_freely(&self, i: usize) -> bool {
        let before = self.before(i);
        let letters = before.len() - before.trim_end_matches(|c: char| c.is_ascii_alphabetic()).len();
        let prefix = &before[before.len() - letters..];
        if prefix.eq_ignore_ascii_case("v") {
            return false;
        }
        // Letters glued between two digit runs: an identifier or a hash.
        let glued_to_digits = letters > 0 && letters == before.len() && i > 0;
        !glued_to_digits && !self.in_hash(i)
    }

    /// Whether run `i` sits in a run of hexadecimal digits and letters long
    /// enough to be a hash (16 or more, with letters in it).
    fn in_hash(&self, i: usize) -> bool {
        let Some(run) = self.runs.get(i) else { return false };
        let hex = |c: char| c.is_ascii_hexdigit();
        let start = self.text[..run.start].trim_end_matches(hex).len();
        let end = run.end + (self.text[run.end..].len() - self.text[run.end..].trim_start_matches(hex).len());
        let token = &self.text[start..end];
        token.len() >= 16 && token.chars().any(|c| c.is_ascii_alphabetic())
    }

    /// Whether run `i` may end a date or a time: not followed by letters,
    /// except `T` before a time (`20241125T093012`), `Z` (UTC) or an AM/PM
    /// word, so `1920x1080` and `142022HDR` are not times.
    fn ends_freely(&self, i: usize) -> bool {
        let after = self.after(i);
        let word_len = after.len() - after.trim_start_matches(|c: char| c.is_ascii_alphabetic()).len();
        let word = &after[..word_len];
        let rest = &after[word_len..];
        match word {
            "" => true,
            "T" | "t" => rest.is_empty() && self.runs.get(i + 1).is_some(),
            "Z" | "z" => true,
            w => Meridiem::parse(w).is_some(),
        }
    }

    /// The date (and time) starting at run `i`, if one does.
    fn date_at(&self, i: usize) -> Option<DateReading> {
        if !self.starts_freely(i) {
            return None;
        }
        let (date, last) = match self.len(i) {
            8 | 12 | 14 | 17 => return self.compact_at(i),
            4 => self.year_first_at(i)?,
            1 | 2 => self.day_or_month_first_at(i)?,
            _ => return None,
        };
        let time = self.time_after(last)?;
        Some(DateReading { date, time })
    }

    /// `20241125`, `202411250930`, `20241125093012`, `20241125093012123`.
    fn compact_at(&self, i: usize) -> Option<DateReading> {
        let d = self.digits(i);
        if !self.ends_freely(i) {
            return None;
        }
        let date = plausible_date(number(&d[..4]), number(&d[4..6]), number(&d[6..8]))?;
        if d.len() == 8 {
            return Some(DateReading { date, time: self.time_after(i)? });
        }
        let second = if d.len() >= 14 { number(&d[12..14]) } else { 0 };
        let time = plausible_time(number(&d[8..10]), number(&d[10..12]), second, None)?;
        Some(DateReading { date, time: Some(time) })
    }

    /// `2024-11-25`, `2024_11_25`, `2024.11.25`, `2024-3-8`, `2024年3月8日`,
    /// `2024년 3월 8일`: the date and the index of its last run.
    fn year_first_at(&self, i: usize) -> Option<(Date, usize)> {
        let (first, second) = (self.after(i), self.after(i + 1));
        let (month, day) = (self.len(i + 1), self.len(i + 2));
        let east_asian = matches!(first.trim_end(), "年" | "년") && matches!(second.trim_end(), "月" | "월");
        let east_asian = east_asian && self.after(i + 2).starts_with(['日', '일']);
        let western = first == second
            && match first {
                // Dots also separate version numbers: only padded, and not
                // a fourth part (`2024.11.25.3`).
                "." => month == 2 && day == 2 && !self.after(i + 2).starts_with('.'),
                "-" | "_" => true,
                _ => false,
            };
        let sizes_fit = (1..=2).contains(&month) && (1..=2).contains(&day);
        if !(sizes_fit && (western || east_asian)) || !(east_asian || self.ends_freely(i + 2)) {
            return None;
        }
        Some((plausible_date(self.value(i), self.value(i + 1), self.value(i + 2))?, i + 2))
    }

    /// `25-11-2024`, `25.11.2024`, `11_25_2024`: read only when one order
    /// is possible (a number over 12, or both the same).
    fn day_or_month_first_at(&self, i: usize) -> Option<(Date, usize)> {
        let separator = self.after(i);
        let same_separator = separator == self.after(i + 1) && matches!(separator, "-" | "_" | ".");
        if !same_separator || !(1..=2).contains(&self.len(i + 1)) || self.len(i + 2) != 4 || !self.ends_freely(i + 2) {
            return None;
        }
        // Part of a longer chain (`10-12-13-2024`): a phone number or an
        // address, not a date.
        if i > 0 && self.before(i) == separator {
            return None;
        }
        let (a, b) = (self.value(i), self.value(i + 1));
        let (day, month) = match (a > 12, b > 12) {
            (true, false) => (a, b),
            (false, true) => (b, a),
            _ if a == b => (a, b),
            _ => return None,
        };
        Some((plausible_date(self.value(i + 2), month, day)?, i + 2))
    }

    /// The time of day written after the date that ends at run `last`:
    /// `Some(None)` when there is none, `None` when there is one but it
    /// does not exist (then the date is not trusted either).
    fn time_after(&self, last: usize) -> Option<Option<Time>> {
        let k = last + 1;
        if k >= self.runs.len() {
            return Some(None);
        }
        let gap = self.after(last).trim_start_matches(['日', '일']);
        let Some(before) = joiner(gap) else { return Some(None) };
        let shaped = match self.len(k) {
            // Four digits are a time only in ISO form (`20241125T0930`);
            // elsewhere they are as often a counter (`Scan_20241125_0001`).
            4 if gap.eq_ignore_ascii_case("t") => self.compact_time_at(k),
            6 | 7 | 9 => self.compact_time_at(k),
            1 | 2 => self.separated_time_at(k),
            _ => None,
        };
        let Some((hour, minute, second, end)) = shaped else { return Some(None) };
        if !self.ends_freely(end) {
            return Some(None);
        }
        let meridiem = before.or_else(|| meridiem_after(self.after(end)));
        if self.len(k) == 1 && second.is_none() && meridiem.is_none() {
            // `2024-11-25_1-20`: a numbered copy, not 1:20.
            return Some(None);
        }
        plausible_time(hour, minute, second.unwrap_or(0), meridiem).map(Some)
    }

    /// `0930`, `093012`, `0930121`, `093012123`: hour, minute, second and
    /// last run.
    fn compact_time_at(&self, k: usize) -> Option<(i64, i64, Option<i64>, usize)> {
        let d = self.digits(k);
        let second = (d.len() >= 6).then(|| number(&d[4..6]));
        Some((number(&d[..2]), number(&d[2..4]), second, k))
    }

    /// `09-30-12`, `9.30.12`, `09:30`, `09_30_12`, `09-30-12-123`.
    fn separated_time_at(&self, k: usize) -> Option<(i64, i64, Option<i64>, usize)> {
        let separator = self.after(k);
        if !matches!(separator, "-" | "_" | "." | ":") || self.len(k + 1) != 2 {
            return None;
        }
        let with_seconds = self.after(k + 1) == separator && self.len(k + 2) == 2;
        let (second, end) = if with_seconds { (Some(self.value(k + 2)), k + 2) } else { (None, k + 1) };
        Some((self.value(k), self.value(k + 1), second, end))
    }
}

/// The value of a run of ASCII digits (at most 17, so it fits).
fn number(digits: &str) -> i64 {
    digits.bytes().fold(0, |n, b| n.saturating_mul(10).saturating_add(i64::from(b - b'0')))
}

/// Whether `gap` joins a date to its time, and the AM/PM word in it
/// (Korean, Japanese and Chinese write it before the time).
fn joiner(gap: &str) -> Option<Option<Meridiem>> {
    if gap.chars().count() > MAX_JOINER_CHARS {
        return None;
    }
    let mut meridiem = None;
    for word in gap.split(JOINER_SEPARATORS).filter(|w| !w.is_empty()) {
        if let Some(m) = Meridiem::parse(word) {
            meridiem = Some(m);
        } else if !JOINERS.contains(&word.to_lowercase().as_str()) {
            return None;
        }
    }
    Some(meridiem)
}

/// An AM/PM word at the start of `text`, not followed by more letters.
fn meridiem_after(text: &str) -> Option<Meridiem> {
    let m = MERIDIEM_AFTER.as_ref()?.find(text)?;
    if text[m.end()..].starts_with(|c: char| c.is_alphabetic()) {
        return None;
    }
    Meridiem::parse(m.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(name: &str) -> Option<String> {
        read(name).map(|f| match f.time {
            Some(t) => format!("{} {}", f.date, t.strftime("%H:%M:%S")),
            None => f.date.to_string(),
        })
    }

    #[test]
    fn compact_and_separated_dates_with_times() {
        let cases = [
            ("20241125", "2024-11-25"),
            ("IMG_20241125_093012", "2024-11-25 09:30:12"),
            ("20241125093012123", "2024-11-25 09:30:12"),
            ("202411250930", "2024-11-25 09:30:00"),
            ("x 2024-11-25 09.30.12", "2024-11-25 09:30:12"),
            ("2024_11_25_09_30_12", "2024-11-25 09:30:12"),
            ("2024.11.25", "2024-11-25"),
            ("Screenshot-2018-3-8 title", "2018-03-08"),
            ("2024-11-25T09:30:12Z", "2024-11-25 09:30:12"),
            ("20241125T093012", "2024-11-25 09:30:12"),
            ("a 2024-11-25 at 9.30.12 PM", "2024-11-25 21:30:12"),
            ("a 2024-11-25 at 9.30.12\u{202F}p.\u{A0}m.", "2024-11-25 21:30:12"),
            ("a 2024-11-25 오후 1.22.34", "2024-11-25 13:22:34"),
            ("a 2024-11-25 午前 12.01.02", "2024-11-25 00:01:02"),
            ("a 2024年11月25日 9.30.12", "2024-11-25 09:30:12"),
            ("스크린샷 2024년 3월 5일 오후 3-04-05", "2024-03-05 15:04:05"),
            ("x_2024-11-25_09-30", "2024-11-25 09:30:00"),
            ("x-2024-11-25-09_30_12", "2024-11-25 09:30:12"),
            ("25-11-2024", "2024-11-25"),
            ("11_25_2024", "2024-11-25"),
            ("05.05.2024", "2024-05-05"),
            ("2024-11-25_1-20", "2024-11-25"),
            ("2024-11-25 1920x1080", "2024-11-25"),
            ("2024-11-25-1", "2024-11-25"),
            ("Scan_20241125_0001", "2024-11-25"),
            ("20241125T0930", "2024-11-25 09:30:00"),
        ];
        for (name, want) in cases {
            assert_eq!(read_str(name).as_deref(), Some(want), "{name:?}");
        }
    }

    #[test]
    fn numbers_that_only_look_like_dates() {
        for name in [
            "IMG_4821",
            "IMG_2024",
            "Screenshot (12)",
            "3d657ebd20231125aa0b1c2d3e4f5a6b",
            "a3f5c9e2b7d14e8f9a0b1c2d3e4f5a6b",
            "v2024.11.25",
            "app-2024.11.25.3",
            "2024.1.2",
            "10-12-13-2024",
            "01-02-2024",
            "1920x1080",
            "010-1234-5678",
            "1700000000000",
            "received_1234567890123456",
            "2024-13-01",
            "2024-02-30",
            "19991231",
            "20991231",
            "2024-11-25 25-00-00",
            "2024-11-25 at 13.00.00 PM",
            "20241125_096112",
            "received_2024112509301212",
        ] {
            assert_eq!(read_str(name), None, "{name:?}");
        }
    }

    #[test]
    fn the_first_readable_date_wins() {
        assert_eq!(read_str("127-0-0-1-8000-2023-07-30-11_30_29").as_deref(), Some("2023-07-30 11:30:29"));
        assert_eq!(read_str("01-02-2024 then 2024-03-04").as_deref(), Some("2024-03-04"));
    }
}
