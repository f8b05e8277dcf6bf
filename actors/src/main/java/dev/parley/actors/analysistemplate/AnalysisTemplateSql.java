package dev.parley.actors.analysistemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.actors.analysistemplate.AnalysisTemplate.AnalysisFormat;
import dev.parley.actors.analysistemplate.AnalysisTemplate.AnalysisParameter;
import dev.parley.actors.analysistemplate.AnalysisTemplate.ParameterType;
import dev.parley.actors.catalog.Column;
import dev.parley.actors.common.Rejection;
import dev.parley.engine.Engine;
import dev.parley.engine.EngineException;
import dev.parley.engine.EngineSession;
import dev.parley.engine.FunctionSet;
import dev.parley.engine.QueryPlan;
import dev.parley.engine.SessionLimits;
import dev.parley.engine.SqlAccess;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Validates an analysis template's SQL as AWS documents it, and derives the tables it references. Parameters are
 * written {@code :name} (outside string literals, quoted identifiers and comments); each becomes the DataFusion
 * placeholder {@code $name} cast to its declared type, so the engine parses and plans the query for real, in
 * restricted mode, against the collaboration's schemas registered as empty tables of their allowed columns. The
 * plan's scans are the referenced tables. Blocking: run it off the actors' threads.
 */
public final class AnalysisTemplateSql {

    private static final long PLANNING_MEMORY = 16L << 20;
    private static final Pattern DECIMAL_TYPE = Pattern.compile("decimal\\((\\d+),\\s*(\\d+)\\)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnalysisTemplateSql() {}

    /** The SQL with each {@code :name} replaced, and the names in order of first use. */
    record Rewritten(String sql, Set<String> used) {}

    /**
     * The referenced tables (schema names, sorted) of a template whose parameters and SQL are valid
     * over {@code schemas} (schema name to its allowed columns); {@link Rejection.Invalid} naming the first problem.
     */
    public static List<String> referencedTables(
            AnalysisFormat format, String text, List<AnalysisParameter> parameters, Map<String, List<Column>> schemas) {
        if (format != AnalysisFormat.SQL) {
            throw new Rejection.Invalid("Analysis template format " + format
                    + " is not supported: Parley runs SQL templates only (PySpark is not built yet)");
        }
        Map<String, ParameterType> declared = new LinkedHashMap<>();
        for (AnalysisParameter parameter : parameters) {
            if (declared.put(parameter.name(), parameter.type()) != null) {
                throw new Rejection.Invalid("Analysis parameter " + parameter.name() + " is declared twice");
            }
            if (parameter.defaultValue() != null && !parses(parameter.type(), parameter.defaultValue())) {
                throw new Rejection.Invalid("The default value of analysis parameter " + parameter.name() + " is not a "
                        + parameter.type() + ": '" + parameter.defaultValue() + "'");
            }
        }
        Rewritten rewritten = rewrite(text, declared);
        for (String name : declared.keySet()) {
            if (!rewritten.used().contains(name)) {
                throw new Rejection.Invalid("Analysis parameter " + name + " is not used in the SQL as :" + name);
            }
        }
        return plannedTables(rewritten.sql(), declared.keySet(), schemas);
    }

    /**
     * Replaces every {@code :name} outside literals, quoted identifiers and comments; a {@code ::} cast and a colon
     * right after a word or {@code ]} (an array slice) are not parameters.
     */
    static Rewritten rewrite(String text, Map<String, ParameterType> declared) {
        StringBuilder sql = new StringBuilder(text.length());
        Set<String> used = new LinkedHashSet<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                int end = closingQuote(text, i, c);
                sql.append(text, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
                sql.append(text, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = blockCommentEnd(text, i);
                sql.append(text, i, end);
                i = end;
            } else if (c == ':' && i + 1 < n && text.charAt(i + 1) == ':') {
                sql.append("::");
                i += 2;
            } else if (c == ':'
                    && (i == 0 || !continuesWord(text.charAt(i - 1)))
                    && i + 1 < n
                    && isNameChar(text.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && isNameChar(text.charAt(end))) {
                    end++;
                }
                String name = text.substring(i + 1, end);
                ParameterType type = declared.get(name);
                if (type == null) {
                    throw new Rejection.Invalid(
                            "The SQL uses :" + name + " but no analysis parameter " + name + " is declared");
                }
                used.add(name);
                sql.append("CAST($")
                        .append(name)
                        .append(" AS ")
                        .append(sqlType(type))
                        .append(')');
                i = end;
            } else {
                sql.append(c);
                i++;
            }
        }
        return new Rewritten(sql.toString(), used);
    }

    /** Past the quote closing the literal or identifier opened at {@code start}; a doubled quote is an escape. */
    private static int closingQuote(String text, int start, char quote) {
        int i = start + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    /** Past the end of the block comment opened at {@code start}; block comments nest, as the SQL parser has them. */
    private static int blockCommentEnd(String text, int start) {
        int depth = 0;
        int i = start;
        while (i + 1 < text.length()) {
            if (text.charAt(i) == '/' && text.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (text.charAt(i) == '*' && text.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return text.length();
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean continuesWord(char previous) {
        return isNameChar(previous) || previous == ']';
    }

    /** The DataFusion SQL type a parameter is cast to. */
    private static String sqlType(ParameterType type) {
        return switch (type) {
            case SMALLINT, SHORT -> "SMALLINT";
            case INTEGER, INT -> "INT";
            case BIGINT, LONG -> "BIGINT";
            case TINYINT, BYTE -> "TINYINT";
            case DECIMAL, NUMERIC -> "DECIMAL";
            case REAL, FLOAT -> "REAL";
            case DOUBLE_PRECISION, DOUBLE -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case CHAR, VARCHAR, CHARACTER, STRING -> "VARCHAR";
            case DATE -> "DATE";
            case TIMESTAMP, TIMESTAMP_NTZ -> "TIMESTAMP";
            case TIMESTAMPTZ, TIMESTAMP_LTZ -> "TIMESTAMP WITH TIME ZONE";
            case TIME, TIMETZ -> "TIME";
            case VARBYTE, BINARY -> "BYTEA";
        };
    }

    /**
     * Whether {@code value} is a literal of {@code type}: integers in their range, decimals and floating point as plain
     * decimal numbers, {@code true}/{@code false}, ISO dates, times and timestamps (a space may stand for the
     * {@code T}; the zoned types need an offset), binary as hexadecimal digits; text is any text.
     */
    static boolean parses(ParameterType type, String value) {
        String trimmed = value.trim();
        try {
            switch (type) {
                case TINYINT, BYTE -> Byte.parseByte(trimmed);
                case SMALLINT, SHORT -> Short.parseShort(trimmed);
                case INTEGER, INT -> Integer.parseInt(trimmed);
                case BIGINT, LONG -> Long.parseLong(trimmed);
                case DECIMAL, NUMERIC, REAL, FLOAT, DOUBLE_PRECISION, DOUBLE -> new BigDecimal(trimmed);
                case BOOLEAN -> {
                    return trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false");
                }
                case CHAR, VARCHAR, CHARACTER, STRING -> {
                    return true;
                }
                case DATE -> LocalDate.parse(trimmed);
                case TIMESTAMP, TIMESTAMP_NTZ -> LocalDateTime.parse(trimmed.replace(' ', 'T'));
                case TIMESTAMPTZ, TIMESTAMP_LTZ -> OffsetDateTime.parse(trimmed.replace(' ', 'T'));
                case TIME -> LocalTime.parse(trimmed);
                case TIMETZ -> OffsetTime.parse(trimmed);
                case VARBYTE, BINARY -> HexFormat.of().parseHex(trimmed);
            }
            return true;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return false;
        }
    }

    private static List<String> plannedTables(String sql, Set<String> declared, Map<String, List<Column>> schemas) {
        // Unquoted names in SQL are lower-cased by the parser, so each schema is registered under its name in lower
        // case and found under it, quoted or not.
        Map<String, String> schemaByTable = new HashMap<>();
        try (BufferAllocator allocator = new RootAllocator();
                Engine engine = new Engine(allocator);
                EngineSession session = engine.openSession(
                        SessionLimits.ofMemory(PLANNING_MEMORY), FunctionSet.DEFAULT, SqlAccess.RESTRICTED)) {
            for (Map.Entry<String, List<Column>> schema : schemas.entrySet()) {
                String table = schema.getKey().toLowerCase(Locale.ROOT);
                schemaByTable.put(table, schema.getKey());
                session.registerBatches(table, emptyTable(allocator, schema.getValue()));
            }
            try (QueryPlan plan = session.plan(sql)) {
                Set<String> scanned = new HashSet<>();
                Set<String> placeholders = new HashSet<>();
                scan(JSON.readTree(plan.json()), scanned, placeholders);
                for (String placeholder : placeholders) {
                    // The parser also takes $name (and :name where this class saw none) as placeholders.
                    if (!declared.contains(placeholder.substring(1))) {
                        throw new Rejection.Invalid(
                                "The SQL uses " + placeholder + ", which is not a declared analysis parameter");
                    }
                }
                return scanned.stream().map(schemaByTable::get).sorted().toList();
            }
        } catch (EngineException e) {
            throw new Rejection.Invalid(
                    "The analysis template's SQL is not valid over the collaboration's schemas: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tables the plan scans and the placeholders its expressions hold. */
    private static void scan(JsonNode node, Set<String> tables, Set<String> placeholders) {
        if (node.isObject() && "TableScan".equals(node.path("node").asText())) {
            tables.add(node.path("table").asText());
        }
        if (node.isObject() && "Placeholder".equals(node.path("kind").asText())) {
            placeholders.add(node.path("display").asText());
        }
        for (JsonNode child : node) {
            scan(child, tables, placeholders);
        }
    }

    /** A table with no rows whose columns are the schema's allowed columns with their types. */
    private static ArrowStreamReader emptyTable(BufferAllocator allocator, List<Column> columns) {
        Schema schema = new Schema(columns.stream()
                .map(column -> Field.nullable(column.name(), arrowType(column.type())))
                .toList());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                ArrowStreamWriter writer = new ArrowStreamWriter(root, null, bytes)) {
            writer.start();
            writer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrowStreamReader(new ByteArrayInputStream(bytes.toByteArray()), allocator);
    }

    /** The Arrow type of a column type in Glue's words, as the data catalog names them. */
    private static ArrowType arrowType(String glueType) {
        Matcher decimal = DECIMAL_TYPE.matcher(glueType);
        if (decimal.matches()) {
            return new ArrowType.Decimal(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)), 128);
        }
        return switch (glueType) {
            case "boolean" -> ArrowType.Bool.INSTANCE;
            case "tinyint" -> new ArrowType.Int(8, true);
            case "smallint" -> new ArrowType.Int(16, true);
            case "int" -> new ArrowType.Int(32, true);
            case "bigint" -> new ArrowType.Int(64, true);
            case "float" -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case "double" -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case "date" -> new ArrowType.Date(DateUnit.DAY);
            case "timestamp" -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            case "binary" -> ArrowType.Binary.INSTANCE;
            // string, and the types the catalog has no Glue word for, are read as text
            default -> ArrowType.Utf8.INSTANCE;
        };
    }
}
