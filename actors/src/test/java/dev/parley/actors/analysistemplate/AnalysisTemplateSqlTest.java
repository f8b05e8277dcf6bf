package dev.parley.actors.analysistemplate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.actors.analysistemplate.AnalysisTemplate.AnalysisFormat;
import dev.parley.actors.analysistemplate.AnalysisTemplate.AnalysisParameter;
import dev.parley.actors.analysistemplate.AnalysisTemplate.ParameterType;
import dev.parley.actors.catalog.Column;
import dev.parley.actors.common.Rejection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parameters, defaults and SQL validated as a template's creation validates them, on the real engine. */
class AnalysisTemplateSqlTest {

    static final Map<String, List<Column>> SCHEMAS = Map.of(
            "orders",
            List.of(new Column("email", "string"), new Column("amount", "decimal(10,2)"), new Column("day", "date")),
            "Web Visits",
            List.of(new Column("email", "string"), new Column("visits", "bigint")));

    static List<String> referenced(String sql, AnalysisParameter... parameters) {
        return AnalysisTemplateSql.referencedTables(AnalysisFormat.SQL, sql, List.of(parameters), SCHEMAS);
    }

    static AnalysisParameter parameter(String name, ParameterType type, String defaultValue) {
        return new AnalysisParameter(name, type, defaultValue);
    }

    static String invalid(String sql, AnalysisParameter... parameters) {
        return assertThrows(Rejection.Invalid.class, () -> referenced(sql, parameters))
                .getMessage();
    }

    @Test
    void theReferencedTablesAreThoseThePlanScansUnderTheirSchemaNames() {
        assertEquals(
                List.of("Web Visits", "orders"),
                referenced(
                        """
                        SELECT o.day, SUM(v.visits) FROM orders o JOIN "web visits" v ON o.email = v.email
                        WHERE o.amount > :floor AND o.day >= :since GROUP BY o.day""",
                        parameter("floor", ParameterType.DECIMAL, "10.5"),
                        parameter("since", ParameterType.DATE, "2024-01-01")));
        assertEquals(
                List.of("orders"),
                referenced("SELECT COUNT(*) FROM ORDERS WHERE email IN (SELECT email FROM orders WHERE amount > 1)"));
    }

    @Test
    void parametersAreFoundOutsideLiteralsIdentifiersCommentsAndCasts() {
        var rewritten = AnalysisTemplateSql.rewrite("""
                SELECT ':not' AS a, "x:y", amount::bigint, arr[1:2] -- :comment
                /* :block /* :nested */ :still */ FROM t WHERE a = :one AND b=:two""", Map.of("one", ParameterType.INT, "two", ParameterType.STRING));
        assertEquals(Set.of("one", "two"), rewritten.used());
        assertTrue(rewritten.sql().contains("a = CAST($one AS INT) AND b=CAST($two AS VARCHAR)"));
        assertTrue(rewritten.sql().contains("':not'") && rewritten.sql().contains("amount::bigint"));
    }

    @Test
    void everyProblemIsAValidationError() {
        assertTrue(invalid("SELECT * FROM clicks").contains("clicks"), "an unknown table");
        assertTrue(
                invalid("SELECT * FROM orders", parameter("floor", ParameterType.INT, null))
                        .contains("not used"),
                "an unused parameter");
        assertTrue(invalid("SELECT * FROM orders WHERE amount > :floor").contains(":floor"), "an undeclared one");
        assertTrue(invalid("SELECT * FROM orders WHERE amount > $floor").contains("$floor"), "a placeholder as is");
        assertTrue(
                invalid(
                                        "SELECT CASE WHEN amount > 1 THEN:floor END FROM orders",
                                        parameter("floor", ParameterType.INT, null))
                                .length()
                        > 0,
                "a colon the rewrite does not take for a parameter is not planned silently");
        assertTrue(
                invalid("SELECT * FROM orders WHERE amount > :floor", parameter("floor", ParameterType.INT, "1.5"))
                        .contains("default value"),
                "a default that is not of its type");
        assertTrue(invalid("SELECT 1 FROM orders; SELECT 2 FROM orders").contains("single"), "two statements");
        assertTrue(invalid("DELETE FROM orders").length() > 0, "not a query");
        assertTrue(invalid("SELECT nope FROM orders").contains("nope"), "a column that is not allowed");
        assertTrue(assertThrows(
                        Rejection.Invalid.class,
                        () -> AnalysisTemplateSql.referencedTables(
                                AnalysisFormat.PYSPARK_1_0, null, List.of(), SCHEMAS))
                .getMessage()
                .contains("PYSPARK_1_0"));
    }

    @Test
    void defaultsParseAsTheirDeclaredTypes() {
        assertTrue(AnalysisTemplateSql.parses(ParameterType.TINYINT, "127"));
        assertFalse(AnalysisTemplateSql.parses(ParameterType.BYTE, "128"));
        assertTrue(AnalysisTemplateSql.parses(ParameterType.LONG, "-9000000000"));
        assertFalse(AnalysisTemplateSql.parses(ParameterType.INTEGER, "9000000000"));
        assertTrue(AnalysisTemplateSql.parses(ParameterType.DOUBLE_PRECISION, "1e3"));
        assertFalse(AnalysisTemplateSql.parses(ParameterType.REAL, "ten"));
        assertTrue(AnalysisTemplateSql.parses(ParameterType.BOOLEAN, "TRUE"));
        assertFalse(AnalysisTemplateSql.parses(ParameterType.BOOLEAN, "yes"));
        assertTrue(AnalysisTemplateSql.parses(ParameterType.TIMESTAMP_NTZ, "2024-01-01 10:00:00"));
        assertFalse(AnalysisTemplateSql.parses(ParameterType.TIMESTAMPTZ, "2024-01-01 10:00:00"));
        assertTrue(AnalysisTemplateSql.parses(ParameterType.TIMESTAMP_LTZ, "2024-01-01T10:00:00+02:00"));
        assertTrue(AnalysisTemplateSql.parses(ParameterType.TIMETZ, "10:00:00Z"));
        assertFalse(AnalysisTemplateSql.parses(ParameterType.DATE, "01/02/2024"));
        assertTrue(AnalysisTemplateSql.parses(ParameterType.VARBYTE, "cafe01"));
        assertFalse(AnalysisTemplateSql.parses(ParameterType.BINARY, "xyz"));
        assertTrue(AnalysisTemplateSql.parses(ParameterType.STRING, "anything at all"));
    }

    @Test
    void everyParameterTypePlans() {
        for (ParameterType type : ParameterType.values()) {
            assertEquals(
                    List.of("orders"),
                    referenced("SELECT :p AS p, email FROM orders", parameter("p", type, null)),
                    type.name());
        }
    }
}
