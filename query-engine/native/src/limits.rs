//! Size limits applied to every statement before DataFusion plans it. Left-associative chains
//! (`a + b + ...`, `... UNION ...`, joins) are built by loops in the parser, so its own
//! recursion limit does not bound the depth of the tree that the planner and the optimizer
//! then recurse over; without these limits a long enough statement overflows a native stack.

use crate::error::{EngineError, EngineResult, ErrorKind};
use datafusion::sql::parser::{CopyToSource, Statement};
use datafusion::sql::sqlparser::ast::{Expr, Select, TableFactor, Visit, Visitor};
use datafusion::sql::sqlparser::dialect::GenericDialect;
use datafusion::sql::sqlparser::tokenizer::{Token, Tokenizer};
use std::ops::ControlFlow;

pub const MAX_SQL_BYTES: usize = 1 << 20;
pub const MAX_SQL_TOKENS: usize = 100_000;
pub const MAX_EXPRESSION_DEPTH: usize = 256;
pub const MAX_SELECTS: usize = 256;
pub const MAX_RELATIONS: usize = 256;

pub fn check_text(sql: &str) -> EngineResult<()> {
    if sql.len() > MAX_SQL_BYTES {
        return Err(EngineError::new(
            ErrorKind::Sql,
            format!("statement is {} bytes; the limit is {MAX_SQL_BYTES}", sql.len()),
        ));
    }
    // Tokenizing is linear and flat; it bounds the size of the tree the parser may build.
    let tokens = Tokenizer::new(&GenericDialect {}, sql)
        .tokenize()
        .map_err(|e| EngineError::new(ErrorKind::Sql, format!("SQL tokenizer error: {e}")))?;
    let significant = tokens.iter().filter(|t| !matches!(t, Token::Whitespace(_))).count();
    if significant > MAX_SQL_TOKENS {
        return Err(EngineError::new(
            ErrorKind::Sql,
            format!("statement has {significant} tokens; the limit is {MAX_SQL_TOKENS}"),
        ));
    }
    Ok(())
}

pub fn check_statement(statement: &Statement) -> EngineResult<()> {
    let mut shape = Shape::default();
    let flow = match statement {
        Statement::Statement(inner) => inner.visit(&mut shape),
        Statement::CopyTo(copy) => match &copy.source {
            CopyToSource::Query(query) => query.visit(&mut shape),
            CopyToSource::Relation(_) => ControlFlow::Continue(()),
        },
        Statement::Explain(explain) => return check_statement(&explain.statement),
        Statement::CreateExternalTable(_) | Statement::Reset(_) => ControlFlow::Continue(()),
    };
    match flow {
        ControlFlow::Break(message) => Err(EngineError::new(ErrorKind::Sql, message)),
        ControlFlow::Continue(()) => Ok(()),
    }
}

#[derive(Default)]
struct Shape {
    depth: usize,
    selects: usize,
    relations: usize,
}

impl Visitor for Shape {
    type Break = String;

    fn pre_visit_expr(&mut self, _expr: &Expr) -> ControlFlow<String> {
        self.depth += 1;
        if self.depth > MAX_EXPRESSION_DEPTH {
            return ControlFlow::Break(format!("expression nesting exceeds the limit of {MAX_EXPRESSION_DEPTH}"));
        }
        ControlFlow::Continue(())
    }

    fn post_visit_expr(&mut self, _expr: &Expr) -> ControlFlow<String> {
        self.depth -= 1;
        ControlFlow::Continue(())
    }

    fn pre_visit_select(&mut self, _select: &Select) -> ControlFlow<String> {
        self.selects += 1;
        if self.selects > MAX_SELECTS {
            return ControlFlow::Break(format!("statement has more than {MAX_SELECTS} SELECT blocks"));
        }
        ControlFlow::Continue(())
    }

    fn pre_visit_table_factor(&mut self, _factor: &TableFactor) -> ControlFlow<String> {
        self.relations += 1;
        if self.relations > MAX_RELATIONS {
            return ControlFlow::Break(format!("statement reads more than {MAX_RELATIONS} relations"));
        }
        ControlFlow::Continue(())
    }
}
