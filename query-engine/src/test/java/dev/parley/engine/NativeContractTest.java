package dev.parley.engine;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** What the JNI boundary promises both ways: the names each side uses, and no crash on a zero handle. */
class NativeContractTest {

    @TempDir
    Path dir;

    @Test
    void theNativeSideThrowsExactlyThePermittedEngineExceptions() {
        List<String> nativeClasses = List.of(NativeEngine.errorClassNames());
        Set<String> permitted = Arrays.stream(EngineException.class.getPermittedSubclasses())
                .map(type -> type.getName().replace('.', '/'))
                .collect(Collectors.toSet());
        assertEquals(
                nativeClasses.size(), Set.copyOf(nativeClasses).size(), "one class per error kind: " + nativeClasses);
        assertEquals(permitted, Set.copyOf(nativeClasses));
    }

    @Test
    void everyEngineExceptionHasTheConstructorTheNativeSideCalls() {
        for (Class<?> type : EngineException.class.getPermittedSubclasses()) {
            if (type == SqlException.class) {
                assertDoesNotThrow(() -> type.getDeclaredConstructor(String.class, long.class, long.class));
            } else {
                assertDoesNotThrow(() -> type.getDeclaredConstructor(String.class), type.getName());
            }
        }
    }

    @Test
    void theNativeSideAcceptsExactlyTheJavaFileFormats() {
        Set<String> java = Arrays.stream(FileFormat.values()).map(Enum::name).collect(Collectors.toSet());
        assertEquals(java, Set.of(NativeEngine.fileFormatNames()));
    }

    @Test
    void aZeroHandleIsRefusedNotDereferenced() {
        String target = dir.resolve("out.csv").toString();
        assertAll(
                () -> assertRefused("null session handle", () -> NativeEngine.cancelSession(0)),
                () -> assertRefused("null session handle", () -> NativeEngine.memoryReserved(0)),
                () -> assertRefused(
                        "null session handle", () -> NativeEngine.registerFiles(0, "CSV", "t", target, false)),
                () -> assertRefused("null session handle", () -> NativeEngine.registerBatches(0, "t", 0)),
                () -> assertRefused("null session handle", () -> NativeEngine.plan(0, "SELECT 1")),
                () -> assertRefused("null session handle", () -> NativeEngine.execute(0, 0, 0)),
                () -> assertRefused("null session handle", () -> NativeEngine.write(0, 0, "CSV", target, true)),
                () -> assertRefused("null plan handle", () -> NativeEngine.planJson(0)),
                () -> assertRefused("null plan handle", () -> NativeEngine.planText(0)),
                () -> assertRefused("null query handle", () -> NativeEngine.cancelQuery(0)),
                () -> assertRefused("null query handle", () -> NativeEngine.throwQueryFailure(0)));
        // Zero is what the wrappers hold after closing, so closing it again does nothing.
        assertDoesNotThrow(() -> {
            NativeEngine.closeSession(0);
            NativeEngine.closePlan(0);
            NativeEngine.closeQuery(0);
        });
    }

    @Test
    void aZeroPlanOrStreamNextToALiveSessionIsRefusedAndTheSessionCarriesOn() {
        String target = dir.resolve("out.csv").toString();
        long session = NativeEngine.openSession(64L << 20, 1, 0, false, false);
        try (BufferAllocator allocator = new RootAllocator();
                ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
            long plan = NativeEngine.plan(session, "SELECT 1 AS one");
            try {
                assertAll(
                        () -> assertRefused(
                                "null plan handle", () -> NativeEngine.execute(session, 0, stream.memoryAddress())),
                        () -> assertRefused(
                                "null plan handle", () -> NativeEngine.write(session, 0, "CSV", target, true)),
                        () -> assertRefused("null Arrow stream address", () -> NativeEngine.execute(session, plan, 0)),
                        () -> assertRefused(
                                "null Arrow stream address", () -> NativeEngine.registerBatches(session, "t", 0)),
                        () -> assertRefused(
                                "unknown file format XML",
                                () -> NativeEngine.write(session, plan, "XML", target, true)),
                        () -> assertRefused(
                                "unknown file format csv",
                                () -> NativeEngine.registerFiles(session, "csv", "t", target, false)));
                assertEquals(1L, NativeEngine.write(session, plan, "CSV", target, true));
                assertTrue(NativeEngine.planJson(plan).contains("\"name\":\"one\""));
            } finally {
                NativeEngine.closePlan(plan);
            }
        } finally {
            NativeEngine.closeSession(session);
        }
    }

    private static void assertRefused(String message, Executable call) {
        InternalEngineException error = assertThrows(InternalEngineException.class, call);
        assertEquals(message, error.getMessage());
    }
}
