//! Parley's JNI surface over Apache DataFusion. Java owns every handle returned here and
//! gives it back exactly once to the matching `close*` function; Java also guarantees that no
//! call uses a handle after its close (see `EngineSession`). Every entry point catches panics
//! and turns every failure into a typed Java exception, so no input can unwind into the JVM.

mod cancel;
mod cooperative;
mod error;
mod limits;
mod plan_json;
mod query;
mod restricted;
mod runtime;
mod session;
mod watchdog;

use arrow::ffi_stream::{ArrowArrayStreamReader, FFI_ArrowArrayStream};
use error::{EngineError, EngineResult};
use jni::objects::{JClass, JString, JThrowable, JValue};
use jni::sys::{jboolean, jint, jlong, jstring, JNI_TRUE};
use jni::JNIEnv;
use query::QueryControl;
use session::{FileFormat, PlannedStatement, Session, SessionOptions};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::Duration;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

type SessionHandle = Arc<Session>;
type QueryHandle = Arc<QueryControl>;

/// Runs one JNI call: its error or panic becomes a pending Java exception and the return
/// value is then ignored by Java.
fn guarded<R: Default>(env: &mut JNIEnv, call: impl FnOnce(&mut JNIEnv) -> EngineResult<R>) -> R {
    let outcome = catch_unwind(AssertUnwindSafe(|| call(env)));
    let error = match outcome {
        Ok(Ok(value)) => return value,
        Ok(Err(error)) => error,
        Err(panic) => EngineError::from_panic(panic),
    };
    // A failed JNI call inside `call` already left a Java exception pending; keep that one.
    if !env.exception_check().unwrap_or(true) {
        throw(env, &error);
    }
    R::default()
}

fn throw(env: &mut JNIEnv, error: &EngineError) {
    let thrown = (|| -> jni::errors::Result<()> {
        let message = env.new_string(&error.message)?;
        let exception = env
            .call_static_method(
                "dev/parley/engine/EngineException",
                "fromNative",
                "(ILjava/lang/String;JJ)Ldev/parley/engine/EngineException;",
                &[
                    JValue::Int(error.kind as jint),
                    JValue::Object(&message),
                    JValue::Long(error.line as jlong),
                    JValue::Long(error.column as jlong),
                ],
            )?
            .l()?;
        env.throw(JThrowable::from(exception))
    })();
    if thrown.is_err() && !env.exception_check().unwrap_or(true) {
        let _ = env.throw_new("java/lang/IllegalStateException", &error.message);
    }
}

fn string(env: &mut JNIEnv, value: &JString) -> EngineResult<String> {
    env.get_string(value)
        .map(Into::into)
        .map_err(|e| EngineError::internal(format!("reading a Java string: {e}")))
}

fn new_string(env: &mut JNIEnv, value: &str) -> EngineResult<jstring> {
    env.new_string(value)
        .map(JString::into_raw)
        .map_err(|e| EngineError::internal(format!("creating a Java string: {e}")))
}

/// # Safety (for all three): the handle came from the matching `into_handle` and was not closed.
fn session<'a>(handle: jlong) -> &'a SessionHandle {
    unsafe { &*(handle as *const SessionHandle) }
}

fn planned<'a>(handle: jlong) -> &'a PlannedStatement {
    unsafe { &*(handle as *const PlannedStatement) }
}

fn query<'a>(handle: jlong) -> &'a QueryHandle {
    unsafe { &*(handle as *const QueryHandle) }
}

fn into_handle<T>(value: T) -> jlong {
    Box::into_raw(Box::new(value)) as jlong
}

unsafe fn close_handle<T>(handle: jlong) {
    if handle != 0 {
        drop(Box::from_raw(handle as *mut T));
    }
}

#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_openSession(
    mut env: JNIEnv,
    _class: JClass,
    memory_bytes: jlong,
    target_partitions: jint,
    time_limit_millis: jlong,
    spark_functions: jboolean,
    restricted: jboolean,
) -> jlong {
    guarded(&mut env, |_| {
        let options = SessionOptions {
            memory_bytes: usize::try_from(memory_bytes).map_err(|_| EngineError::internal("negative memory limit"))?,
            target_partitions: usize::try_from(target_partitions).map_err(|_| EngineError::internal("negative partitions"))?,
            time_limit: u64::try_from(time_limit_millis).ok().filter(|&ms| ms > 0).map(Duration::from_millis),
            spark_functions: spark_functions == JNI_TRUE,
            restricted: restricted == JNI_TRUE,
        };
        Ok(into_handle::<SessionHandle>(Arc::new(Session::open(options)?)))
    })
}

#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_closeSession(mut env: JNIEnv, _class: JClass, handle: jlong) {
    guarded(&mut env, |_| {
        unsafe { close_handle::<SessionHandle>(handle) };
        Ok(())
    })
}

#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_cancelSession(mut env: JNIEnv, _class: JClass, handle: jlong) {
    guarded(&mut env, |_| {
        session(handle).cancel();
        Ok(())
    })
}

#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_memoryReserved(mut env: JNIEnv, _class: JClass, handle: jlong) -> jlong {
    guarded(&mut env, |_| Ok(session(handle).memory_reserved() as jlong))
}

#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_registerFiles(
    mut env: JNIEnv,
    _class: JClass,
    handle: jlong,
    format: jint,
    name: JString,
    path: JString,
    directory: jboolean,
) {
    guarded(&mut env, |env| {
        let name = string(env, &name)?;
        let path = string(env, &path)?;
        session(handle).register_files(FileFormat::from_code(format)?, name, path, directory == JNI_TRUE)
    })
}

#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_registerBatches(
    mut env: JNIEnv,
    _class: JClass,
    handle: jlong,
    name: JString,
    stream_address: jlong,
) {
    guarded(&mut env, |env| {
        let name = string(env, &name)?;
        // Moves the stream out of Java's struct, which is left released.
        let reader = unsafe { ArrowArrayStreamReader::from_raw(stream_address as *mut FFI_ArrowArrayStream) }
            .map_err(|e| EngineError::new(error::ErrorKind::Execution, format!("importing batches: {e}")))?;
        session(handle).register_batches(name, reader)
    })
}

#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_plan(mut env: JNIEnv, _class: JClass, handle: jlong, sql: JString) -> jlong {
    guarded(&mut env, |env| {
        let sql = string(env, &sql)?;
        Ok(into_handle(session(handle).plan(sql)?))
    })
}

#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_planJson(mut env: JNIEnv, _class: JClass, plan: jlong) -> jstring {
    guarded(&mut env, |env| {
        // Rendering recurses over the plan; do it on a worker's large stack, not the caller's.
        let resolved = planned(plan).plan.clone();
        let json = runtime::run(async move { Ok(plan_json::describe(&resolved).to_string()) })?;
        new_string(env, &json)
    })
}

#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_planText(mut env: JNIEnv, _class: JClass, plan: jlong) -> jstring {
    guarded(&mut env, |env| {
        let resolved = planned(plan).plan.clone();
        let text = runtime::run(async move { Ok(resolved.display_indent().to_string()) })?;
        new_string(env, &text)
    })
}

#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_closePlan(mut env: JNIEnv, _class: JClass, plan: jlong) {
    guarded(&mut env, |_| {
        unsafe { close_handle::<PlannedStatement>(plan) };
        Ok(())
    })
}

#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_execute(
    mut env: JNIEnv,
    _class: JClass,
    handle: jlong,
    plan: jlong,
    stream_address: jlong,
) -> jlong {
    guarded(&mut env, |_| {
        let (control, reader) = session(handle).execute(planned(plan))?;
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        unsafe { std::ptr::write_unaligned(stream_address as *mut FFI_ArrowArrayStream, stream) };
        Ok(into_handle::<QueryHandle>(control))
    })
}

#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_cancelQuery(mut env: JNIEnv, _class: JClass, handle: jlong) {
    guarded(&mut env, |_| {
        query(handle).cancel();
        Ok(())
    })
}

#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_throwQueryFailure(mut env: JNIEnv, _class: JClass, handle: jlong) {
    guarded(&mut env, |_| match query(handle).take_failure() {
        Some(error) => Err(error),
        None => Ok(()),
    })
}

#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_closeQuery(mut env: JNIEnv, _class: JClass, handle: jlong) {
    guarded(&mut env, |_| {
        unsafe { close_handle::<QueryHandle>(handle) };
        Ok(())
    })
}

#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_write(
    mut env: JNIEnv,
    _class: JClass,
    handle: jlong,
    plan: jlong,
    format: jint,
    path: JString,
    single_file: jboolean,
) -> jlong {
    guarded(&mut env, |env| {
        let path = string(env, &path)?;
        let rows = session(handle).write(planned(plan), FileFormat::from_code(format)?, path, single_file == JNI_TRUE)?;
        Ok(rows as jlong)
    })
}

/// Only for the crash test: proves a Rust panic reaches Java as an exception.
#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_panicForTest(mut env: JNIEnv, _class: JClass) {
    guarded(&mut env, |_| -> EngineResult<()> { panic!("deliberate test panic") })
}

