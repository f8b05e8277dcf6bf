//! One engine session: a DataFusion context with its own memory pool, the limits it was
//! opened with, the tables Parley registered, and the signal that cancels its running work.

use crate::cancel::CancelSignal;
use crate::error::{EngineError, EngineResult, ErrorKind, Phase};
use crate::query::{self, QueryControl, ResultReader};
use crate::runtime::run;
use crate::{limits, restricted};
use arrow::array::{make_array, Array, ArrayRef, MutableArrayData, RecordBatch, RecordBatchReader, UInt64Array};
use arrow::ffi_stream::ArrowArrayStreamReader;
use datafusion::catalog::{MemTable, MemorySchemaProvider};
use datafusion::common::TableReference;
use datafusion::dataframe::DataFrameWriteOptions;
use datafusion::execution::disk_manager::{DiskManagerBuilder, DiskManagerMode};
use datafusion::execution::memory_pool::{GreedyMemoryPool, TrackConsumersPool};
use datafusion::execution::runtime_env::RuntimeEnvBuilder;
use datafusion::execution::SessionStateBuilder;
use datafusion::logical_expr::LogicalPlan;
use datafusion::prelude::{CsvReadOptions, JsonReadOptions, ParquetReadOptions, SessionConfig, SessionContext};
use std::collections::{HashMap, HashSet};
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub struct SessionOptions {
    pub memory_bytes: usize,
    pub target_partitions: usize,
    pub time_limit: Option<Duration>,
    pub spark_functions: bool,
    pub restricted: bool,
}

pub struct Session {
    id: u64,
    ctx: SessionContext,
    restricted: bool,
    time_limit: Option<Duration>,
    registered: Mutex<HashSet<String>>,
    /// Replaced on each cancel, so a cancel stops what runs now and not what starts later.
    cancel_generation: Mutex<Arc<CancelSignal>>,
}

/// A resolved statement waiting to run; it may run only in the session that planned it.
pub struct PlannedStatement {
    pub session_id: u64,
    pub plan: LogicalPlan,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    Parquet,
    Csv,
    Json,
}

impl FileFormat {
    pub const ALL: [FileFormat; 3] = [FileFormat::Parquet, FileFormat::Csv, FileFormat::Json];

    /// The name of the matching constant of Java's `FileFormat`, which is what Java passes.
    pub fn java_name(self) -> &'static str {
        match self {
            FileFormat::Parquet => "PARQUET",
            FileFormat::Csv => "CSV",
            FileFormat::Json => "JSON",
        }
    }

    pub fn from_java_name(name: &str) -> EngineResult<Self> {
        Self::ALL
            .into_iter()
            .find(|format| format.java_name() == name)
            .ok_or_else(|| EngineError::internal(format!("unknown file format {name}")))
    }
}

impl Session {
    pub fn open(options: SessionOptions) -> EngineResult<Session> {
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        let pool = TrackConsumersPool::new(GreedyMemoryPool::new(options.memory_bytes), NonZeroUsize::new(3).expect("non-zero"));
        // No spilling: a query over the pool fails with ResourcesExhausted instead of writing
        // temporary files, which keeps the limit exact and the host's disks out of reach.
        let runtime_env = RuntimeEnvBuilder::new()
            .with_memory_pool(Arc::new(pool))
            .with_disk_manager_builder(DiskManagerBuilder::default().with_mode(DiskManagerMode::Disabled))
            .build_arc()
            .map_err(|e| EngineError::from_datafusion(e, Phase::Execution))?;
        let mut config = SessionConfig::new()
            .with_target_partitions(options.target_partitions)
            .with_information_schema(!options.restricted);
        config.options_mut().sql_parser.collect_spans = true;

        let mut builder = SessionStateBuilder::new()
            .with_config(config)
            .with_runtime_env(runtime_env)
            .with_default_features()
            .with_physical_optimizer_rule(Arc::new(crate::cooperative::YieldEverywhere));
        if options.spark_functions {
            builder = with_spark_functions(builder, !options.restricted);
        }
        if options.restricted {
            builder = builder.with_table_functions(HashMap::new()).with_table_factories(HashMap::new());
        }
        Ok(Session {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            ctx: SessionContext::new_with_state(builder.build()),
            restricted: options.restricted,
            time_limit: options.time_limit,
            registered: Mutex::new(HashSet::new()),
            cancel_generation: Mutex::new(Arc::new(CancelSignal::default())),
        })
    }

    pub fn cancel(&self) {
        let fired = std::mem::replace(&mut *lock(&self.cancel_generation), Arc::new(CancelSignal::default()));
        fired.fire();
    }

    pub fn memory_reserved(&self) -> usize {
        self.ctx.runtime_env().memory_pool.reserved()
    }

    fn new_query_control(&self) -> Arc<QueryControl> {
        let generation = lock(&self.cancel_generation).clone();
        Arc::new(QueryControl::new(generation, self.time_limit))
    }

    pub fn register_files(self: &Arc<Self>, format: FileFormat, name: String, path: String, directory: bool) -> EngineResult<()> {
        let session = self.clone();
        run(async move {
            let table = restricted::table_reference(&name);
            ensure_schema(&session.ctx, &table)?;
            // A single file is read whatever its name ends with; a directory contributes the
            // files with the format's usual extension.
            let extension = if directory { None } else { Some(file_extension(&path)) };
            let result = match format {
                FileFormat::Parquet => {
                    let mut options = ParquetReadOptions::new();
                    if let Some(ext) = extension.as_deref() {
                        options = options.file_extension(ext);
                    }
                    session.ctx.register_parquet(table.clone(), &path, options).await
                }
                FileFormat::Csv => {
                    let mut options = CsvReadOptions::new().has_header(true);
                    if let Some(ext) = extension.as_deref() {
                        options = options.file_extension(ext);
                    }
                    session.ctx.register_csv(table.clone(), &path, options).await
                }
                FileFormat::Json => {
                    let mut options = JsonReadOptions::default();
                    if let Some(ext) = extension.as_deref() {
                        options = options.file_extension(ext);
                    }
                    session.ctx.register_json(table.clone(), &path, options).await
                }
            };
            result.map_err(|e| EngineError::from_datafusion(e, Phase::Execution))?;
            lock(&session.registered).insert(restricted::resolved_name(&table));
            Ok(())
        })
    }

    /// Copies the batches into memory the engine owns, so the Java side may free its vectors
    /// as soon as this returns.
    pub fn register_batches(&self, name: String, mut source: ArrowArrayStreamReader) -> EngineResult<()> {
        let schema = source.schema();
        let mut batches = Vec::new();
        for batch in &mut source {
            let batch = batch.map_err(|e| EngineError::new(ErrorKind::Execution, format!("reading batches: {e}")))?;
            let columns = batch
                .columns()
                .iter()
                .map(|c| deep_copy(c.as_ref()))
                .collect::<EngineResult<Vec<ArrayRef>>>()?;
            let copy = RecordBatch::try_new(schema.clone(), columns)
                .map_err(|e| EngineError::new(ErrorKind::Execution, format!("copying batch: {e}")))?;
            batches.push(copy);
        }
        drop(source);
        let table = MemTable::try_new(schema, vec![batches]).map_err(|e| EngineError::from_datafusion(e, Phase::Execution))?;
        let reference = restricted::table_reference(&name);
        ensure_schema(&self.ctx, &reference)?;
        self.ctx
            .register_table(reference.clone(), Arc::new(table))
            .map_err(|e| EngineError::from_datafusion(e, Phase::Execution))?;
        lock(&self.registered).insert(restricted::resolved_name(&reference));
        Ok(())
    }

    pub fn plan(self: &Arc<Self>, sql: String) -> EngineResult<PlannedStatement> {
        limits::check_text(&sql)?;
        let session = self.clone();
        run(async move {
            let state = session.ctx.state();
            let dialect = state.config().options().sql_parser.dialect;
            let statement = state
                .sql_to_statement(&sql, &dialect)
                .map_err(|e| EngineError::from_datafusion(e, Phase::Planning))?;
            limits::check_statement(&statement)?;
            if session.restricted {
                restricted::check_statement(&statement)?;
            }
            let plan = state
                .statement_to_plan(statement)
                .await
                .map_err(|e| EngineError::from_datafusion(e, Phase::Planning))?;
            if session.restricted {
                let registered = lock(&session.registered).clone();
                restricted::check_plan(&plan, &registered)?;
            }
            Ok(PlannedStatement {
                session_id: session.id,
                plan,
            })
        })
    }

    fn owned_plan(&self, planned: &PlannedStatement) -> EngineResult<LogicalPlan> {
        if planned.session_id != self.id {
            return Err(EngineError::internal("a plan may only run in the session that planned it"));
        }
        Ok(planned.plan.clone())
    }

    pub fn execute(&self, planned: &PlannedStatement) -> EngineResult<(Arc<QueryControl>, ResultReader)> {
        let plan = self.owned_plan(planned)?;
        let control = self.new_query_control();
        let reader = query::start(self.ctx.clone(), plan, control.clone())?;
        Ok((control, reader))
    }

    /// Writes the statement's result and returns the number of rows written.
    pub fn write(&self, planned: &PlannedStatement, format: FileFormat, path: String, single_file: bool) -> EngineResult<u64> {
        let plan = self.owned_plan(planned)?;
        let control = self.new_query_control();
        let ctx = self.ctx.clone();
        run(async move {
            let work = async move {
                let frame = ctx.execute_logical_plan(plan).await?;
                let options = DataFrameWriteOptions::new().with_single_file_output(single_file);
                match format {
                    FileFormat::Csv => frame.write_csv(&path, options, None).await,
                    FileFormat::Parquet => frame.write_parquet(&path, options, None).await,
                    FileFormat::Json => frame.write_json(&path, options, None).await,
                }
            };
            let batches = control
                .run_controlled(async move { work.await.map_err(|e| EngineError::from_datafusion(e, Phase::Execution)) })
                .await?;
            Ok(batches
                .iter()
                .filter_map(|b| {
                    b.column(0)
                        .as_any()
                        .downcast_ref::<UInt64Array>()
                        .map(|c| c.iter().flatten().sum::<u64>())
                })
                .sum())
        })
    }
}

fn with_spark_functions(mut builder: SessionStateBuilder, table_functions: bool) -> SessionStateBuilder {
    // Spark's planner goes first so its rewrites win over DataFusion's; functions registered
    // later replace DataFusion's functions of the same name.
    builder
        .expr_planners()
        .get_or_insert_with(Vec::new)
        .insert(0, Arc::new(datafusion_spark::planner::SparkFunctionPlanner));
    builder
        .scalar_functions()
        .get_or_insert_with(Vec::new)
        .extend(datafusion_spark::all_default_scalar_functions());
    builder
        .aggregate_functions()
        .get_or_insert_with(Vec::new)
        .extend(datafusion_spark::all_default_aggregate_functions());
    builder
        .window_functions()
        .get_or_insert_with(Vec::new)
        .extend(datafusion_spark::all_default_window_functions());
    if table_functions {
        builder.table_functions().get_or_insert_with(HashMap::new).extend(
            datafusion_spark::all_default_table_functions()
                .into_iter()
                .map(|f| (f.name().to_string(), f)),
        );
    }
    builder
}

/// Makes the schema a `schema.table` name lives in, the first time one is registered there.
pub fn ensure_schema(ctx: &SessionContext, table: &TableReference) -> EngineResult<()> {
    let Some(schema) = table.schema() else {
        return Ok(());
    };
    let catalog_name = ctx.state().config().options().catalog.default_catalog.clone();
    let catalog = ctx
        .catalog(&catalog_name)
        .ok_or_else(|| EngineError::internal(format!("no default catalog {catalog_name}")))?;
    if catalog.schema(schema).is_none() {
        catalog
            .register_schema(schema, Arc::new(MemorySchemaProvider::new()))
            .map_err(|e| EngineError::from_datafusion(e, Phase::Execution))?;
    }
    Ok(())
}

fn file_extension(path: &str) -> String {
    let file_name = path.rsplit('/').next().unwrap_or(path);
    match file_name.rfind('.') {
        Some(dot) if dot > 0 => file_name[dot..].to_string(),
        _ => String::new(),
    }
}

fn deep_copy(array: &dyn Array) -> EngineResult<ArrayRef> {
    let data = array.to_data();
    let mut copy = MutableArrayData::new(vec![&data], false, data.len());
    copy.try_extend(0, 0, data.len())
        .map_err(|e| EngineError::new(ErrorKind::Execution, format!("copying batch: {e}")))?;
    Ok(make_array(copy.freeze()))
}

/// A poisoned lock only means another thread panicked while holding it; the data it guards
/// (a set of names, a signal) stays consistent, so carry on rather than panic again.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pins the contract with Java: the constants of `FileFormat` there.
    #[test]
    fn file_formats_go_by_the_names_of_the_java_constants() {
        let names: Vec<&str> = FileFormat::ALL.iter().map(|f| f.java_name()).collect();
        assert_eq!(names, ["PARQUET", "CSV", "JSON"]);
        for format in FileFormat::ALL {
            assert_eq!(FileFormat::from_java_name(format.java_name()).unwrap(), format);
        }
        let unknown = FileFormat::from_java_name("parquet").unwrap_err();
        assert_eq!(unknown.kind, ErrorKind::Internal);
        assert_eq!(unknown.message, "unknown file format parquet");
    }

    #[test]
    fn a_single_file_is_read_whatever_its_extension() {
        assert_eq!(file_extension("/data/orders.parquet"), ".parquet");
        assert_eq!(file_extension("/data/people.csv.gz"), ".gz");
        assert_eq!(file_extension("/data/v1.2/people"), "");
        assert_eq!(file_extension("/data/.hidden"), "");
    }
}
