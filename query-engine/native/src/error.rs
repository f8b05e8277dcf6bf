//! Errors as Parley's Java side sees them: a kind that picks the exception class, a message,
//! and a SQL position where DataFusion knows one.

use crate::panic_report;
use datafusion::error::DataFusionError;
use std::any::Any;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Sql,
    Execution,
    ResourcesExhausted,
    Cancelled,
    TimedOut,
    NotAllowed,
    Internal,
}

impl ErrorKind {
    pub const ALL: [ErrorKind; 7] = [
        ErrorKind::Sql,
        ErrorKind::Execution,
        ErrorKind::ResourcesExhausted,
        ErrorKind::Cancelled,
        ErrorKind::TimedOut,
        ErrorKind::NotAllowed,
        ErrorKind::Internal,
    ];

    /// The exception thrown for the kind, by name, so no code table has to be kept in step
    /// with Java. Each must be one of the classes `EngineException` permits (`NativeContractTest`).
    pub fn java_class(self) -> &'static str {
        match self {
            ErrorKind::Sql => "dev/parley/engine/SqlException",
            ErrorKind::Execution => "dev/parley/engine/QueryExecutionException",
            ErrorKind::ResourcesExhausted => "dev/parley/engine/ResourcesExhaustedException",
            ErrorKind::Cancelled => "dev/parley/engine/QueryCancelledException",
            ErrorKind::TimedOut => "dev/parley/engine/QueryTimeoutException",
            ErrorKind::NotAllowed => "dev/parley/engine/QueryNotAllowedException",
            ErrorKind::Internal => "dev/parley/engine/InternalEngineException",
        }
    }
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
        EngineError {
            kind,
            message: message.into(),
            line: 0,
            column: 0,
        }
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

    /// Call on the thread that caught the panic, or any other: the report the panic hook
    /// recorded (location and backtrace) is found by the panic's message.
    pub fn from_panic(payload: Box<dyn Any + Send>) -> Self {
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str));
        let detail = message.unwrap_or("unknown panic");
        match panic_report::claim(message) {
            Some(report) => Self::internal(format!("native engine panicked: {detail}\n{report}")),
            None => Self::internal(format!("native engine panicked: {detail}")),
        }
    }

    pub fn from_datafusion(error: DataFusionError, phase: Phase) -> Self {
        let kind = classify(&error, phase);
        let (line, column) = position(&error);
        let message = error.strip_backtrace();
        EngineError {
            kind,
            message,
            line,
            column,
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::error::ArrowError;
    use datafusion::config::Dialect;
    use datafusion::prelude::SessionContext;
    use std::panic::catch_unwind;

    fn kind(error: DataFusionError, phase: Phase) -> ErrorKind {
        EngineError::from_datafusion(error, phase).kind
    }

    #[test]
    fn the_phase_decides_what_an_ordinary_error_means() {
        assert_eq!(
            kind(DataFusionError::Plan("no such column".into()), Phase::Planning),
            ErrorKind::Sql
        );
        assert_eq!(
            kind(DataFusionError::Execution("division by zero".into()), Phase::Execution),
            ErrorKind::Execution
        );
        assert_eq!(kind(DataFusionError::Execution("bad cast".into()), Phase::Planning), ErrorKind::Sql);
    }

    #[test]
    fn resources_exhausted_wins_in_any_phase_and_through_wrappers() {
        let exhausted = || DataFusionError::ResourcesExhausted("pool is full".into());
        assert_eq!(kind(exhausted(), Phase::Planning), ErrorKind::ResourcesExhausted);
        assert_eq!(
            kind(exhausted().context("sorting"), Phase::Execution),
            ErrorKind::ResourcesExhausted
        );
        // How an operator reports it: inside an Arrow error inside the stream's error.
        let inside_arrow = DataFusionError::ArrowError(Box::new(ArrowError::ExternalError(Box::new(exhausted()))), None);
        assert_eq!(kind(inside_arrow, Phase::Execution), ErrorKind::ResourcesExhausted);
    }

    #[test]
    fn internal_errors_are_internal_in_any_phase() {
        assert_eq!(
            kind(DataFusionError::Internal("invariant broken".into()), Phase::Planning),
            ErrorKind::Internal
        );
        assert_eq!(
            kind(
                DataFusionError::Internal("invariant broken".into()).context("optimizing"),
                Phase::Execution
            ),
            ErrorKind::Internal
        );
    }

    #[test]
    fn a_parser_error_is_sql_with_its_position_and_no_backtrace() {
        let state = SessionContext::new().state();
        let error = state
            .sql_to_statement("SELECT 1\nFROM t WHERE x = = 1", &Dialect::Generic)
            .unwrap_err();
        let engine_error = EngineError::from_datafusion(error, Phase::Execution);
        assert_eq!(engine_error.kind, ErrorKind::Sql);
        assert_eq!((engine_error.line, engine_error.column), (2, 18), "{}", engine_error.message);
        assert!(engine_error.message.contains("found: ="), "{}", engine_error.message);
        assert!(!engine_error.message.contains(DataFusionError::BACK_TRACE_SEP));
    }

    #[test]
    fn positions_are_read_from_sqlparser_messages() {
        assert_eq!(
            parse_line_column("Expected: an expression, found: EOF at Line: 3, Column: 17"),
            Some((3, 17))
        );
        assert_eq!(
            parse_line_column("Expected: ), found: x at Line: 12, Column: 5 near here"),
            Some((12, 5))
        );
        assert_eq!(parse_line_column("Expected: an expression, found: EOF"), None);
        assert_eq!(parse_line_column("at Line: x, Column: 2"), None);
    }

    #[test]
    fn a_panic_becomes_an_internal_error_with_its_message_and_backtrace() {
        panic_report::install_hook();
        let number = std::hint::black_box(42);
        let payload = catch_unwind(|| panic!("error test panic {number}")).unwrap_err();
        let error = EngineError::from_panic(payload);
        assert_eq!(error.kind, ErrorKind::Internal);
        assert!(
            error
                .message
                .starts_with("native engine panicked: error test panic 42\nat src/error.rs:"),
            "{}",
            error.message
        );
        assert!(error.message.contains("\nbacktrace:\n"), "{}", error.message);
    }

    #[test]
    fn a_panic_without_a_recorded_report_keeps_its_message() {
        let error = EngineError::from_panic(Box::new("never reported"));
        assert_eq!(error.kind, ErrorKind::Internal);
        assert_eq!(error.message, "native engine panicked: never reported");
        assert_eq!(
            EngineError::from_panic(Box::new(7)).message,
            "native engine panicked: unknown panic"
        );
    }

    /// Pins the contract with Java: the classes `EngineException` permits, one per kind.
    #[test]
    fn every_kind_names_its_own_engine_exception_class() {
        let classes: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.java_class()).collect();
        assert_eq!(
            classes,
            [
                "dev/parley/engine/SqlException",
                "dev/parley/engine/QueryExecutionException",
                "dev/parley/engine/ResourcesExhaustedException",
                "dev/parley/engine/QueryCancelledException",
                "dev/parley/engine/QueryTimeoutException",
                "dev/parley/engine/QueryNotAllowedException",
                "dev/parley/engine/InternalEngineException",
            ]
        );
    }
}
