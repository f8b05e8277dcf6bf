//! Restricted mode: what untrusted SQL may do. Only a single query over the tables Parley
//! registered. Each gate names what it refused; the plan check at the end is the one that
//! holds even if a statement slips past the syntactic gates.

use crate::error::{EngineError, EngineResult};
use datafusion::common::tree_node::TreeNodeRecursion;
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

/// The plan-level gate: no DDL, DML or statements in any subquery, and every scan reads a
/// table Parley registered in this session.
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
            LogicalPlan::TableScan(scan) if !registered.contains(scan.table_name.table()) => {
                Some(format!("restricted mode: table '{}' is not registered", scan.table_name))
            }
            LogicalPlan::Copy(_) => Some("restricted mode: COPY is not allowed".to_string()),
            LogicalPlan::Explain(_) | LogicalPlan::Analyze(_) => {
                Some("restricted mode: EXPLAIN is not allowed".to_string())
            }
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
            TableFactor::JsonTable { .. } | TableFactor::OpenJsonTable { .. } | TableFactor::XmlTable { .. } => {
                Some(factor.to_string())
            }
            _ => None,
        };
        match function {
            Some(name) => ControlFlow::Break(format!("restricted mode: table function {name} is not allowed")),
            None => ControlFlow::Continue(()),
        }
    }

    fn pre_visit_relation(&mut self, relation: &ObjectName) -> ControlFlow<String> {
        let names_schema = relation.0.len() > 1
            && relation.0.iter().rev().nth(1).and_then(|p| p.as_ident()).is_some_and(|i| {
                i.value.eq_ignore_ascii_case("information_schema")
            });
        if names_schema {
            return ControlFlow::Break(format!("restricted mode: {relation} is not available"));
        }
        ControlFlow::Continue(())
    }
}
