package org.hpo4j.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.hpo4j.optimizer.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the PostgreSQL store does: many connections at once, credentials, its schema. */
class PostgresStoreTest {
    static final StudyDefinition STUDY = StoreFixtures.STUDY;

    @TempDir
    Path dir;

    @Test
    void workersOnTheirOwnConnectionsNeverShareAJob() throws Exception {
        String url = EmbeddedPostgresServer.newDatabase();
        int workers = 6;
        int jobCount = 120;
        try (PostgresStore coordinator = PostgresStore.open(url)) {
            coordinator.open(STUDY);
            for (int i = 0; i < jobCount; i++) {
                coordinator.addJob("mlp", StoreFixtures.job(i), null, 0, 0);
            }
        }
        ConcurrentHashMap<Integer, String> claimedBy = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        CyclicBarrier together = new CyclicBarrier(workers);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            String worker = "w" + w;
            futures.add(pool.submit(() -> {
                int mine = 0;
                try (PostgresStore store = PostgresStore.open(url)) {
                    together.await();
                    Optional<StoredJob> j;
                    while ((j = store.claim("mlp", worker, 1, Long.MAX_VALUE)).isPresent()) {
                        if (claimedBy.putIfAbsent(j.get().jobId(), worker) != null) {
                            duplicates.incrementAndGet();
                        }
                        assertTrue(store.finish("mlp", j.get().jobId(), j.get().attempt(), Result.of(1), 2));
                        mine++;
                    }
                }
                return mine;
            }));
        }
        int total = 0;
        int busy = 0;
        for (Future<Integer> f : futures) {
            int n = f.get();
            total += n;
            busy += n > 0 ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(0, duplicates.get(), "no job handed to two workers");
        assertEquals(jobCount, total);
        assertEquals(jobCount, claimedBy.size());
        assertTrue(busy > 1, "several connections took jobs");
        try (PostgresStore store = PostgresStore.open(url)) {
            List<StoredJob> jobs = store.jobs("mlp");
            assertTrue(jobs.stream().allMatch(j -> j.state() == JobState.FINISHED && j.attempt() == 1));
            assertEquals(jobCount, jobs.stream().map(StoredJob::finishedSeq).distinct().count());
        }
    }

    @Test
    void requeueAndLateResultRaceLeavesOneCountedResult() throws Exception {
        String url = EmbeddedPostgresServer.newDatabase();
        try (PostgresStore a = PostgresStore.open(url); PostgresStore b = PostgresStore.open(url)) {
            a.open(STUDY);
            for (int i = 0; i < 30; i++) {
                a.addJob("mlp", StoreFixtures.job(i), null, 0, 0);
            }
            List<StoredJob> first = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                first.add(a.claim("mlp", "slow", 0, 10).orElseThrow());
            }
            // the slow worker's leases ran out: b requeues and re-claims while a stores late results
            Thread late = new Thread(() -> first.forEach(j -> a.finish("mlp", j.jobId(), 1, Result.of(1), 20)));
            late.start();
            b.requeueStale("mlp", 15);
            Optional<StoredJob> j;
            while ((j = b.claim("mlp", "fast", 16, Long.MAX_VALUE)).isPresent()) {
                b.finish("mlp", j.get().jobId(), j.get().attempt(), Result.of(2), 30);
            }
            late.join();
            for (StoredJob job : a.jobs("mlp")) {
                List<StoredAttempt> attempts = a.attempts("mlp", job.jobId());
                assertEquals(1, attempts.stream().filter(StoredAttempt::counted).count(), attempts.toString());
                assertTrue(job.state() == JobState.FINISHED);
                assertEquals(job.attempt() == 1 ? 1.0 : 2.0, job.value(), "the counted result is the current attempt's");
            }
        }
    }

    @Test
    void processesCreatingTheSchemaAtOnceAllSucceed() throws Exception {
        String url = EmbeddedPostgresServer.newDatabase();
        int n = 5;
        CyclicBarrier together = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<Integer>> versions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            versions.add(pool.submit(() -> {
                together.await();
                try (PostgresStore s = PostgresStore.open(url)) {
                    s.open(STUDY);
                    return s.schemaVersion();
                }
            }));
        }
        for (Future<Integer> v : versions) {
            assertEquals(SqliteStore.SCHEMA_VERSION, v.get());
        }
        pool.shutdown();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM schema_version")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "one version row");
        }
    }

    @Test
    void migratesAVersion1Database() throws Exception {
        String url = EmbeddedPostgresServer.newDatabase();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String ddl : PostgresStore.SCHEMA) {
                s.execute(ddl);
            }
            s.execute("INSERT INTO schema_version (version) VALUES (1)");
            s.execute("INSERT INTO studies (name, space, direction, optimizer, seed, settings, created_at, next_seq)"
                    + " VALUES ('mlp', '" + STUDY.space() + "', 'MINIMIZE', 'random', 42, '" + STUDY.settings().encode() + "', 0, 3)");
            s.execute("INSERT INTO jobs (study_id, job_id, config_iteration, config_bracket, config_index, rung, budget,"
                    + " previous_budget, configuration, state, attempt, worker, lease_until, handed_seq, finished_seq,"
                    + " started_at, finished_at, value, failure) SELECT id, 0, 0, 0, 0, 0, 9, 0, '{\"lr\":0.01}',"
                    + " 'FINISHED', 1, 'w', 0, 1, 2, 5, 6, 0.25, NULL FROM studies");
        }
        try (PostgresStore store = PostgresStore.open(url)) {
            assertEquals(SqliteStore.SCHEMA_VERSION, store.schemaVersion());
            StoredJob j = store.jobs("mlp").get(0);
            assertEquals(2, j.toldSeq(), "a version 1 result was told when it was stored");
            assertEquals(0, j.continuedFrom(), "a version 1 result was charged its full budget");
            assertEquals(0, j.stopAttempt(), "no stop requests before version 4");
            assertFalse(store.isStudyFinished("mlp"));
            assertTrue(store.open(STUDY));
        }
    }

    @Test
    void refusesADatabaseOfANewerVersion() throws Exception {
        String url = EmbeddedPostgresServer.newDatabase();
        PostgresStore.open(url).close();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("UPDATE schema_version SET version = 99");
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PostgresStore.open(url));
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
    }

    @Test
    void passwordsNeverAppearInLocationOrMessages() {
        String url = EmbeddedPostgresServer.newDatabase();
        String withPassword = url + "&password=s3cr3t-pw";
        try (PostgresStore store = PostgresStore.open(withPassword)) {
            assertFalse(store.location().contains("s3cr3t-pw"), store.location());
            assertTrue(store.location().contains("password=***"), store.location());
        }
        assertEquals("jdbc:postgresql://db:5432/hpo?user=u&password=***&ssl=true",
                PostgresStore.mask("jdbc:postgresql://db:5432/hpo?user=u&password=x&ssl=true"));
        // a server nobody listens on: the message names the database, not the password
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PostgresStore.open("jdbc:postgresql://127.0.0.1:1/nope?password=s3cr3t-pw&connectTimeout=2"));
        assertFalse(e.getMessage().contains("s3cr3t-pw"), e.getMessage());
        assertTrue(e.getMessage().contains("jdbc:postgresql://127.0.0.1:1/nope"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> StudyStores.open("postgres://db?password=s3cr3t-pw", dir, "s", false));
        assertFalse(bad.getMessage().contains("s3cr3t-pw"), bad.getMessage());
    }

    @Test
    void storageUrlChoosesPostgresAndFreshKeepsTheOldStudy() {
        String url = EmbeddedPostgresServer.newDatabase();
        try (StudyStore s = StudyStores.open(url, dir, "mlp", false)) {
            assertTrue(s instanceof PostgresStore);
            assertTrue(s.shared());
            s.open(STUDY);
            s.addJob("mlp", StoreFixtures.job(0), null, 0, 0);
        }
        try (StudyStore s = StudyStores.open(url, dir, "mlp", true)) {
            assertFalse(s.open(STUDY), "a fresh study of the same name");
            assertEquals(0, s.jobs("mlp").size());
        }
        try (PostgresStore s = PostgresStore.open(url)) {
            assertEquals(Optional.empty(), s.archive("none"));
        }
    }
}
