package org.hpo4j.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.hpo4j.optimizer.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {
    @TempDir
    Path dir;

    @Test
    void everyWriteIsOnDiskForAnotherConnectionAtOnce() throws Exception {
        Path file = dir.resolve("hpo/mlp.db");
        try (StudyStore store = SqliteStore.open(file, false)) {
            store.open(StoreFixtures.STUDY);
            store.addJob("mlp", StoreFixtures.job(0), "w", 1, 2);
            store.finish("mlp", 0, 1, Result.of(0.25), 3);
            // another process would see this: a second, independent connection while the first is open
            try (StudyStore other = SqliteStore.open(file, false)) {
                assertEquals(StoreFixtures.STUDY, other.find("mlp").orElseThrow());
                assertEquals(0.25, other.jobs("mlp").get(0).value());
                // reading is fine (a report while the study runs), but a second coordinator is refused
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> other.open(StoreFixtures.STUDY));
                assertTrue(e.getMessage().contains("is in use by another process (pid " + ProcessHandle.current().pid() + ")"),
                        e.getMessage());
                assertThrows(IllegalStateException.class, () -> SqliteStore.open(file, true), "nor moved away");
            }
            try (StudyStore shared = SqliteStore.open("jdbc:sqlite:" + file)) {
                assertTrue(shared.open(StoreFixtures.STUDY), "a JDBC URL shares the file through transactions");
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertEquals("wal", rs.getString(1));
            }
        }
    }

    @Test
    void freshKeepsTheOldStudyAsABackup() throws IOException {
        Path file = dir.resolve("mlp.db");
        try (StudyStore store = SqliteStore.open(file, false)) {
            store.open(StoreFixtures.STUDY);
            store.addJob("mlp", StoreFixtures.job(0), "w", 1, 2);
        }
        try (StudyStore store = SqliteStore.open(file, true)) {
            assertFalse(store.open(StoreFixtures.STUDY), "a fresh store starts empty");
            assertEquals(List.of(), store.jobs("mlp"));
        }
        List<Path> backups;
        try (Stream<Path> files = Files.list(dir)) {
            backups = files.filter(p -> p.getFileName().toString().matches("mlp-\\d{8}-\\d{6}\\.db")).toList();
        }
        assertEquals(1, backups.size());
        try (StudyStore old = SqliteStore.open(backups.get(0), false)) {
            assertEquals(1, old.jobs("mlp").size());
        }
    }

    @Test
    void refusesAStoreWrittenByANewerVersion() throws Exception {
        Path file = dir.resolve("new.db");
        SqliteStore.open(file, false).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("UPDATE schema_version SET version = 99");
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SqliteStore.open(file, false));
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void storageSettingChoosesTheStore() {
        try (StudyStore s = StudyStores.open("", dir, "study1", false)) {
            assertEquals(dir.resolve("study1.db").toString(), s.location());
        }
        try (StudyStore s = StudyStores.open("memory", dir, "study1", false)) {
            assertTrue(s instanceof InMemoryStore);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StudyStores.open("mongodb://x", dir, "s", false));
        assertTrue(e.getMessage().contains("mongodb://x"));
    }
}
