package org.hpo4j.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.hpo4j.optimizer.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A study file written by schema version 1 opens, is migrated, and continues. */
class SqliteMigrationTest {
    @TempDir
    Path dir;

    @Test
    void aVersion1FileIsMigratedKeepingItsOrder() throws Exception {
        Path file = dir.resolve("v1.db");
        StudyDefinition study = StudyStoreContractTest.STUDY;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String ddl : JdbcSchema.SCHEMA) {
                s.execute(ddl);
            }
            s.execute("INSERT INTO schema_version (version) VALUES (1)");
            s.execute("INSERT INTO studies (name, space, direction, optimizer, seed, settings, created_at, next_seq)"
                    + " VALUES ('mlp', '" + study.space() + "', 'MINIMIZE', 'random', 42, '" + study.settings().encode() + "', 0, 4)");
            s.execute("INSERT INTO jobs (study_id, job_id, config_iteration, config_bracket, config_index, rung, budget,"
                    + " previous_budget, configuration, state, attempt, worker, lease_until, handed_seq, finished_seq,"
                    + " started_at, finished_at, value, failure) SELECT id, 0, 0, 0, 0, 0, 9, 0, '{\"lr\":0.01}',"
                    + " 'FINISHED', 1, 'w', 0, 1, 3, 5, 6, 0.25, NULL FROM studies");
            s.execute("INSERT INTO jobs (study_id, job_id, config_iteration, config_bracket, config_index, rung, budget,"
                    + " previous_budget, configuration, state, attempt, worker, lease_until, handed_seq, finished_seq,"
                    + " started_at, finished_at, value, failure) SELECT id, 1, 1, 0, 0, 0, 9, 0, '{\"lr\":0.02}',"
                    + " 'RUNNING', 1, 'w', 99, 2, 0, 5, 0, NULL, NULL FROM studies");
        }
        try (SqliteStore store = SqliteStore.open(file, false)) {
            assertTrue(store.open(study));
            List<StoredJob> jobs = store.jobs("mlp");
            assertEquals(3, jobs.get(0).toldSeq(), "version 1 told results as they were stored");
            assertEquals(0, jobs.get(1).toldSeq());
            assertEquals(0, jobs.get(0).stopAttempt(), "no stop requests before version 4");
            assertEquals(0, jobs.get(1).stopAttempt());
            assertFalse(store.isStudyFinished("mlp"));
            assertTrue(store.finish("mlp", 1, 1, Result.of(0.5), 10));
            assertEquals(4, store.jobs("mlp").get(1).finishedSeq(), "the sequence goes on");
            assertEquals(5, store.acknowledge("mlp", 1));
            // an attempt claimed before the migration has no log row; its result still counts
            assertEquals(List.of(), store.attempts("mlp", 1));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
            assertTrue(rs.next());
            assertEquals(SqliteStore.SCHEMA_VERSION, rs.getInt(1));
            assertFalse(rs.next(), "one version row");
        }
    }

    @Test
    void aVersion4FileGetsTheTablesOfSeveralObjectivesAndKeepsItsStudies() throws Exception {
        Path file = dir.resolve("v4.db");
        StudyDefinition study = StudyStoreContractTest.STUDY;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (List<String> step : List.of(JdbcSchema.SCHEMA, JdbcSchema.MIGRATION_2, JdbcSchema.MIGRATION_3,
                    JdbcSchema.MIGRATION_4)) {
                for (String ddl : step) {
                    s.execute(ddl);
                }
            }
            s.execute("INSERT INTO schema_version (version) VALUES (4)");
            s.execute("INSERT INTO studies (name, space, direction, optimizer, seed, settings, created_at, next_seq)"
                    + " VALUES ('mlp', '" + study.space() + "', 'MINIMIZE', 'random', 42, '" + study.settings().encode() + "', 0, 3)");
            s.execute("INSERT INTO jobs (study_id, job_id, config_iteration, config_bracket, config_index, rung, budget,"
                    + " previous_budget, configuration, state, attempt, worker, lease_until, handed_seq, finished_seq,"
                    + " started_at, finished_at, value, failure, told_seq) SELECT id, 0, 0, 0, 0, 0, 9, 0, '{\"lr\":0.01}',"
                    + " 'FINISHED', 1, 'w', 0, 1, 2, 5, 6, 0.25, NULL, 0 FROM studies");
        }
        try (SqliteStore store = SqliteStore.open(file, false)) {
            assertTrue(store.open(study), "the stored study of one objective opens unchanged");
            assertEquals(study, store.find("mlp").orElseThrow());
            assertEquals(Result.of(0.25), store.jobs("mlp").get(0).result());
            assertFalse(store.open(StudyStoreContractTest.SEVERAL), "a study of several objectives is new");
            store.addJob("mo", StudyStoreContractTest.job(0), "w", 1, 100);
            Result vector = Result.of(List.of(0.1, 0.9), List.of(12.0));
            assertTrue(store.finish("mo", 0, 1, vector, 5));
            assertEquals(vector, store.jobs("mo").get(0).result());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
            assertTrue(rs.next());
            assertEquals(SqliteStore.SCHEMA_VERSION, rs.getInt(1));
        }
    }
}
