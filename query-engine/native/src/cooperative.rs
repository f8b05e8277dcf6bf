//! Makes every operator give its thread back regularly. DataFusion only makes the leaves of a
//! plan cooperative; an operator that produces many batches from buffered state (a cross join
//! feeding an aggregate, for example) can then run for seconds without ever returning to
//! tokio, and an aborted task is only dropped, and its memory freed, when it does return.
//! Wrapping each inner operator in `CooperativeExec` spends tokio's task budget per batch, so
//! a cancelled query stops within a fraction of a second.

use datafusion::common::config::ConfigOptions;
use datafusion::common::tree_node::{Transformed, TreeNode};
use datafusion::error::Result;
use datafusion::physical_optimizer::PhysicalOptimizerRule;
use datafusion::physical_plan::coop::CooperativeExec;
use datafusion::physical_plan::ExecutionPlan;
use std::sync::Arc;

#[derive(Debug, Default)]
pub struct YieldEverywhere;

impl PhysicalOptimizerRule for YieldEverywhere {
    fn optimize(&self, plan: Arc<dyn ExecutionPlan>, _config: &ConfigOptions) -> Result<Arc<dyn ExecutionPlan>> {
        plan.transform_up(|node| {
            let is_inner = !node.children().is_empty();
            if is_inner && !node.is::<CooperativeExec>() {
                Ok(Transformed::yes(Arc::new(CooperativeExec::new(node)) as Arc<dyn ExecutionPlan>))
            } else {
                Ok(Transformed::no(node))
            }
        })
        .map(|t| t.data)
    }

    fn name(&self) -> &str {
        "ParleyYieldEverywhere"
    }

    fn schema_check(&self) -> bool {
        true
    }
}
