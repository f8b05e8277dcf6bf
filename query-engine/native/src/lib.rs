pub use datafusion;
pub use datafusion_spark;
