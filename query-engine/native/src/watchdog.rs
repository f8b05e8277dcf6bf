//! Fires time-limit signals from one plain thread. A tokio timer would not do: the runtime's
//! timers are driven by its worker threads, and those may all be busy inside a long operator,
//! so a deadline could pass unnoticed for seconds.

use crate::cancel::CancelSignal;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::{Arc, Condvar, Mutex, OnceLock, Weak};
use std::time::Instant;

struct Deadline {
    at: Instant,
    signal: Weak<CancelSignal>,
}

impl PartialEq for Deadline {
    fn eq(&self, other: &Self) -> bool {
        self.at == other.at
    }
}

impl Eq for Deadline {}

impl PartialOrd for Deadline {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Deadline {
    /// Reversed, so the max-heap yields the earliest deadline first.
    fn cmp(&self, other: &Self) -> Ordering {
        other.at.cmp(&self.at)
    }
}

struct Watchdog {
    deadlines: Mutex<BinaryHeap<Deadline>>,
    changed: Condvar,
}

fn watchdog() -> &'static Watchdog {
    static WATCHDOG: OnceLock<&'static Watchdog> = OnceLock::new();
    WATCHDOG.get_or_init(|| {
        let watchdog: &'static Watchdog = Box::leak(Box::new(Watchdog {
            deadlines: Mutex::new(BinaryHeap::new()),
            changed: Condvar::new(),
        }));
        std::thread::Builder::new()
            .name("parley-engine-deadlines".into())
            .spawn(move || watchdog.run())
            .expect("the deadline thread must start");
        watchdog
    })
}

/// Fires `signal` at `at`, unless it was dropped by then.
pub fn fire_at(at: Instant, signal: &Arc<CancelSignal>) {
    let watchdog = watchdog();
    let mut deadlines = watchdog.deadlines.lock().unwrap_or_else(|p| p.into_inner());
    // Finished queries leave their entries behind until the deadline; prune now and then so a
    // long time limit with many short queries does not pile them up.
    if deadlines.len() >= 1024 && deadlines.len().is_power_of_two() {
        deadlines.retain(|d| d.signal.strong_count() > 0);
    }
    deadlines.push(Deadline {
        at,
        signal: Arc::downgrade(signal),
    });
    watchdog.changed.notify_one();
}

impl Watchdog {
    fn run(&self) {
        let mut deadlines = self.deadlines.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            let now = Instant::now();
            match deadlines.peek().map(|d| d.at) {
                None => {
                    deadlines = self.changed.wait(deadlines).unwrap_or_else(|p| p.into_inner());
                }
                Some(at) if at <= now => {
                    if let Some(signal) = deadlines.pop().and_then(|d| d.signal.upgrade()) {
                        signal.fire();
                    }
                }
                Some(at) => {
                    deadlines = self.changed.wait_timeout(deadlines, at - now).unwrap_or_else(|p| p.into_inner()).0;
                }
            }
        }
    }
}
