package org.hpo4j.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.hpo4j.annotations.Direction;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store of version 1 keeps its jobs, charged in full, and records continuations from then on
 * (that every store keeps the budget an evaluation continued from is hpo4j-testkit's StudyStoreContract).
 */
class ContinuationStoreTest {
    @TempDir
    static Path dir;

    static final StudyDefinition STUDY = new StudyDefinition("mlp", "lr FloatParameter [0.001, 1.0] (log)\n",
            Direction.MINIMIZE, "hyperband", 42, "minBudget=1.0 maxBudget=9.0 eta=3.0 seed=42");

    static NewJob promotion(int id) {
        return new NewJob(id, new Job.ConfigId(0, 2, 0), 1, 9.0, 3.0, "{\"lr\":0.01}");
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
