//! Parley's JNI surface over Apache DataFusion. Java owns every handle returned here and
//! gives it back exactly once to the matching `close*` function; Java also guarantees that no
//! call uses a handle after its close (see `EngineSession`), and a zero handle is refused here.
//! Every entry point catches panics and turns every failure into a typed Java exception, so no
//! input can unwind into the JVM.

mod cancel;
mod cooperative;
mod error;
mod limits;
mod panic_report;
mod plan_json;
mod query;
mod restricted;
mod runtime;
mod session;
#[cfg(test)]
mod test_support;
mod watchdog;

use arrow::ffi_stream::{ArrowArrayStreamReader, FFI_ArrowArrayStream};
use error::{EngineError, EngineResult, ErrorKind};
use jni::objects::{JClass, JObject, JString, JThrowable, JValue};
use jni::sys::{jboolean, jint, jlong, jobjectArray, jsize, jstring, JNI_TRUE, JNI_VERSION_1_8};
use jni::JNIEnv;
use query::QueryControl;
use session::{FileFormat, PlannedStatement, Session, SessionOptions};
use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::Duration;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

type SessionHandle = Arc<Session>;
type QueryHandle = Arc<QueryControl>;

/// Called by the JVM as it loads the library, before any other entry point.
#[no_mangle]
pub extern "system" fn JNI_OnLoad(_vm: *mut jni::sys::JavaVM, _reserved: *mut c_void) -> jint {
    panic_report::install_hook();
    JNI_VERSION_1_8
}

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

/// Throws the exception class of the error's kind; there is no code table to keep in step
/// with Java. Only `SqlException` carries more than the message: the position.
fn throw(env: &mut JNIEnv, error: &EngineError) {
    let class = error.kind.java_class();
    let thrown = match error.kind {
        ErrorKind::Sql => (|| {
            let message = env.new_string(&error.message)?;
            let exception = env.new_object(
                class,
                "(Ljava/lang/String;JJ)V",
                &[
                    JValue::Object(&message),
                    JValue::Long(error.line as jlong),
                    JValue::Long(error.column as jlong),
                ],
            )?;
            env.throw(JThrowable::from(exception))
        })(),
        _ => env.throw_new(class, &error.message),
    };
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

fn string_array(env: &mut JNIEnv, values: &[&str]) -> EngineResult<jobjectArray> {
    let failed = |e: jni::errors::Error| EngineError::internal(format!("creating a Java array: {e}"));
    let array = env
        .new_object_array(values.len() as jsize, "java/lang/String", JObject::null())
        .map_err(failed)?;
    for (index, value) in values.iter().enumerate() {
        let element = env.new_string(value).map_err(failed)?;
        env.set_object_array_element(&array, index as jsize, element).map_err(failed)?;
    }
    Ok(array.into_raw())
}

/// The object behind a handle from Java. Java's wrappers never pass a closed handle (zero), but
/// one that did would be dereferenced here, so a zero fails as an internal error instead.
///
/// # Safety
/// A non-zero handle came from `into_handle::<T>` and was not closed.
unsafe fn from_handle<'a, T>(handle: jlong, what: &str) -> EngineResult<&'a T> {
    if handle == 0 {
        return Err(EngineError::internal(format!("null {what} handle")));
    }
    Ok(&*(handle as *const T))
}

fn session<'a>(handle: jlong) -> EngineResult<&'a SessionHandle> {
    unsafe { from_handle(handle, "session") }
}

fn planned<'a>(handle: jlong) -> EngineResult<&'a PlannedStatement> {
    unsafe { from_handle(handle, "plan") }
}

fn query<'a>(handle: jlong) -> EngineResult<&'a QueryHandle> {
    unsafe { from_handle(handle, "query") }
}

/// The address of an Arrow C stream struct Java allocated.
fn stream_struct(address: jlong) -> EngineResult<*mut FFI_ArrowArrayStream> {
    if address == 0 {
        return Err(EngineError::internal("null Arrow stream address"));
    }
    Ok(address as *mut FFI_ArrowArrayStream)
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
            time_limit: u64::try_from(time_limit_millis)
                .ok()
                .filter(|&ms| ms > 0)
                .map(Duration::from_millis),
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
        session(handle)?.cancel();
        Ok(())
    })
}

#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_memoryReserved(mut env: JNIEnv, _class: JClass, handle: jlong) -> jlong {
    guarded(&mut env, |_| Ok(session(handle)?.memory_reserved() as jlong))
}

#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_registerFiles(
    mut env: JNIEnv,
    _class: JClass,
    handle: jlong,
    format: JString,
    name: JString,
    path: JString,
    directory: jboolean,
) {
    guarded(&mut env, |env| {
        let session = session(handle)?;
        let format = FileFormat::from_java_name(&string(env, &format)?)?;
        let name = string(env, &name)?;
        let path = string(env, &path)?;
        session.register_files(format, name, path, directory == JNI_TRUE)
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
        let session = session(handle)?;
        let name = string(env, &name)?;
        // Moves the stream out of Java's struct, which is left released.
        let reader = unsafe { ArrowArrayStreamReader::from_raw(stream_struct(stream_address)?) }
            .map_err(|e| EngineError::new(ErrorKind::Execution, format!("importing batches: {e}")))?;
        session.register_batches(name, reader)
    })
}

#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_plan(mut env: JNIEnv, _class: JClass, handle: jlong, sql: JString) -> jlong {
    guarded(&mut env, |env| {
        let session = session(handle)?;
        let sql = string(env, &sql)?;
        Ok(into_handle(session.plan(sql)?))
    })
}

#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_planJson(mut env: JNIEnv, _class: JClass, plan: jlong) -> jstring {
    guarded(&mut env, |env| {
        // Rendering recurses over the plan; do it on a worker's large stack, not the caller's.
        let resolved = planned(plan)?.plan.clone();
        let json = runtime::run(async move { Ok(plan_json::describe(&resolved).to_string()) })?;
        new_string(env, &json)
    })
}

#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_planText(mut env: JNIEnv, _class: JClass, plan: jlong) -> jstring {
    guarded(&mut env, |env| {
        let resolved = planned(plan)?.plan.clone();
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
        let session = session(handle)?;
        let planned = planned(plan)?;
        let target = stream_struct(stream_address)?;
        let (control, reader) = session.execute(planned)?;
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        unsafe { std::ptr::write_unaligned(target, stream) };
        Ok(into_handle::<QueryHandle>(control))
    })
}

#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_cancelQuery(mut env: JNIEnv, _class: JClass, handle: jlong) {
    guarded(&mut env, |_| {
        query(handle)?.cancel();
        Ok(())
    })
}

#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_throwQueryFailure(mut env: JNIEnv, _class: JClass, handle: jlong) {
    guarded(&mut env, |_| match query(handle)?.take_failure() {
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
    format: JString,
    path: JString,
    single_file: jboolean,
) -> jlong {
    guarded(&mut env, |env| {
        let session = session(handle)?;
        let planned = planned(plan)?;
        let format = FileFormat::from_java_name(&string(env, &format)?)?;
        let path = string(env, &path)?;
        let rows = session.write(planned, format, path, single_file == JNI_TRUE)?;
        Ok(rows as jlong)
    })
}

/// Only for the crash test: proves a Rust panic reaches Java as an exception.
#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_panicForTest(mut env: JNIEnv, _class: JClass) {
    guarded(&mut env, |_| -> EngineResult<()> { panic!("deliberate test panic") })
}

/// The native half of the contract with Java, which `NativeContractTest` compares with
/// `EngineException`'s permitted subclasses: the class thrown for each error kind.
#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_errorClassNames(mut env: JNIEnv, _class: JClass) -> jobjectArray {
    guarded(&mut env, |env| string_array(env, &ErrorKind::ALL.map(ErrorKind::java_class)))
}

/// The other half of the contract: the `FileFormat` constant names the native side accepts.
#[no_mangle]
pub extern "system" fn Java_dev_parley_engine_NativeEngine_fileFormatNames(mut env: JNIEnv, _class: JClass) -> jobjectArray {
    guarded(&mut env, |env| string_array(env, &FileFormat::ALL.map(FileFormat::java_name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal<T>(result: EngineResult<T>) -> Option<(ErrorKind, String)> {
        result.err().map(|error| (error.kind, error.message))
    }

    #[test]
    fn a_zero_handle_is_an_internal_error_not_a_dereference() {
        let internal = |message: &str| Some((ErrorKind::Internal, message.to_string()));
        assert_eq!(refusal(session(0)), internal("null session handle"));
        assert_eq!(refusal(planned(0)), internal("null plan handle"));
        assert_eq!(refusal(query(0)), internal("null query handle"));
        assert_eq!(refusal(stream_struct(0)), internal("null Arrow stream address"));
    }
}
