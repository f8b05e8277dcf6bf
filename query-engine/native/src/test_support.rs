//! Resolved plans for unit tests, made by a plain DataFusion context without JNI.

use arrow::array::{ArrayRef, Int64Array, RecordBatch, StringArray};
use datafusion::catalog::MemTable;
use datafusion::common::TableReference;
use datafusion::logical_expr::LogicalPlan;
use datafusion::prelude::SessionContext;
use std::sync::Arc;

/// Plans `sql` (resolved, not optimized, as `Session::plan` does) over two small tables:
/// `people(id, city)` and `orders(person, amount)`, and a copy of `orders` as `sales.orders`.
pub fn plan(sql: &str) -> LogicalPlan {
    let ctx = SessionContext::new();
    let people = RecordBatch::try_from_iter([
        ("id", Arc::new(Int64Array::from(vec![1, 2, 3])) as ArrayRef),
        ("city", Arc::new(StringArray::from(vec!["Oslo", "Bergen", "Oslo"])) as ArrayRef),
    ])
    .unwrap();
    let orders = RecordBatch::try_from_iter([
        ("person", Arc::new(Int64Array::from(vec![1, 1, 3])) as ArrayRef),
        ("amount", Arc::new(Int64Array::from(vec![10, 20, 30])) as ArrayRef),
    ])
    .unwrap();
    ctx.register_batch("people", people).unwrap();
    ctx.register_batch("orders", orders.clone()).unwrap();
    crate::session::ensure_schema(&ctx, &TableReference::partial("sales", "orders")).unwrap();
    let sales_orders = MemTable::try_new(orders.schema(), vec![vec![orders]]).unwrap();
    ctx.register_table(TableReference::partial("sales", "orders"), Arc::new(sales_orders))
        .unwrap();
    futures::executor::block_on(ctx.state().create_logical_plan(sql)).unwrap()
}
