package dev.parley.actors.catalog;

import dev.parley.actors.common.Rejection;
import dev.parley.engine.Engine;
import dev.parley.engine.EngineException;
import dev.parley.engine.EngineSession;
import dev.parley.engine.FunctionSet;
import dev.parley.engine.QueryResult;
import dev.parley.engine.SessionLimits;
import dev.parley.engine.SqlAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The embedded data catalog: a Glue table reference {databaseName, tableName} of an account names the files under
 * {@code <data-dir>/catalog/<accountId>/<databaseName>/<tableName>/}, Parquet ({@code *.parquet}) or CSV with a header
 * ({@code *.csv}). The schema is read through the query engine, so it is the schema queries will see. Blocking.
 */
public final class DataCatalog {

    /** Enough memory to plan a query that reads no rows. */
    private static final long SCHEMA_MEMORY = 64L * 1024 * 1024;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_ -]+");

    private final Path root;

    public DataCatalog(Path dataDir) {
        this.root = dataDir.resolve("catalog").toAbsolutePath().normalize();
    }

    /** Where the files of that table are (or would be). */
    public Path folderOf(String accountId, String databaseName, String tableName) {
        for (String name : List.of(accountId, databaseName, tableName)) {
            // The model's patterns already exclude these; the path is built from request text all the same.
            if (!NAME.matcher(name).matches() || name.isBlank()) {
                throw new Rejection.Invalid("'" + name + "' cannot name a folder of the data catalog");
            }
        }
        Path folder =
                root.resolve(accountId).resolve(databaseName).resolve(tableName).normalize();
        if (!folder.startsWith(root.resolve(accountId))) {
            throw new Rejection.Invalid("The table reference leaves the account's data catalog");
        }
        return folder;
    }

    /** A table of an account's catalog: its folder, and whether its files are Parquet (else CSV). */
    public record CatalogTable(String databaseName, String tableName, Path folder, boolean parquet) {}

    /**
     * Every table of the account's catalog: each {@code <database>/<table>/} folder with a valid name whose files are
     * all Parquet or all CSV. Folders that are not tables (empty, mixed) are left out. Blocking.
     */
    public List<CatalogTable> tablesOf(String accountId) {
        if (!NAME.matcher(accountId).matches() || accountId.isBlank()) {
            throw new Rejection.Invalid("'" + accountId + "' cannot name a folder of the data catalog");
        }
        Path account = root.resolve(accountId).normalize();
        List<CatalogTable> tables = new ArrayList<>();
        for (Path database : subfolders(account)) {
            for (Path table : subfolders(database)) {
                String databaseName = database.getFileName().toString();
                String tableName = table.getFileName().toString();
                if (NAME.matcher(databaseName).matches()
                        && NAME.matcher(tableName).matches()) {
                    try {
                        TableFiles files = filesOf(table, databaseName + "/" + tableName);
                        tables.add(new CatalogTable(databaseName, tableName, table, files.parquet()));
                    } catch (Rejection.Invalid notATable) {
                        // Not a table (yet): nothing to read.
                    }
                }
            }
        }
        return tables;
    }

    /**
     * The columns of the account's table, the same in every file of its folder; {@link Rejection.Invalid} naming the
     * problem when the folder is missing, holds no table files, mixes formats, or a file is unreadable or differs.
     */
    public List<Column> columnsOf(String accountId, String databaseName, String tableName) {
        Path folder = folderOf(accountId, databaseName, tableName);
        String where = "catalog/" + accountId + "/" + databaseName + "/" + tableName;
        if (!Files.isDirectory(folder)) {
            throw new Rejection.Invalid("No table folder " + where + " in the data catalog");
        }
        TableFiles tableFiles = filesOf(folder, where);
        boolean isParquet = tableFiles.parquet();
        List<Path> files = tableFiles.files();
        try (Engine engine = new Engine();
                EngineSession session = engine.openSession(
                        SessionLimits.ofMemory(SCHEMA_MEMORY), FunctionSet.DEFAULT, SqlAccess.RESTRICTED)) {
            List<Column> first = null;
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                List<Column> columns = columnsOfFile(session, "file_" + i, file, isParquet, where);
                if (first == null) {
                    first = columns;
                } else if (!first.equals(columns)) {
                    throw new Rejection.Invalid("The files of " + where + " differ in schema: "
                            + files.get(0).getFileName() + " has " + describe(first) + " but " + file.getFileName()
                            + " has " + describe(columns));
                }
            }
            return first;
        }
    }

    private static List<Column> columnsOfFile(
            EngineSession session, String table, Path file, boolean isParquet, String where) {
        try {
            if (isParquet) {
                session.registerParquet(table, file);
            } else {
                session.registerCsv(table, file);
            }
            try (QueryResult result = session.sql("SELECT * FROM " + table + " LIMIT 0")) {
                Schema schema = result.schema();
                if (schema.getFields().isEmpty()) {
                    throw new Rejection.Invalid("The file " + where + "/" + file.getFileName() + " has no columns");
                }
                return schema.getFields().stream().map(DataCatalog::column).toList();
            }
        } catch (EngineException e) {
            throw new Rejection.Invalid(
                    "The file " + where + "/" + file.getFileName() + " cannot be read: " + e.getMessage());
        }
    }

    private record TableFiles(List<Path> files, boolean parquet) {}

    private static TableFiles filesOf(Path folder, String where) {
        List<Path> parquet = filesEndingWith(folder, ".parquet");
        List<Path> csv = filesEndingWith(folder, ".csv");
        if (parquet.isEmpty() && csv.isEmpty()) {
            throw new Rejection.Invalid("The table folder " + where + " holds no .parquet or .csv files");
        }
        if (!parquet.isEmpty() && !csv.isEmpty()) {
            throw new Rejection.Invalid("The table folder " + where + " mixes .parquet and .csv files");
        }
        return parquet.isEmpty() ? new TableFiles(csv, false) : new TableFiles(parquet, true);
    }

    private static List<Path> subfolders(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<Path> filesEndingWith(Path folder, String suffix) {
        try (Stream<Path> entries = Files.list(folder)) {
            return new ArrayList<>(entries.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName()
                            .toString()
                            .toLowerCase(Locale.ROOT)
                            .endsWith(suffix))
                    .sorted()
                    .toList());
        } catch (IOException e) {
            throw new Rejection.Invalid("The table folder cannot be listed: " + e.getMessage());
        }
    }

    private static String describe(List<Column> columns) {
        return columns.stream().map(c -> c.name() + " " + c.type()).toList().toString();
    }

    private static Column column(Field field) {
        return new Column(field.getName(), glueType(field.getType()));
    }

    /** The Arrow type in the words Glue (and so Clean Rooms schemas) use for it. */
    private static String glueType(ArrowType type) {
        return switch (type.getTypeID()) {
            case Utf8, LargeUtf8, Utf8View -> "string";
            case Bool -> "boolean";
            case Int ->
                switch (((ArrowType.Int) type).getBitWidth()) {
                    case 8 -> "tinyint";
                    case 16 -> "smallint";
                    case 32 -> "int";
                    default -> "bigint";
                };
            case FloatingPoint ->
                ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.DOUBLE ? "double" : "float";
            case Decimal -> {
                ArrowType.Decimal decimal = (ArrowType.Decimal) type;
                yield "decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
            }
            case Date -> "date";
            case Timestamp -> "timestamp";
            case Binary, LargeBinary, BinaryView, FixedSizeBinary -> "binary";
            default -> type.toString().toLowerCase(Locale.ROOT);
        };
    }
}
