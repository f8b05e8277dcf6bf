//! Restricted mode: what untrusted SQL may do. Only a single query over the tables Parley
//! registered. Each gate names what it refused; the plan check at the end is the one that
//! holds even if a statement slips past the syntactic gates.

use crate::error::{EngineError, EngineResult};
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::common::TableReference;
use datafusion::execution::context::SQLOptions;
use datafusion::logical_expr::LogicalPlan;
use datafusion::sql::parser::Statement;
use datafusion::sql::sqlparser::ast::{ObjectName, Statement as SqlStatement, TableFactor, Visit, Visitor};
use std::collections::HashSet;
use std::ops::ControlFlow;

pub fn check_statement(statement: &Statement) -> EngineResult<()> {
    let query = match statement {
        Statement::Statement(inner) => match inner.as_ref() {
            SqlStatement::Query(query) => query,
            other => return Err(refused(&statement_kind(other))),
        },
        Statement::CreateExternalTable(_) => return Err(refused("CREATE EXTERNAL TABLE")),
        Statement::CopyTo(_) => return Err(refused("COPY")),
        Statement::Explain(_) => return Err(refused("EXPLAIN")),
        Statement::Reset(_) => return Err(refused("RESET")),
    };
    match query.visit(&mut Sources) {
        ControlFlow::Break(message) => Err(EngineError::not_allowed(message)),
        ControlFlow::Continue(()) => Ok(()),
    }
}

/// DataFusion's default catalog and schema, which a bare table name lives in.
const DEFAULT_CATALOG: &str = "datafusion";
const DEFAULT_SCHEMA: &str = "public";

/// Where a name Parley registers lives: `table` in the default schema, or `schema.table` (a
/// database of the caller's data catalog) in a schema of its own.
pub fn table_reference(name: &str) -> TableReference {
    match name.split_once('.') {
        Some((schema, table)) => TableReference::partial(schema, table),
        None => TableReference::bare(name),
    }
}

/// The one spelling of a table in the registered set, whichever way a query names it.
pub fn resolved_name(reference: &TableReference) -> String {
    reference.clone().resolve(DEFAULT_CATALOG, DEFAULT_SCHEMA).to_string()
}

/// The plan-level gate: no DDL, DML or statements in any subquery, and every scan reads a
/// table Parley registered in this session (compared by catalog, schema and table).
pub fn check_plan(plan: &LogicalPlan, registered: &HashSet<String>) -> EngineResult<()> {
    SQLOptions::new()
        .with_allow_ddl(false)
        .with_allow_dml(false)
        .with_allow_statements(false)
        .verify_plan(plan)
        .map_err(|e| EngineError::not_allowed(format!("restricted mode: {}", e.strip_backtrace())))?;
    let mut violation = None;
    plan.apply_with_subqueries(|node| {
        let problem = match node {
            LogicalPlan::TableScan(scan) if !registered.contains(&resolved_name(&scan.table_name)) => {
                Some(format!("restricted mode: table '{}' is not registered", scan.table_name))
            }
            LogicalPlan::Copy(_) => Some("restricted mode: COPY is not allowed".to_string()),
            LogicalPlan::Explain(_) | LogicalPlan::Analyze(_) => Some("restricted mode: EXPLAIN is not allowed".to_string()),
            LogicalPlan::Extension(_) | LogicalPlan::DescribeTable(_) => {
                Some(format!("restricted mode: plan node {} is not allowed", node.display()))
            }
            _ => None,
        };
        match problem {
            Some(message) => {
                violation = Some(message);
                Ok(TreeNodeRecursion::Stop)
            }
            None => Ok(TreeNodeRecursion::Continue),
        }
    })
    .map_err(|e| EngineError::internal(e.strip_backtrace()))?;
    match violation {
        Some(message) => Err(EngineError::not_allowed(message)),
        None => Ok(()),
    }
}

fn refused(kind: &str) -> EngineError {
    EngineError::not_allowed(format!("restricted mode: only SELECT queries are allowed, not {kind}"))
}

/// "CREATE TABLE", "INSERT", "SET", ...: the leading keywords of the statement as written back.
fn statement_kind(statement: &SqlStatement) -> String {
    let text = statement.to_string();
    let mut words = text.split_whitespace();
    let first = words.next().unwrap_or("statement").to_uppercase();
    match first.as_str() {
        "CREATE" | "DROP" | "ALTER" | "SHOW" | "TRUNCATE" => {
            format!("{first} {}", words.next().unwrap_or("").to_uppercase()).trim().to_string()
        }
        _ => first,
    }
}

/// Refuses sources other than plain table names: table functions (which could open files
/// or generate unbounded data) and the information schema.
struct Sources;

impl Visitor for Sources {
    type Break = String;

    fn pre_visit_table_factor(&mut self, factor: &TableFactor) -> ControlFlow<String> {
        let function = match factor {
            TableFactor::Table { name, args: Some(_), .. } => Some(name.to_string()),
            TableFactor::Function { name, .. } => Some(name.to_string()),
            TableFactor::TableFunction { expr, .. } => Some(expr.to_string()),
            TableFactor::JsonTable { .. } | TableFactor::OpenJsonTable { .. } | TableFactor::XmlTable { .. } => Some(factor.to_string()),
            _ => None,
        };
        match function {
            Some(name) => ControlFlow::Break(format!("restricted mode: table function {name} is not allowed")),
            None => ControlFlow::Continue(()),
        }
    }

    fn pre_visit_relation(&mut self, relation: &ObjectName) -> ControlFlow<String> {
        let names_schema = relation.0.len() > 1
            && relation
                .0
                .iter()
                .rev()
                .nth(1)
                .and_then(|p| p.as_ident())
                .is_some_and(|i| i.value.eq_ignore_ascii_case("information_schema"));
        if names_schema {
            return ControlFlow::Break(format!("restricted mode: {relation} is not available"));
        }
        ControlFlow::Continue(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::test_support::plan;
    use datafusion::sql::parser::DFParser;

    fn statement_refusal(sql: &str) -> Option<String> {
        let statement = DFParser::parse_sql(sql)
            .expect("the test statement parses")
            .pop_front()
            .expect("one statement");
        check_statement(&statement).err().map(|error| {
            assert_eq!(error.kind, ErrorKind::NotAllowed);
            error.message
        })
    }

    fn plan_refusal(sql: &str, registered: &[&str]) -> Option<String> {
        let registered = registered.iter().map(|name| resolved_name(&table_reference(name))).collect();
        check_plan(&plan(sql), &registered).err().map(|error| {
            assert_eq!(error.kind, ErrorKind::NotAllowed);
            error.message
        })
    }

    #[test]
    fn a_table_is_known_by_its_schema_too() {
        assert_eq!(plan_refusal("SELECT amount FROM sales.orders", &["sales.orders"]), None);
        assert_eq!(plan_refusal("SELECT amount FROM datafusion.sales.orders", &["sales.orders"]), None);
        assert_eq!(
            plan_refusal("SELECT amount FROM sales.orders", &["orders"]),
            Some("restricted mode: table 'sales.orders' is not registered".to_string()),
            "a registered table of the default schema does not open another schema's table of that name"
        );
        assert_eq!(
            plan_refusal("SELECT amount FROM public.orders", &["orders"]),
            None,
            "the default schema may be named"
        );
    }

    #[test]
    fn queries_pass_the_statement_gate() {
        for sql in [
            "SELECT city, count(*) FROM people GROUP BY city",
            "WITH o AS (SELECT * FROM orders) SELECT * FROM people JOIN o ON id = person",
            "SELECT * FROM people WHERE id IN (SELECT person FROM orders) UNION SELECT 1, 'x'",
            "VALUES (1), (2)",
        ] {
            assert_eq!(statement_refusal(sql), None, "{sql}");
        }
    }

    #[test]
    fn other_statements_are_refused_by_name() {
        for (sql, kind) in [
            ("INSERT INTO people VALUES (4, 'Rome')", "INSERT"),
            ("CREATE TABLE t (a INT)", "CREATE TABLE"),
            ("DROP VIEW v", "DROP VIEW"),
            ("SET datafusion.execution.batch_size = 1", "SET"),
            ("COPY people TO 'people.csv'", "COPY"),
            ("EXPLAIN SELECT 1", "EXPLAIN"),
            (
                "CREATE EXTERNAL TABLE t STORED AS CSV LOCATION '/etc/passwd'",
                "CREATE EXTERNAL TABLE",
            ),
        ] {
            assert_eq!(
                statement_refusal(sql),
                Some(format!("restricted mode: only SELECT queries are allowed, not {kind}")),
                "{sql}"
            );
        }
    }

    #[test]
    fn table_functions_and_the_information_schema_are_refused_anywhere_in_the_query() {
        assert_eq!(
            statement_refusal("SELECT * FROM generate_series(1, 10)"),
            Some("restricted mode: table function generate_series is not allowed".to_string())
        );
        assert_eq!(
            statement_refusal("SELECT * FROM people WHERE id IN (SELECT value FROM range(3))"),
            Some("restricted mode: table function range is not allowed".to_string())
        );
        assert_eq!(
            statement_refusal("WITH t AS (SELECT * FROM INFORMATION_SCHEMA.tables) SELECT * FROM t"),
            Some("restricted mode: INFORMATION_SCHEMA.tables is not available".to_string())
        );
        assert_eq!(statement_refusal("SELECT * FROM information_schema_tables"), None);
    }

    #[test]
    fn the_plan_may_scan_only_registered_tables_including_in_subqueries() {
        let sql = "SELECT city FROM people WHERE id IN (SELECT person FROM orders)";
        assert_eq!(plan_refusal(sql, &["people", "orders"]), None);
        assert_eq!(
            plan_refusal(sql, &["people"]),
            Some("restricted mode: table 'orders' is not registered".to_string())
        );
        assert_eq!(
            plan_refusal(sql, &["orders"]),
            Some("restricted mode: table 'people' is not registered".to_string())
        );
    }

    #[test]
    fn explain_and_statements_are_refused_in_the_plan() {
        assert_eq!(
            plan_refusal("EXPLAIN SELECT * FROM people", &["people"]),
            Some("restricted mode: EXPLAIN is not allowed".to_string())
        );
        let ddl = plan_refusal("CREATE VIEW v AS SELECT * FROM people", &["people"]).expect("DDL is refused");
        assert!(ddl.starts_with("restricted mode: ") && ddl.contains("DDL not supported"), "{ddl}");
    }

    #[test]
    fn statement_kinds_are_the_leading_keywords() {
        let kind = |sql: &str| match DFParser::parse_sql(sql).unwrap().pop_front().unwrap() {
            Statement::Statement(inner) => statement_kind(&inner),
            other => panic!("not a plain statement: {other}"),
        };
        assert_eq!(kind("delete from people where id = 1"), "DELETE");
        assert_eq!(kind("create   table t (a int)"), "CREATE TABLE");
        assert_eq!(kind("show tables"), "SHOW TABLES");
        assert_eq!(kind("alter table people rename to persons"), "ALTER TABLE");
    }
}
