package dev.parley.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The JNI surface of {@code native/src/lib.rs}. Handles are owned by the Java objects that
 * received them and are given back exactly once to the matching {@code close*} method.
 * Every method may throw an {@link EngineException}.
 */
final class NativeEngine {

    /** Overrides the library bundled in the jar, e.g. for a locally rebuilt crate. */
    static final String LIBRARY_PROPERTY = "parley.engine.library";

    static final String RESOURCE = "/dev/parley/engine/native/linux-x86_64/libparley_engine.so";

    static {
        load();
    }

    private NativeEngine() {}

    static native long openSession(
            long memoryBytes, int targetPartitions, long timeLimitMillis, boolean sparkFunctions, boolean restricted);

    static native void closeSession(long session);

    static native void cancelSession(long session);

    static native long memoryReserved(long session);

    /** format: the name of a {@link FileFormat} constant. */
    static native void registerFiles(long session, String format, String table, String path, boolean directory);

    /** Consumes the Arrow C stream at the address; the struct is left released. */
    static native void registerBatches(long session, String table, long streamAddress);

    static native long plan(long session, String sql);

    static native String planJson(long plan);

    static native String planText(long plan);

    static native void closePlan(long plan);

    /** Starts the plan and writes an Arrow C stream of its result to the address; returns the query handle. */
    static native long execute(long session, long plan, long streamAddress);

    static native void cancelQuery(long query);

    /** Throws the typed error behind the query's last failed read, if there is one. */
    static native void throwQueryFailure(long query);

    static native void closeQuery(long query);

    /** format: the name of a {@link FileFormat} constant. Returns the number of rows written. */
    static native long write(long session, long plan, String format, String path, boolean singleFile);

    /** Only for tests: panics inside the native library. */
    static native void panicForTest();

    /** The native side of the contract: the exception class (a JNI name, a/b/C) of every error kind. */
    static native String[] errorClassNames();

    /** The native side of the contract: the {@link FileFormat} names it accepts. */
    static native String[] fileFormatNames();

    private static void load() {
        String override = System.getProperty(LIBRARY_PROPERTY);
        if (override != null) {
            System.load(Path.of(override).toAbsolutePath().toString());
            return;
        }
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new UnsatisfiedLinkError("the bundled Parley engine library is built for linux-x86_64, not " + os
                    + "-" + arch + "; build query-engine/native and set -D" + LIBRARY_PROPERTY);
        }
        try (InputStream in = NativeEngine.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new UnsatisfiedLinkError("native library " + RESOURCE + " is missing from the classpath");
            }
            Path file = Files.createTempFile("libparley_engine", ".so");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            System.load(file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("extracting the Parley engine library", e);
        }
    }
}
