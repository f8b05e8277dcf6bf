package dev.parley.actors.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calculation's code block read as Spark SQL: plain, or a notebook cell starting with {@code %%sql}; its statements
 * are separated by {@code ;} outside quotes and comments. Anything else (Python, another cell magic) is not SQL.
 */
final class CodeBlock {

    static final String ONLY_SQL = "Parley runs Spark SQL only: start the code block with a SQL statement or a %%sql"
            + " line; Python and other languages are not supported";

    private static final Pattern SQL_START =
            Pattern.compile("(?is)\\s*(\\(|select\\b|with\\b|values\\b|create\\b|from\\b|table\\b).*");

    private static final Pattern TEMP_VIEW =
            Pattern.compile("(?is)\\s*create\\s+(or\\s+replace\\s+)?(?:global\\s+)?temp(?:orary)?\\s+view\\s+"
                    + "(?:if\\s+not\\s+exists\\s+)?([A-Za-z_][A-Za-z0-9_]*|`[A-Za-z_][A-Za-z0-9_]*`)\\s+as\\s+(.*)");

    /** {@code CREATE [OR REPLACE] TEMP VIEW name AS query}: kept by the coordinator, not by the engine. */
    record TempView(String name, boolean replace, String query) {}

    private CodeBlock() {}

    /** The statements of {@code code}, or empty when it is not SQL. */
    static Optional<List<String>> statements(String code) {
        String body = code.strip();
        if (body.regionMatches(true, 0, "%%sql", 0, 5)) {
            int end = body.indexOf('\n');
            body = end < 0 ? "" : body.substring(end + 1);
        }
        List<String> statements = split(body);
        if (statements.isEmpty()
                || statements.stream()
                        .anyMatch(statement ->
                                !SQL_START.matcher(withoutComments(statement)).matches())) {
            return Optional.empty();
        }
        return Optional.of(statements);
    }

    static Optional<TempView> tempView(String statement) {
        Matcher matcher = TEMP_VIEW.matcher(withoutComments(statement));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String name = matcher.group(2).replace("`", "").toLowerCase(Locale.ROOT);
        return Optional.of(new TempView(name, matcher.group(1) != null, matcher.group(3)));
    }

    private static String withoutComments(String statement) {
        return statement.replaceAll("(?m)^\\s*--.*$", "").strip();
    }

    /** Splits on {@code ;} outside quoted strings, quoted names and {@code --} comments; drops empty statements. */
    private static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        boolean comment = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (comment) {
                comment = c != '\n';
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                comment = true;
            } else if (c == ';') {
                add(statements, current);
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        add(statements, current);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder statement) {
        String text = statement.toString().strip();
        if (!withoutComments(text).isEmpty()) {
            statements.add(text);
        }
    }
}
