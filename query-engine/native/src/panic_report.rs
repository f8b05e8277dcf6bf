//! Where a panic happened. A caught panic leaves only its payload; the hook installed here
//! records the location and a backtrace at the moment of the panic, so that the
//! `InternalEngineException` it becomes points at the bug.
//!
//! Reports are kept in one process-wide list rather than per thread: DataFusion re-raises a
//! panic from one of its tasks with `resume_unwind` on another thread, which does not run the
//! hook again. A report is matched to its payload by the panic message.

use std::backtrace::Backtrace;
use std::collections::VecDeque;
use std::panic::Location;
use std::sync::{Mutex, Once};

/// Panics caught by code other than ours (a task tokio dropped, say) are never claimed; the
/// oldest reports make room for new ones.
const KEPT_REPORTS: usize = 16;

struct Report {
    message: Option<String>,
    location: Option<String>,
    backtrace: Backtrace,
}

static REPORTS: Mutex<VecDeque<Report>> = Mutex::new(VecDeque::new());

/// Installs the hook once; later calls do nothing. The hook that was there before still runs
/// after ours, so a panic is also printed to stderr as usual.
pub fn install_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let report = Report {
                message: info.payload_as_str().map(str::to_string),
                location: info.location().map(Location::to_string),
                backtrace: Backtrace::force_capture(),
            };
            let mut reports = lock();
            if reports.len() == KEPT_REPORTS {
                reports.pop_front();
            }
            reports.push_back(report);
            drop(reports);
            previous(info);
        }));
    });
}

/// The location and backtrace of the latest panic with this message, removed from the list;
/// `None` when the hook is not installed or saw no such panic.
pub fn claim(message: Option<&str>) -> Option<String> {
    let report = {
        let mut reports = lock();
        let index = reports.iter().rposition(|r| r.message.as_deref() == message)?;
        reports.remove(index)?
    };
    // Resolving symbols is the slow part; it happens here, outside the lock.
    let location = report.location.unwrap_or_else(|| "unknown location".to_string());
    Some(format!("at {location}\nbacktrace:\n{}", report.backtrace))
}

/// The hook runs while its thread is panicking, so dropping the guard there poisons the
/// mutex; the list stays consistent regardless.
fn lock() -> std::sync::MutexGuard<'static, VecDeque<Report>> {
    REPORTS.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::panic::catch_unwind;

    #[test]
    fn a_claimed_report_has_the_location_and_a_backtrace_and_is_claimed_once() {
        install_hook();
        let number = std::hint::black_box(1);
        let payload = catch_unwind(|| panic!("report test panic {number}")).unwrap_err();
        assert_eq!(payload.downcast_ref::<String>().map(String::as_str), Some("report test panic 1"));
        let report = claim(Some("report test panic 1")).expect("the hook recorded the panic");
        assert!(report.starts_with("at src/panic_report.rs:"), "{report}");
        assert!(report.contains("backtrace:\n"), "{report}");
        assert!(has_frame_line(&report), "{report}");
        assert_eq!(claim(Some("report test panic 1")), None);
    }

    #[test]
    fn a_panic_on_another_thread_is_found_by_its_message() {
        install_hook();
        let payload = std::thread::spawn(|| panic!("report test panic on a thread")).join().unwrap_err();
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"report test panic on a thread"));
        assert!(claim(Some("some other panic")).is_none());
        let report = claim(Some("report test panic on a thread")).expect("the hook recorded the panic");
        assert!(has_frame_line(&report), "{report}");
    }

    /// A frame as `Backtrace` prints it: "   3: some::function".
    fn has_frame_line(report: &str) -> bool {
        report.lines().any(|line| {
            let line = line.trim_start();
            line.split_once(": ")
                .is_some_and(|(number, symbol)| number.parse::<usize>().is_ok() && !symbol.is_empty())
        })
    }
}
