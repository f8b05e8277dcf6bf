package dev.parley.actors.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.actors.common.Rejection;
import dev.parley.engine.Engine;
import dev.parley.engine.EngineSession;
import dev.parley.engine.FunctionSet;
import dev.parley.engine.OutputLayout;
import dev.parley.engine.SessionLimits;
import dev.parley.engine.SqlAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCatalogTest {

    static final String ACCOUNT = "111111111111";

    @TempDir
    Path dataDir;

    Path folder(String database, String table) throws IOException {
        return Files.createDirectories(
                dataDir.resolve("catalog").resolve(ACCOUNT).resolve(database).resolve(table));
    }

    static void writeParquet(Path file, String sql) {
        try (Engine engine = new Engine();
                EngineSession session =
                        engine.openSession(SessionLimits.ofMemory(64L << 20), FunctionSet.DEFAULT, SqlAccess.FULL)) {
            session.writeParquet(sql, file, OutputLayout.SINGLE_FILE);
        }
    }

    @Test
    void readsTheColumnsOfParquetFiles() throws IOException {
        Path folder = folder("sales", "orders");
        writeParquet(folder.resolve("part-1.parquet"), "SELECT CAST(1 AS BIGINT) AS id, 'a' AS email, 2.5 AS amount");
        writeParquet(folder.resolve("part-2.parquet"), "SELECT CAST(2 AS BIGINT) AS id, 'b' AS email, 3.5 AS amount");
        assertEquals(
                List.of(new Column("id", "bigint"), new Column("email", "string"), new Column("amount", "double")),
                new DataCatalog(dataDir).columnsOf(ACCOUNT, "sales", "orders"));
    }

    @Test
    void readsTheColumnsOfCsvFilesWithAHeader() throws IOException {
        Path folder = folder("crm", "customers");
        Files.writeString(folder.resolve("customers.csv"), "id,email,city\n1,a@example.com,Oslo\n");
        List<Column> columns = new DataCatalog(dataDir).columnsOf(ACCOUNT, "crm", "customers");
        assertEquals(
                List.of("id", "email", "city"),
                columns.stream().map(Column::name).toList());
        assertEquals("bigint", columns.get(0).type());
        assertEquals("string", columns.get(1).type());
    }

    @Test
    void refusesFilesWhoseSchemasDiffer() throws IOException {
        Path folder = folder("sales", "mixed");
        writeParquet(folder.resolve("a.parquet"), "SELECT CAST(1 AS BIGINT) AS id");
        writeParquet(folder.resolve("b.parquet"), "SELECT 'x' AS id");
        Rejection.Invalid refused = assertThrows(
                Rejection.Invalid.class, () -> new DataCatalog(dataDir).columnsOf(ACCOUNT, "sales", "mixed"));
        assertTrue(refused.getMessage().contains("differ in schema"), refused.getMessage());
    }

    @Test
    void refusesAFolderMixingFormats() throws IOException {
        Path folder = folder("sales", "formats");
        writeParquet(folder.resolve("a.parquet"), "SELECT CAST(1 AS BIGINT) AS id");
        Files.writeString(folder.resolve("b.csv"), "id\n1\n");
        Rejection.Invalid refused = assertThrows(
                Rejection.Invalid.class, () -> new DataCatalog(dataDir).columnsOf(ACCOUNT, "sales", "formats"));
        assertTrue(refused.getMessage().contains("mixes"), refused.getMessage());
    }

    @Test
    void refusesAnEmptyOrMissingFolderAndUnreadableFiles() throws IOException {
        folder("sales", "empty");
        Files.writeString(folder("sales", "broken").resolve("broken.parquet"), "not parquet");
        DataCatalog catalog = new DataCatalog(dataDir);
        assertTrue(assertThrows(Rejection.Invalid.class, () -> catalog.columnsOf(ACCOUNT, "sales", "empty"))
                .getMessage()
                .contains("holds no .parquet or .csv files"));
        assertTrue(assertThrows(Rejection.Invalid.class, () -> catalog.columnsOf(ACCOUNT, "sales", "missing"))
                .getMessage()
                .contains("No table folder catalog/111111111111/sales/missing"));
        assertTrue(assertThrows(Rejection.Invalid.class, () -> catalog.columnsOf(ACCOUNT, "sales", "broken"))
                .getMessage()
                .contains("cannot be read"));
    }

    @Test
    void staysInsideTheAccountsCatalog() {
        DataCatalog catalog = new DataCatalog(dataDir);
        assertThrows(Rejection.Invalid.class, () -> catalog.columnsOf(ACCOUNT, "..", "x"));
        assertThrows(Rejection.Invalid.class, () -> catalog.columnsOf(ACCOUNT, "a/b", "x"));
        assertThrows(Rejection.Invalid.class, () -> catalog.columnsOf("../222222222222", "sales", "orders"));
    }
}
