//! Errors as Parley's Java side sees them: a kind that picks the exception class, a message,
//! and a SQL position where DataFusion knows one.

use datafusion::error::DataFusionError;
use std::any::Any;

/// Kept in step with `EngineException.fromNative` on the Java side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Sql = 1,
    Execution = 2,
    ResourcesExhausted = 3,
    Cancelled = 4,
    TimedOut = 5,
    NotAllowed = 6,
    Internal = 7,
}

#[derive(Clone, Debug)]
pub struct EngineError {
    pub kind: ErrorKind,
    pub message: String,
    /// 1-based; 0 when unknown.
    pub line: u64,
    pub column: u64,
}

pub type EngineResult<T> = Result<T, EngineError>;

/// The phase decides what an ordinary DataFusion error means to the caller: a failure while
/// planning is the statement's fault, a failure while running is the data's.
#[derive(Clone, Copy)]
pub enum Phase {
    Planning,
    Execution,
}

impl EngineError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        EngineError { kind, message: message.into(), line: 0, column: 0 }
    }

    pub fn not_allowed(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotAllowed, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, message)
    }

    pub fn cancelled() -> Self {
        Self::new(ErrorKind::Cancelled, "query cancelled")
    }

    pub fn timed_out(limit_millis: u128) -> Self {
        Self::new(ErrorKind::TimedOut, format!("query exceeded its time limit of {limit_millis} ms"))
    }

    pub fn from_panic(payload: Box<dyn Any + Send>) -> Self {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        Self::internal(format!("native engine panicked: {detail}"))
    }

    pub fn from_datafusion(error: DataFusionError, phase: Phase) -> Self {
        let kind = classify(&error, phase);
        let (line, column) = position(&error);
        let message = error.strip_backtrace();
        EngineError { kind, message, line, column }
    }
}

fn classify(error: &DataFusionError, phase: Phase) -> ErrorKind {
    let mut kind = match phase {
        Phase::Planning => ErrorKind::Sql,
        Phase::Execution => ErrorKind::Execution,
    };
    // `iter` walks Context/Diagnostic wrappers; `find_root` also looks through Arrow and
    // External wrappers that carry a DataFusion error from inside an operator.
    for cause in error.iter().chain(std::iter::once(error.find_root())) {
        match cause {
            DataFusionError::ResourcesExhausted(_) => return ErrorKind::ResourcesExhausted,
            DataFusionError::Internal(_) | DataFusionError::ExecutionJoin(_) => kind = ErrorKind::Internal,
            DataFusionError::SQL(_, _) => kind = ErrorKind::Sql,
            _ => {}
        }
    }
    kind
}

fn position(error: &DataFusionError) -> (u64, u64) {
    if let Some(span) = error.diagnostic().and_then(|d| d.span) {
        if span.start.line > 0 {
            return (span.start.line, span.start.column);
        }
    }
    for cause in error.iter() {
        if let DataFusionError::SQL(parser_error, _) = cause {
            if let Some(found) = parse_line_column(&parser_error.to_string()) {
                return found;
            }
        }
    }
    (0, 0)
}

/// sqlparser reports positions only inside its message text: "... at Line: 1, Column: 8".
fn parse_line_column(message: &str) -> Option<(u64, u64)> {
    let after_line = &message[message.rfind("Line: ")? + "Line: ".len()..];
    let line: u64 = after_line.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()?;
    let after_column = &after_line[after_line.find("Column: ")? + "Column: ".len()..];
    let column: u64 = after_column.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()?;
    Some((line, column))
}
