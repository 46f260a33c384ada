//! Ctrl-C and SIGTERM: the first one stops the run gently, the second at
//! once.
//!
//! Killing a batch mid-way would leave no summary, no report and a
//! temporary file per worker. So the first signal only raises a flag: no
//! new file is started, the files in flight finish (each takes well under a
//! second), and the run ends as usual, with its summary and report of what
//! was done, and the exit status a shell expects of a signalled program
//! (130 for Ctrl-C, 143 for SIGTERM). Someone who presses Ctrl-C again does
//! not want to wait: the second signal ends the process there and then
//! (temporary files it leaves are removed by the next run).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Which signal stopped the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// Ctrl-C (SIGINT).
    Interrupt,
    /// SIGTERM (a service manager, `kill`, a closing container).
    Terminate,
}

impl Signal {
    /// The exit status of a run this signal stopped: 128 + its number.
    pub fn exit_code(self) -> u8 {
        match self {
            Signal::Interrupt => 130,
            Signal::Terminate => 143,
        }
    }

    fn number(self) -> usize {
        let n = match self {
            Signal::Interrupt => signal_hook::consts::SIGINT,
            Signal::Terminate => signal_hook::consts::SIGTERM,
        };
        usize::try_from(n).unwrap_or(usize::MAX)
    }
}

/// The flag the signal handlers raise; cheap to check from every worker.
#[derive(Debug, Clone, Default)]
pub struct StopFlag {
    /// The number of the first signal received, 0 before any.
    signal: Arc<AtomicUsize>,
    /// Raised with the first signal: a second one then exits at once.
    raised: Arc<AtomicBool>,
}

impl StopFlag {
    /// A flag no signal raises (tests, library use).
    pub fn new() -> Self {
        Self::default()
    }

    /// A flag raised by the first Ctrl-C or SIGTERM; the second ends the
    /// process at once. If the handlers cannot be installed the run simply
    /// cannot be stopped gently.
    pub fn on_signals() -> Self {
        let flag = StopFlag::new();
        for signal in [Signal::Interrupt, Signal::Terminate] {
            let n = i32::try_from(signal.number()).unwrap_or(0);
            // Registered first, so it sees the flag as it was before this
            // signal: only a second signal finds it raised.
            let _ = signal_hook::flag::register_conditional_shutdown(
                n,
                i32::from(signal.exit_code()),
                Arc::clone(&flag.raised),
            );
            let _ = signal_hook::flag::register_usize(n, Arc::clone(&flag.signal), signal.number());
            let _ = signal_hook::flag::register(n, Arc::clone(&flag.raised));
        }
        flag
    }

    /// Raises the flag by hand, as a signal would.
    pub fn raise(&self, signal: Signal) {
        let _ = self.signal.compare_exchange(0, signal.number(), Ordering::SeqCst, Ordering::SeqCst);
        self.raised.store(true, Ordering::SeqCst);
    }

    /// The signal that stopped the run, if one did.
    pub fn stopped(&self) -> Option<Signal> {
        match self.signal.load(Ordering::SeqCst) {
            0 => None,
            n if n == Signal::Terminate.number() => Some(Signal::Terminate),
            _ => Some(Signal::Interrupt),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raised_by_hand_keeps_the_first_signal() {
        let flag = StopFlag::new();
        assert_eq!(flag.stopped(), None);
        flag.raise(Signal::Terminate);
        flag.raise(Signal::Interrupt);
        assert_eq!(flag.stopped(), Some(Signal::Terminate));
        assert_eq!(flag.stopped().map(Signal::exit_code), Some(143));
    }
}
