//! The one tokio runtime every session shares, and the bridge from a blocking JNI call into it.

use crate::error::{EngineError, EngineResult};
use futures::FutureExt;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::OnceLock;
use tokio::runtime::Runtime;

/// Planning and the optimizer recurse over the plan tree; a generous stack (reserved, not
/// committed, so it costs address space only) keeps the deepest statement the input limits
/// admit far from an overflow, which would abort the whole JVM.
const WORKER_STACK_BYTES: usize = 64 << 20;

pub fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .thread_name("parley-engine")
            .thread_stack_size(WORKER_STACK_BYTES)
            .enable_time()
            .build()
            .expect("the engine's tokio runtime must start")
    })
}

/// Runs `work` on the runtime's workers and blocks the calling (Java) thread until it ends.
/// Work never runs on the caller's own stack, whose size the JVM chose, and a panic in it
/// comes back as an internal error instead of unwinding into the JVM.
pub fn run<T, F>(work: F) -> EngineResult<T>
where
    T: Send + 'static,
    F: Future<Output = EngineResult<T>> + Send + 'static,
{
    let rt = runtime();
    let task = rt.spawn(AssertUnwindSafe(work).catch_unwind());
    match rt.block_on(task) {
        Ok(Ok(result)) => result,
        Ok(Err(panic)) => Err(EngineError::from_panic(panic)),
        Err(join_error) => Err(EngineError::internal(format!("engine task failed: {join_error}"))),
    }
}
