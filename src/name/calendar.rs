//! What counts as a real capture date and time, in one place for both
//! readers of file names (the scheme table and the general reader).
//!
//! A screenshot's name is only trusted when its date is on the calendar,
//! between 2000 and next year (older or later numbers are counters, ids or
//! typos), and its time of day exists. Twelve-hour times carry a word that
//! says morning or afternoon, in the languages the schemes write; names that
//! hold an instant (epoch seconds or milliseconds) are read in the system
//! time zone, as the modification time is.

use std::sync::LazyLock;

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;

/// The earliest year a screenshot name may carry.
const FIRST_YEAR: i16 = 2000;

/// The latest year a name may carry: next year (a clock a little ahead, or
/// a time zone ahead of ours, can name a file after the new year).
static LAST_YEAR: LazyLock<i16> =
    LazyLock::new(|| jiff::Timestamp::now().to_zoned_datetime(TimeZone::system()).year().saturating_add(1));

/// A date, when it is on the calendar and its year is plausible.
pub fn plausible_date(year: i64, month: i64, day: i64) -> Option<Date> {
    let year = i16::try_from(year).ok().filter(|y| (FIRST_YEAR..=*LAST_YEAR).contains(y))?;
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// Morning or afternoon, as a twelve-hour time says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meridiem {
    /// Before noon: `AM`, `a.m.`, `a. m.`, `오전`, `午前`, `上午`.
    Am,
    /// Noon and after: `PM`, `p.m.`, `p. m.`, `오후`, `午後`, `下午`.
    Pm,
}

impl Meridiem {
    /// The meridiem `word` names (spaces, no-break spaces and case aside),
    /// if it names one.
    pub fn parse(word: &str) -> Option<Meridiem> {
        let squeezed: String = word.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
        match squeezed.as_str() {
            "am" | "a.m." | "오전" | "午前" | "上午" => Some(Meridiem::Am),
            "pm" | "p.m." | "오후" | "午後" | "下午" => Some(Meridiem::Pm),
            _ => None,
        }
    }
}

/// A time of day, when it exists. With a meridiem the hour must be 1–12
/// (12 AM is midnight, 12 PM noon); without one, 0–23.
pub fn plausible_time(hour: i64, minute: i64, second: i64, meridiem: Option<Meridiem>) -> Option<Time> {
    let hour = match meridiem {
        None => hour,
        Some(_) if !(1..=12).contains(&hour) => return None,
        Some(Meridiem::Am) => hour % 12,
        Some(Meridiem::Pm) => hour % 12 + 12,
    };
    Time::new(i8::try_from(hour).ok()?, i8::try_from(minute).ok()?, i8::try_from(second).ok()?, 0).ok()
}

/// The local date and time (whole seconds) of an instant given in
/// milliseconds since 1970, when its date is plausible.
pub fn local_from_epoch_millis(millis: i64) -> Option<(Date, Time)> {
    let zoned = jiff::Timestamp::from_millisecond(millis).ok()?.to_zoned_datetime(TimeZone::system());
    let date = plausible_date(zoned.year().into(), zoned.month().into(), zoned.day().into())?;
    Some((date, zoned.time().with().subsec_nanosecond(0).build().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_on_the_calendar_and_recent() {
        assert!(plausible_date(2024, 2, 29).is_some());
        assert!(plausible_date(2023, 2, 29).is_none());
        assert!(plausible_date(2024, 13, 1).is_none());
        assert!(plausible_date(2024, 11, 0).is_none());
        assert!(plausible_date(1999, 12, 31).is_none());
        assert!(plausible_date(2000, 1, 1).is_some());
        assert!(plausible_date(i64::from(*LAST_YEAR), 1, 1).is_some());
        assert!(plausible_date(i64::from(*LAST_YEAR) + 1, 1, 1).is_none());
        assert!(plausible_date(i64::MAX, 1, 1).is_none());
    }

    #[test]
    fn twelve_hour_clock() {
        let at = |h, m| plausible_time(h, 0, 0, m).map(|t: Time| t.hour());
        for (h, m, want) in [(12, Meridiem::Am, 0), (1, Meridiem::Am, 1), (11, Meridiem::Am, 11)] {
            assert_eq!(at(h, Some(m)), Some(want), "{h} {m:?}");
        }
        for (h, want) in [(12, 12), (1, 13), (11, 23)] {
            assert_eq!(at(h, Some(Meridiem::Pm)), Some(want), "{h} PM");
        }
        assert_eq!(at(0, Some(Meridiem::Am)), None);
        assert_eq!(at(13, Some(Meridiem::Pm)), None);
        assert_eq!(at(23, None), Some(23));
        assert_eq!(at(24, None), None);
        assert_eq!(plausible_time(9, 60, 0, None), None);
        assert_eq!(plausible_time(9, 0, 60, None), None);
    }

    #[test]
    fn meridiem_words() {
        for am in ["AM", "am", "a.m.", "a. m.", "a.\u{A0}m.", "오전", "午前", "上午"] {
            assert_eq!(Meridiem::parse(am), Some(Meridiem::Am), "{am}");
        }
        for pm in ["PM", "pm", "p.m.", "p. m.", "오후", "午後", "下午"] {
            assert_eq!(Meridiem::parse(pm), Some(Meridiem::Pm), "{pm}");
        }
        for other in ["", "at", "m", "a", "ampm"] {
            assert_eq!(Meridiem::parse(other), None, "{other}");
        }
    }

    #[test]
    fn epoch_milliseconds_are_local_time() {
        let local = jiff::Timestamp::from_second(1_451_181_351).unwrap().to_zoned_datetime(TimeZone::system());
        assert_eq!(local_from_epoch_millis(1_451_181_351_065), Some((local.date(), local.time())));
        assert_eq!(local_from_epoch_millis(431_959_199), None, "1970 is not plausible");
    }
}
