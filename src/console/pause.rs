//! "Press Enter to close": when files are dropped onto `shotmask.exe`,
//! Windows opens a console window just for it and closes it the moment the
//! program exits, so the summary and any error vanish unread (people take
//! that for a crash). Then, and only then, the tool waits for Enter.

use std::io::{BufRead, IsTerminal, Write};

/// Whether to wait for Enter before exiting. `console_processes` is how many
/// processes share our console (`None`: not known, or no console): exactly
/// one means the console was created for us (Explorer, a shortcut), so it
/// closes when we exit; a terminal's own shell would be a second process.
/// Never when `--no-pause` was given, and never when stdin is not a
/// terminal (a pipe, a file, a CI job): nobody could press Enter there.
pub fn should_pause(no_pause: bool, stdin_is_terminal: bool, console_processes: Option<u32>) -> bool {
    !no_pause && stdin_is_terminal && console_processes == Some(1)
}

/// The decision for this process.
pub fn wanted(no_pause: bool) -> bool {
    should_pause(no_pause, std::io::stdin().is_terminal(), console_processes())
}

/// Prints the prompt on stderr and waits for a line (or the end of input).
pub fn wait_for_enter() {
    let mut stderr = std::io::stderr();
    let _ = write!(stderr, "\n{}", crate::tr!("pause-prompt"));
    let _ = stderr.flush();
    let _ = std::io::stdin().lock().read_line(&mut String::new());
}

/// How many processes are attached to this process's console.
#[cfg(windows)]
fn console_processes() -> Option<u32> {
    use windows_sys::Win32::System::Console::GetConsoleProcessList;
    let mut ids = [0u32; 4];
    // SAFETY: the buffer holds `ids.len()` process ids and the call writes at
    // most that many; when more processes share the console it only returns
    // their number.
    let n = unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) };
    (n > 0).then_some(n)
}

/// Other systems never create a window for a program that will vanish.
#[cfg(not(windows))]
fn console_processes() -> Option<u32> {
    None
}

#[cfg(test)]
mod tests {
    use super::should_pause;

    #[test]
    fn waits_only_in_a_console_of_its_own_with_a_terminal_to_read() {
        // Dropped onto the .exe (or started from a shortcut): its own console.
        assert!(should_pause(false, true, Some(1)));
        // Typed in cmd, PowerShell or Windows Terminal: the shell shares it.
        assert!(!should_pause(false, true, Some(2)));
        assert!(!should_pause(false, true, Some(3)));
        // --no-pause.
        assert!(!should_pause(true, true, Some(1)));
        // stdin is a pipe or a file: never wait, whatever the console says.
        assert!(!should_pause(false, false, Some(1)));
        // No console, or not Windows.
        assert!(!should_pause(false, true, Some(0)));
        assert!(!should_pause(false, true, None));
    }

    #[cfg(not(windows))]
    #[test]
    fn never_waits_outside_windows() {
        assert!(!super::wanted(false));
    }
}
