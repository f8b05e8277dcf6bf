//! A JSON description of a resolved logical plan: the node tree with, for each node, its
//! output schema and the expressions that matter to privacy rules (scans, projections,
//! filters, grouping, aggregates, joins), each expression as a tree of named parts.

use datafusion::common::tree_node::{TreeNode, TreeNodeRecursion};
use datafusion::logical_expr::{Expr, LogicalPlan};
use serde_json::{json, Map, Value};

pub fn describe(plan: &LogicalPlan) -> Value {
    let mut node = Map::new();
    node.insert("node".into(), json!(node_name(plan)));
    node.insert("display".into(), json!(plan.display().to_string()));
    match plan {
        LogicalPlan::TableScan(scan) => {
            node.insert("table".into(), json!(scan.table_name.to_string()));
            let columns: Vec<String> = match &scan.projection {
                Some(indices) => indices.iter().map(|&i| scan.source.schema().field(i).name().clone()).collect(),
                None => scan.source.schema().fields().iter().map(|f| f.name().clone()).collect(),
            };
            node.insert("columns".into(), json!(columns));
            node.insert("filters".into(), exprs(&scan.filters));
        }
        LogicalPlan::Aggregate(aggregate) => {
            node.insert("groupBy".into(), exprs(&aggregate.group_expr));
            node.insert("aggregates".into(), exprs(&aggregate.aggr_expr));
        }
        LogicalPlan::Join(join) => {
            node.insert("joinType".into(), json!(join.join_type.to_string()));
            let on: Vec<Value> = join.on.iter().map(|(l, r)| json!([expr(l), expr(r)])).collect();
            node.insert("on".into(), json!(on));
            node.insert("filter".into(), join.filter.as_ref().map(expr).unwrap_or(Value::Null));
        }
        LogicalPlan::SubqueryAlias(alias) => {
            node.insert("alias".into(), json!(alias.alias.to_string()));
        }
        _ => {
            node.insert("expressions".into(), exprs(&plan.expressions()));
        }
    }
    let schema: Vec<Value> = plan
        .schema()
        .iter()
        .map(|(qualifier, field)| {
            json!({
                "qualifier": qualifier.map(|q| q.to_string()),
                "name": field.name(),
                "type": field.data_type().to_string(),
                "nullable": field.is_nullable(),
            })
        })
        .collect();
    node.insert("schema".into(), json!(schema));
    let inputs: Vec<Value> = plan.inputs().into_iter().map(describe).collect();
    node.insert("inputs".into(), json!(inputs));
    Value::Object(node)
}

/// "Aggregate", "TableScan", ...: the variant as DataFusion displays it. A join displays its
/// type first ("Left Join: ..."); that goes into `joinType`.
fn node_name(plan: &LogicalPlan) -> String {
    if let LogicalPlan::Join(_) = plan {
        return "Join".to_string();
    }
    let display = plan.display().to_string();
    display
        .split(|c: char| c == ':' || c.is_whitespace())
        .next()
        .unwrap_or_default()
        .to_string()
}

fn exprs(list: &[Expr]) -> Value {
    Value::Array(list.iter().map(expr).collect())
}

fn expr(e: &Expr) -> Value {
    let mut node = Map::new();
    node.insert("kind".into(), json!(e.variant_name()));
    match e {
        Expr::Column(column) => {
            node.insert("relation".into(), json!(column.relation.as_ref().map(|r| r.to_string())));
            node.insert("name".into(), json!(column.name));
        }
        Expr::Literal(value, _) => {
            node.insert("value".into(), json!(value.to_string()));
            node.insert("type".into(), json!(value.data_type().to_string()));
        }
        Expr::Alias(alias) => {
            node.insert("name".into(), json!(alias.name));
        }
        Expr::BinaryExpr(binary) => {
            node.insert("op".into(), json!(binary.op.to_string()));
        }
        Expr::ScalarFunction(function) => {
            node.insert("name".into(), json!(function.name()));
        }
        Expr::AggregateFunction(function) => {
            node.insert("name".into(), json!(function.func.name()));
            node.insert("distinct".into(), json!(function.params.distinct));
        }
        Expr::WindowFunction(function) => {
            node.insert("name".into(), json!(function.fun.name()));
        }
        Expr::Cast(cast) => {
            node.insert("type".into(), json!(cast.field.data_type().to_string()));
        }
        Expr::ScalarSubquery(subquery) => {
            node.insert("subquery".into(), describe(&subquery.subquery));
        }
        Expr::InSubquery(in_subquery) => {
            node.insert("subquery".into(), describe(&in_subquery.subquery.subquery));
        }
        Expr::Exists(exists) => {
            node.insert("subquery".into(), describe(&exists.subquery.subquery));
        }
        _ => {}
    }
    node.insert("display".into(), json!(e.to_string()));
    let mut children = Vec::new();
    // Visiting direct children cannot fail; the closure always continues.
    let _ = e.apply_children(|child| {
        children.push(expr(child));
        Ok(TreeNodeRecursion::Continue)
    });
    node.insert("children".into(), json!(children));
    Value::Object(node)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::plan;

    fn names(list: &Value, key: &str) -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|v| v[key].as_str().unwrap().to_string())
            .collect()
    }

    #[test]
    fn an_aggregate_query_shows_its_scan_grouping_and_aggregates() {
        let json = describe(&plan("SELECT city, count(DISTINCT id) AS n FROM people WHERE id > 1 GROUP BY city"));
        assert_eq!(json["node"], "Projection");
        assert_eq!(names(&json["schema"], "name"), ["city", "n"]);
        assert_eq!(json["schema"][1]["type"], "Int64");

        let aggregate = &json["inputs"][0];
        assert_eq!(aggregate["node"], "Aggregate");
        assert_eq!(aggregate["groupBy"][0]["kind"], "Column");
        assert_eq!(aggregate["groupBy"][0]["relation"], "people");
        assert_eq!(aggregate["groupBy"][0]["name"], "city");
        let count = &aggregate["aggregates"][0];
        assert_eq!(
            (&count["kind"], &count["name"], &count["distinct"]),
            (&json!("AggregateFunction"), &json!("count"), &json!(true))
        );
        assert_eq!(count["children"][0]["name"], "id");

        let filter = &aggregate["inputs"][0];
        assert_eq!(filter["node"], "Filter");
        let condition = &filter["expressions"][0];
        assert_eq!((&condition["kind"], &condition["op"]), (&json!("BinaryExpr"), &json!(">")));
        assert_eq!(names(&condition["children"], "kind"), ["Column", "Literal"]);
        assert_eq!(condition["children"][1]["type"], "Int64");

        let scan = &filter["inputs"][0];
        assert_eq!(scan["node"], "TableScan");
        assert_eq!(scan["table"], "people");
        assert_eq!(scan["columns"], json!(["id", "city"]));
        assert_eq!(scan["inputs"], json!([]));
    }

    #[test]
    fn a_join_shows_its_type_keys_and_aliases() {
        let json = describe(&plan(
            "SELECT p.city FROM people p LEFT JOIN orders o ON p.id = o.person AND o.amount > 15",
        ));
        let join = &json["inputs"][0];
        assert_eq!(join["node"], "Join");
        assert_eq!(join["joinType"], "Left");
        assert_eq!(join["inputs"][0]["node"], "SubqueryAlias");
        assert_eq!(join["inputs"][0]["alias"], "p");
        assert_eq!(join["inputs"][1]["alias"], "o");
        // Unoptimized, the whole condition is still the join filter; the keys are extracted later.
        assert_eq!(join["on"], json!([]));
        assert_eq!(join["filter"]["op"], "AND");
        assert_eq!(join["filter"]["children"][0]["children"][0]["relation"], "p");
    }

    #[test]
    fn subqueries_in_expressions_are_described() {
        let json = describe(&plan("SELECT city FROM people WHERE id IN (SELECT person FROM orders)"));
        let condition = &json["inputs"][0]["expressions"][0];
        assert_eq!(condition["kind"], "InSubquery");
        assert_eq!(condition["subquery"]["node"], "Projection");
        assert_eq!(condition["subquery"]["inputs"][0]["table"], "orders");
    }
}
