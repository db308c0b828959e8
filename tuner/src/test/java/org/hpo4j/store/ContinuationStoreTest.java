package org.hpo4j.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.hpo4j.annotations.Direction;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Stores keep the budget an evaluation continued from, which decides what it was charged. */
class ContinuationStoreTest {
    @TempDir
    static Path dir;

    static final StudyDefinition STUDY = new StudyDefinition("mlp", "lr FloatParameter [0.001, 1.0] (log)\n",
            Direction.MINIMIZE, "hyperband", 42, "minBudget=1.0 maxBudget=9.0 eta=3.0 seed=42");

    static Stream<Arguments> stores() {
        Supplier<StudyStore> memory = InMemoryStore::new;
        Supplier<StudyStore> sqlite = () -> SqliteStore.open(dir.resolve("c" + System.nanoTime() + ".db"), false);
        return Stream.of(Arguments.of("memory", memory), Arguments.of("sqlite", sqlite));
    }

    static NewJob promotion(int id) {
        return new NewJob(id, new Job.ConfigId(0, 2, 0), 1, 9.0, 3.0, "{\"lr\":0.01}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aContinuationAndARestartAreTold(String name, Supplier<StudyStore> factory) {
        try (StudyStore store = factory.get()) {
            store.open(STUDY);
            store.addJob("mlp", promotion(0), "w", 1, Long.MAX_VALUE - 1);
            store.addJob("mlp", promotion(1), "w", 1, Long.MAX_VALUE - 1);
            assertEquals(0, store.jobs("mlp").get(0).continuedFrom(), "nothing charged while running");
            assertTrue(store.finish("mlp", 0, 1, Result.of(0.2), 5, 3.0));
            assertTrue(store.finish("mlp", 1, 1, Result.of(0.3), 6));
            assertEquals(3.0, store.jobs("mlp").get(0).continuedFrom());
            assertEquals(0.0, store.jobs("mlp").get(1).continuedFrom(), "the five-argument finish is a restart");
        }
    }

    @Test
    void aVersionOneFileIsMigratedAndItsJobsCountAsRestarts() throws Exception {
        Path file = dir.resolve("v1.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String ddl : JdbcSchema.SCHEMA) {
                s.execute(ddl);
            }
            s.execute("INSERT INTO schema_version (version) VALUES (1)");
            s.execute("INSERT INTO studies (name, space, direction, optimizer, seed, settings, created_at, next_seq)"
                    + " VALUES ('mlp', 'lr FloatParameter [0.001, 1.0] (log)\n', 'MINIMIZE', 'hyperband', 42,"
                    + " 'minBudget=1.0 maxBudget=9.0 eta=3.0 seed=42', 0, 3)");
            s.execute("INSERT INTO jobs (study_id, job_id, config_iteration, config_bracket, config_index, rung, budget,"
                    + " previous_budget, configuration, state, attempt, worker, lease_until, handed_seq, finished_seq,"
                    + " started_at, finished_at, value, failure) VALUES (1, 0, 0, 2, 0, 1, 9, 3, '{\"lr\":0.01}',"
                    + " 'FINISHED', 1, 'w', 0, 1, 2, 1, 2, 0.5, NULL)");
        }
        try (SqliteStore store = SqliteStore.open(file, false)) {
            assertTrue(store.open(STUDY));
            assertEquals(0.0, store.jobs("mlp").get(0).continuedFrom(), "version 1 charged every evaluation in full");
            store.addJob("mlp", promotion(1), "w", 1, Long.MAX_VALUE - 1);
            assertTrue(store.finish("mlp", 1, 1, Result.of(0.4), 7, 3.0));
            assertEquals(3.0, store.jobs("mlp").get(1).continuedFrom());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rs.next();
            assertEquals(SqliteStore.SCHEMA_VERSION, rs.getInt(1));
        }
    }
}
