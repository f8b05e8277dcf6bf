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

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::sql::parser::DFParser;

    fn check(sql: &str) -> EngineResult<()> {
        check_text(sql)?;
        let mut statements = DFParser::parse_sql(sql).expect("the test statement parses");
        check_statement(&statements.pop_front().expect("one statement"))
    }

    fn refusal(sql: &str) -> String {
        let error = check(sql).expect_err("the statement is over a limit");
        assert_eq!(error.kind, ErrorKind::Sql);
        error.message
    }

    /// `SELECT 1 + 1 + ...` with `terms` terms: a left-deep chain `terms - 1` operators deep.
    fn chain(terms: usize) -> String {
        format!("SELECT {}", vec!["1"; terms].join(" + "))
    }

    #[test]
    fn text_over_the_byte_limit_is_refused() {
        let sql = format!("SELECT 1{}", " ".repeat(MAX_SQL_BYTES));
        assert_eq!(
            refusal(&sql),
            format!("statement is {} bytes; the limit is {MAX_SQL_BYTES}", MAX_SQL_BYTES + 8)
        );
    }

    #[test]
    fn text_over_the_token_limit_is_refused_and_whitespace_does_not_count() {
        // 1 + (2 * terms - 1) significant tokens.
        let at_limit = format!("SELECT {}", vec!["1"; MAX_SQL_TOKENS / 2].join(" + "));
        assert!(check_text(&at_limit).is_ok());
        let over = format!("{at_limit} + 1");
        assert_eq!(
            check_text(&over).unwrap_err().message,
            format!("statement has {} tokens; the limit is {MAX_SQL_TOKENS}", MAX_SQL_TOKENS + 2)
        );
    }

    #[test]
    fn text_that_does_not_tokenize_is_a_sql_error() {
        let error = check_text("SELECT 'unterminated").unwrap_err();
        assert_eq!(error.kind, ErrorKind::Sql);
        assert!(error.message.starts_with("SQL tokenizer error: "), "{}", error.message);
    }

    #[test]
    fn expression_nesting_is_bounded() {
        // The select item itself is the outermost expression; each operator nests one more.
        assert!(check(&chain(MAX_EXPRESSION_DEPTH)).is_ok());
        assert_eq!(
            refusal(&chain(MAX_EXPRESSION_DEPTH + 1)),
            format!("expression nesting exceeds the limit of {MAX_EXPRESSION_DEPTH}")
        );
    }

    #[test]
    fn many_flat_expressions_are_not_nesting() {
        let wide = format!("SELECT {}", vec!["1 + 1"; 2 * MAX_EXPRESSION_DEPTH].join(", "));
        assert!(check(&wide).is_ok());
    }

    #[test]
    fn select_blocks_are_bounded() {
        let union = |n: usize| vec!["SELECT 1"; n].join(" UNION ALL ");
        assert!(check(&union(MAX_SELECTS)).is_ok());
        assert_eq!(
            refusal(&union(MAX_SELECTS + 1)),
            format!("statement has more than {MAX_SELECTS} SELECT blocks")
        );
    }

    #[test]
    fn relations_are_bounded() {
        let from = |n: usize| format!("SELECT 1 FROM {}", (0..n).map(|i| format!("t{i}")).collect::<Vec<_>>().join(", "));
        assert!(check(&from(MAX_RELATIONS)).is_ok());
        assert_eq!(
            refusal(&from(MAX_RELATIONS + 1)),
            format!("statement reads more than {MAX_RELATIONS} relations")
        );
    }

    #[test]
    fn the_statement_inside_explain_and_copy_is_checked() {
        assert!(refusal(&format!("EXPLAIN {}", chain(MAX_EXPRESSION_DEPTH + 1))).contains("nesting"));
        assert!(refusal(&format!("COPY ({}) TO 'out.csv'", chain(MAX_EXPRESSION_DEPTH + 1))).contains("nesting"));
    }
}
