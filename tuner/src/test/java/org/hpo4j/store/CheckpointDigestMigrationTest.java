package org.hpo4j.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Version 5 records checkpoint digests: a database of version 4 (what hpo4j wrote before) opens on
 * SQLite and PostgreSQL, keeps its jobs, has no digests (so its checkpoints are not trusted) and
 * records new ones.
 */
class CheckpointDigestMigrationTest {
    static final Job.ConfigId CONFIG = new Job.ConfigId(0, 1, 2);

    @TempDir
    Path dir;

    /** Writes a version-4 database with one finished job, as hpo4j wrote it before version 5. */
    static void writeVersion4(Connection c, List<String> schema) throws Exception {
        StudyDefinition study = StudyStoreContractTest.STUDY;
        try (Statement s = c.createStatement()) {
            for (List<String> step : List.of(schema, JdbcSchema.MIGRATION_2, JdbcSchema.MIGRATION_3, JdbcSchema.MIGRATION_4)) {
                for (String ddl : step) {
                    s.execute(ddl);
                }
            }
            s.execute("INSERT INTO schema_version (version) VALUES (4)");
            s.execute("INSERT INTO studies (name, space, direction, optimizer, seed, settings, created_at, next_seq)"
                    + " VALUES ('" + study.name() + "', '" + study.space() + "', 'MINIMIZE', '" + study.optimizer() + "', "
                    + study.seed() + ", '" + study.settings().encode() + "', 0, 3)");
            s.execute("INSERT INTO jobs (study_id, job_id, config_iteration, config_bracket, config_index, rung, budget,"
                    + " previous_budget, configuration, state, attempt, worker, lease_until, handed_seq, finished_seq,"
                    + " started_at, finished_at, value, failure, told_seq, continued_from, stop_attempt)"
                    + " SELECT id, 0, 0, 1, 2, 0, 3, 0, '{\"lr\":0.01}', 'FINISHED', 1, 'w', 0, 1, 2, 5, 6, 0.25, NULL, 2, 0, 0"
                    + " FROM studies");
        }
    }

    static void assertMigrated(StudyStore store, int schemaVersion) {
        String study = StudyStoreContractTest.STUDY.name();
        assertEquals(SqliteStore.SCHEMA_VERSION, schemaVersion);
        assertTrue(store.open(StudyStoreContractTest.STUDY), "the study is still there");
        assertEquals(0.25, store.jobs(study).get(0).value());
        assertEquals(Optional.empty(), store.checkpointDigest(study, CONFIG, 3), "no digest before version 5");
        store.recordCheckpoint(study, CONFIG, 3, "ab12");
        store.recordCheckpoint(study, CONFIG, 3, "cd34");
        store.recordCheckpoint(study, CONFIG, 9, "ef56");
        assertEquals(Optional.of("cd34"), store.checkpointDigest(study, CONFIG, 3), "a rewrite replaces the digest");
        assertEquals(Optional.of("ef56"), store.checkpointDigest(study, CONFIG, 9));
        assertEquals(Optional.empty(), store.checkpointDigest(study, new Job.ConfigId(0, 1, 3), 3));
        assertEquals(1, store.jobs(study).size());
        assertEquals(Result.of(0.25), store.jobs(study).get(0).result());
    }

    @Test
    void sqlite() throws Exception {
        Path file = dir.resolve("v4.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            writeVersion4(c, JdbcSchema.SCHEMA);
        }
        try (SqliteStore store = SqliteStore.open(file, false)) {
            int version;
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                 var rs = s.executeQuery("SELECT version FROM schema_version")) {
                rs.next();
                version = rs.getInt(1);
            }
            assertMigrated(store, version);
        }
    }

    @Test
    void postgres() throws Exception {
        String url = EmbeddedPostgresServer.newDatabase();
        try (Connection c = DriverManager.getConnection(url)) {
            writeVersion4(c, PostgresStore.SCHEMA);
        }
        try (PostgresStore store = PostgresStore.open(url)) {
            assertMigrated(store, store.schemaVersion());
        }
    }
}
