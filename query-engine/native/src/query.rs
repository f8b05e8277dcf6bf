//! A running query: planned on the runtime, pumped by a driver task into a small channel, and
//! read by Java through the Arrow C stream interface one batch per call.

use crate::cancel::CancelSignal;
use crate::error::{EngineError, EngineResult, Phase};
use crate::runtime::{run, runtime};
use crate::watchdog;
use arrow::array::{RecordBatch, RecordBatchReader};
use arrow::datatypes::SchemaRef;
use arrow::error::ArrowError;
use datafusion::logical_expr::LogicalPlan;
use datafusion::physical_plan::execute_stream;
use datafusion::prelude::SessionContext;
use futures::{FutureExt, StreamExt};
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// Batches the driver may run ahead of the reader: enough to overlap Java's work on one batch
/// with the engine's work on the next, small enough to keep unaccounted memory bounded.
const READ_AHEAD: usize = 2;

pub struct QueryControl {
    session_generation: Arc<CancelSignal>,
    own: CancelSignal,
    time_limit: Option<Duration>,
    /// Fired by the watchdog when the time limit passes.
    timeout: Arc<CancelSignal>,
    /// The typed error behind a failed read; Java fetches it after the C stream reports failure.
    failure: Mutex<Option<EngineError>>,
}

impl QueryControl {
    pub fn new(session_generation: Arc<CancelSignal>, time_limit: Option<Duration>) -> Self {
        let timeout = Arc::new(CancelSignal::default());
        if let Some(limit) = time_limit {
            watchdog::fire_at(Instant::now() + limit, &timeout);
        }
        QueryControl {
            session_generation,
            own: CancelSignal::default(),
            time_limit,
            timeout,
            failure: Mutex::new(None),
        }
    }

    pub fn cancel(&self) {
        self.own.fire();
    }

    pub fn take_failure(&self) -> Option<EngineError> {
        self.failure.lock().unwrap_or_else(|p| p.into_inner()).take()
    }

    fn record_failure(&self, error: EngineError) {
        *self.failure.lock().unwrap_or_else(|p| p.into_inner()) = Some(error);
    }

    /// Resolves when the query must stop, with the reason.
    async fn stopped(&self) -> EngineError {
        tokio::select! {
            biased;
            _ = self.own.fired() => EngineError::cancelled(),
            _ = self.session_generation.fired() => EngineError::cancelled(),
            _ = self.timeout.fired() => EngineError::timed_out(self.time_limit.unwrap_or_default().as_millis()),
        }
    }

    /// Runs `work` until it ends or the query must stop; stopping drops `work`, which aborts
    /// DataFusion's tasks and frees their memory reservations.
    pub async fn run_controlled<T>(&self, work: impl Future<Output = EngineResult<T>>) -> EngineResult<T> {
        tokio::select! {
            biased;
            reason = self.stopped() => Err(reason),
            result = work => result,
        }
    }
}

pub fn start(ctx: SessionContext, plan: LogicalPlan, control: Arc<QueryControl>) -> EngineResult<ResultReader> {
    let planning = control.clone();
    let stream = run(async move {
        planning
            .run_controlled(async move {
                let frame = ctx
                    .execute_logical_plan(plan)
                    .await
                    .map_err(|e| EngineError::from_datafusion(e, Phase::Planning))?;
                let task_ctx = Arc::new(frame.task_ctx());
                let physical = frame
                    .create_physical_plan()
                    .await
                    .map_err(|e| EngineError::from_datafusion(e, Phase::Planning))?;
                execute_stream(physical, task_ctx).map_err(|e| EngineError::from_datafusion(e, Phase::Execution))
            })
            .await
    })?;

    let schema = stream.schema();
    let (sender, receiver) = mpsc::channel(READ_AHEAD);
    let driver = control.clone();
    runtime().spawn(async move {
        let panic_sender = sender.clone();
        let pump = async move {
            let mut stream = stream;
            while let Some(item) = stream.next().await {
                let failed = item.is_err();
                let item = item.map_err(|e| EngineError::from_datafusion(e, Phase::Execution));
                if sender.send(item).await.is_err() || failed {
                    break;
                }
            }
        };
        tokio::select! {
            biased;
            _ = driver.stopped() => {}
            outcome = AssertUnwindSafe(pump).catch_unwind() => {
                if let Err(panic) = outcome {
                    let _ = panic_sender.send(Err(EngineError::from_panic(panic))).await;
                }
            }
        }
    });
    Ok(ResultReader {
        schema,
        receiver,
        control,
        finished: false,
    })
}

pub struct ResultReader {
    schema: SchemaRef,
    receiver: mpsc::Receiver<EngineResult<RecordBatch>>,
    control: Arc<QueryControl>,
    finished: bool,
}

impl ResultReader {
    fn receive(&mut self) -> Option<EngineResult<RecordBatch>> {
        let control = self.control.clone();
        let receiver = &mut self.receiver;
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
            runtime().block_on(async {
                tokio::select! {
                    biased;
                    reason = control.stopped() => Some(Err(reason)),
                    item = receiver.recv() => item,
                }
            })
        }));
        outcome.unwrap_or_else(|panic| Some(Err(EngineError::from_panic(panic))))
    }
}

impl Iterator for ResultReader {
    type Item = Result<RecordBatch, ArrowError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.finished {
            return None;
        }
        match self.receive() {
            Some(Ok(batch)) => Some(Ok(batch)),
            None => {
                self.finished = true;
                None
            }
            Some(Err(error)) => {
                self.finished = true;
                // Make sure the driver stops too (a timeout seen here first, for instance).
                self.control.cancel();
                self.control.record_failure(error);
                // The C stream copies this text into a C string; keep it fixed and free of
                // user data (an interior NUL there would abort the process).
                Some(Err(ArrowError::ExternalError("query failed; Parley holds the typed error".into())))
            }
        }
    }
}

impl RecordBatchReader for ResultReader {
    fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }
}
