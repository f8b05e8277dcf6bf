package dev.parley.actors.shared;

import java.util.List;
import java.util.Optional;

/**
 * The engine versions a work group may select (ListEngineVersions). Parley's sessions speak Spark SQL on DataFusion
 * with Spark-compatible functions, which it reports as {@link #PYSPARK_3}; the SQL engine versions are listed as
 * Athena lists them, AUTO choosing Athena engine version 3.
 */
public final class EngineVersions {

    /** The engine a work group must select to host sessions. */
    public static final String PYSPARK_3 = "PySpark engine version 3";

    public static final String ATHENA_3 = "Athena engine version 3";

    public static final String AUTO = "AUTO";

    /** A selectable version and the version it runs on. */
    public record Version(String selected, String effective) {}

    public static final List<Version> ALL =
            List.of(new Version(AUTO, ATHENA_3), new Version(ATHENA_3, ATHENA_3), new Version(PYSPARK_3, PYSPARK_3));

    private EngineVersions() {}

    /** The listed version {@code selected} names (AUTO in any case, as the documentation spells it "Auto"). */
    public static Optional<Version> named(String selected) {
        String wanted = selected.equalsIgnoreCase(AUTO) ? AUTO : selected;
        return ALL.stream().filter(version -> version.selected().equals(wanted)).findFirst();
    }

    public static boolean isSpark(String selected) {
        return PYSPARK_3.equals(selected);
    }
}
