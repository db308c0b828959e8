package org.hpo4j.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.hpo4j.optimizer.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stores opened to read only (the dashboard's): they see what the study writes and write nothing. */
class ReadOnlyStoreTest {
    @TempDir
    Path dir;

    @Test
    void aSqliteReaderSeesTheRunningStudyAndCannotWrite() {
        Path file = dir.resolve("mlp.db");
        try (StudyStore writer = SqliteStore.open(file, false)) {
            writer.open(StudyStoreContractTest.STUDY);
            writer.addJob("mlp", StudyStoreContractTest.job(0), "w", 1, 2);
            try (StudyStore reader = StudyStores.openReadOnly(null, dir, "mlp", null, null)) {
                assertEquals(1, reader.jobs("mlp").size());
                // the writer goes on while the reader is open, and the reader sees it at once
                writer.report("mlp", 0, 1, 1, 0.5, 3);
                writer.finish("mlp", 0, 1, Result.of(0.25), 4);
                writer.addJob("mlp", StudyStoreContractTest.job(1), "w", 5, 6);
                assertEquals(2, reader.jobs("mlp").size());
                assertEquals(0.25, reader.jobs("mlp").get(0).value());
                assertEquals(1, reader.reports("mlp", 0).size());

                IllegalStateException run = assertThrows(IllegalStateException.class,
                        () -> reader.open(StudyStoreContractTest.STUDY));
                assertTrue(run.getMessage().contains("read-only"), run.getMessage());
                // SQLite itself refuses a write through the read-only connection
                IllegalStateException write = assertThrows(IllegalStateException.class,
                        () -> reader.addJob("mlp", StudyStoreContractTest.job(2), "w", 7, 8));
                assertTrue(write.getMessage().contains("readonly"), write.getMessage());
                assertEquals(2, writer.jobs("mlp").size());
            }
            writer.finish("mlp", 1, 1, Result.of(0.5), 9);
        }
    }

    @Test
    void aReaderOfAStudyNotRunningReadsTooAndLeavesTheFileAsItWas() throws Exception {
        Path file = dir.resolve("mlp.db");
        try (StudyStore writer = SqliteStore.open(file, false)) {
            writer.open(StudyStoreContractTest.STUDY);
            writer.addJob("mlp", StudyStoreContractTest.job(0), "w", 1, 2);
        }
        byte[] before = Files.readAllBytes(file);
        try (StudyStore reader = SqliteStore.openReadOnly(file)) {
            assertEquals(1, reader.jobs("mlp").size());
            assertTrue(reader.find("mlp").isPresent());
        }
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)), "the file changed");
    }

    @Test
    void aMissingFileIsNamedAndNotCreated() {
        Path file = dir.resolve("none.db");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SqliteStore.openReadOnly(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertFalse(Files.exists(file));
        IllegalArgumentException memory = assertThrows(IllegalArgumentException.class,
                () -> StudyStores.openReadOnly("memory", dir, "mlp", null, null));
        assertTrue(memory.getMessage().contains("hpo.storage"), memory.getMessage());
    }

    @Test
    void aStoreOfAnotherSchemaVersionIsRefusedUnchanged() throws Exception {
        Path file = dir.resolve("old.db");
        SqliteStore.open(file, false).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("UPDATE schema_version SET version = 5");
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SqliteStore.openReadOnly(file));
        assertTrue(e.getMessage().contains("schema version 5") && e.getMessage().contains("hpo:report"), e.getMessage());
        Path notAStore = dir.resolve("empty.db");
        Files.write(notAStore, new byte[0]);
        IllegalStateException empty = assertThrows(IllegalStateException.class, () -> SqliteStore.openReadOnly(notAStore));
        assertTrue(empty.getMessage().contains("holds no hpo4j studies"), empty.getMessage());
    }

    @Test
    void aPostgresReaderRunsReadOnlyTransactions() {
        String url = EmbeddedPostgresServer.newDatabase();
        try (StudyStore writer = PostgresStore.open(url)) {
            writer.open(StudyStoreContractTest.STUDY);
            writer.addJob("mlp", StudyStoreContractTest.job(0), null, 1, 2);
            try (StudyStore reader = PostgresStore.openReadOnly(url, null, null)) {
                assertEquals(1, reader.jobs("mlp").size());
                writer.addJob("mlp", StudyStoreContractTest.job(1), null, 3, 4);
                assertEquals(2, reader.jobs("mlp").size());
                assertThrows(IllegalStateException.class, () -> reader.open(StudyStoreContractTest.STUDY));
                IllegalStateException write = assertThrows(IllegalStateException.class,
                        () -> reader.addJob("mlp", StudyStoreContractTest.job(2), null, 5, 6));
                assertTrue(write.getMessage().contains("read-only"), write.getMessage());
            }
            assertEquals(2, writer.jobs("mlp").size());
        }
    }
}
