package org.hpo4j.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.hpo4j.annotations.Direction;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every store must do; runs against each implementation. */
class StudyStoreContractTest {
    @TempDir
    static Path dir;

    static final StudyDefinition STUDY = new StudyDefinition("mlp", "lr FloatParameter [0.001, 1.0] (log)\n",
            Direction.MINIMIZE, "random", 42, "minBudget=1.0 maxBudget=9.0 eta=3.0 seed=42");

    static Stream<Arguments> stores() {
        Supplier<StudyStore> memory = InMemoryStore::new;
        Supplier<StudyStore> sqlite = () -> SqliteStore.open(dir.resolve("s" + System.nanoTime() + ".db"), false);
        Supplier<StudyStore> postgres = () -> PostgresStore.open(EmbeddedPostgresServer.newDatabase());
        return Stream.of(Arguments.of("memory", memory), Arguments.of("sqlite", sqlite),
                Arguments.of("postgres", postgres));
    }

    /** Two objectives (one maximized) and a bound on a third component. */
    static final StudyDefinition SEVERAL = new StudyDefinition("mo", "lr FloatParameter [0.001, 1.0] (log)\n",
            Direction.MINIMIZE, "parego", 42, "minBudget=1.0 maxBudget=9.0 eta=3.0",
            new org.hpo4j.trial.Criteria(List.of(new org.hpo4j.trial.Goal("error", Direction.MINIMIZE),
                    new org.hpo4j.trial.Goal("accuracy", Direction.MAXIMIZE)),
                    List.of(new org.hpo4j.trial.Constraint("latencyMs", org.hpo4j.trial.Constraint.Kind.AT_MOST, 20))));

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void keepsEveryObjectiveAndConstraintValueAndTheCriteria(String name, Supplier<StudyStore> factory) {
        try (StudyStore store = factory.get()) {
            assertFalse(store.open(SEVERAL));
            assertEquals(Optional.of(SEVERAL), store.find("mo"));
            store.addJob("mo", job(0), "w", 1, 100);
            store.addJob("mo", job(1), "w", 1, 100);
            Result vector = Result.of(List.of(0.25, 0.75), List.of(31.5));
            assertTrue(store.finish("mo", 0, 1, vector, 5));
            assertTrue(store.finish("mo", 1, 1, Result.failed("boom"), 6));
            List<StoredJob> jobs = store.jobs("mo");
            assertEquals(vector, jobs.get(0).result(), "every component comes back");
            assertEquals(0.25, jobs.get(0).value(), "value is the first objective");
            assertTrue(jobs.get(1).result().isFailure());
            store.acknowledge("mo", 0);
            assertEquals(vector, store.jobs("mo").get(0).result(), "acknowledging keeps the values");

            StudyDefinition otherBound = new StudyDefinition("mo", SEVERAL.space(), Direction.MINIMIZE, "parego", 42,
                    SEVERAL.settings(), new org.hpo4j.trial.Criteria(SEVERAL.criteria().objectives(),
                    List.of(new org.hpo4j.trial.Constraint("latencyMs", org.hpo4j.trial.Constraint.Kind.AT_MOST, 10))));
            StudyMismatchException e = assertThrows(StudyMismatchException.class, () -> store.open(otherBound));
            assertTrue(e.getMessage().contains("latencyMs <= 20] -> [min error, max accuracy; latencyMs <= 10]"), e.getMessage());
            // a study of one objective in the same store keeps its plain value
            store.open(STUDY);
            store.addJob("mlp", job(0), "w", 1, 100);
            store.finish("mlp", 0, 1, Result.of(0.5), 5);
            assertEquals(Result.of(0.5), store.jobs("mlp").get(0).result());
        }
    }

    static NewJob job(int id) {
        return new NewJob(id, new Job.ConfigId(id, 0, 0), 0, 9.0, 0.0, "{\"lr\":" + (0.001 * (id + 1)) + "}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void opensAndReopensAStudy(String name, Supplier<StudyStore> factory) {
        try (StudyStore store = factory.get()) {
            assertFalse(store.open(STUDY));
            assertTrue(store.open(STUDY));
            assertEquals(Optional.of(STUDY), store.find("mlp"));
            assertEquals(Optional.empty(), store.find("other"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anAttemptWhoseLeaseRanOutIsLoggedAsAbandoned(String name, Supplier<StudyStore> factory) {
        try (StudyStore store = factory.get()) {
            store.open(STUDY);
            store.addJob("mlp", job(0), null, 0, 0);
            assertEquals(1, store.claim("mlp", "w1", 10, 20).orElseThrow().attempt());
            assertEquals(0, store.requeueStale("mlp", 15), "the lease still holds");
            assertFalse(store.attempts("mlp", 0).get(0).abandoned());
            assertEquals(1, store.requeueStale("mlp", 25));
            StoredAttempt first = store.attempts("mlp", 0).get(0);
            assertTrue(first.abandoned(), first.toString());
            assertEquals(25, first.finishedAt());
            assertEquals(null, first.result());
            assertEquals(2, store.claim("mlp", "w2", 30, 1000).orElseThrow().attempt());
            assertFalse(store.attempts("mlp", 0).get(1).abandoned(), "the new attempt runs");
            assertTrue(store.finish("mlp", 0, 2, Result.of(0.5), 40));
            // the first worker was only slow: its late result is logged, not counted, not abandoned
            assertFalse(store.finish("mlp", 0, 1, Result.of(0.7), 50));
            List<StoredAttempt> log = store.attempts("mlp", 0);
            assertEquals(List.of(false, false), log.stream().map(StoredAttempt::abandoned).toList());
            assertEquals(Result.of(0.7), log.get(0).result());
            assertFalse(log.get(0).counted());
            assertTrue(log.get(1).counted());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void refusesAChangedSpaceNamingStudyAndParameter(String name, Supplier<StudyStore> factory) {
        try (StudyStore store = factory.get()) {
            store.open(STUDY);
            StudyDefinition changed = new StudyDefinition("mlp", "lr FloatParameter [1.0E-4, 1.0] (log)\n",
                    Direction.MINIMIZE, "random", 42, STUDY.settings());
            StudyMismatchException e = assertThrows(StudyMismatchException.class, () -> store.open(changed));
            assertTrue(e.getMessage().contains("study 'mlp'"), e.getMessage());
            assertTrue(e.getMessage().contains("- lr float [0.001, 1.0] (log)"), e.getMessage());
            assertTrue(e.getMessage().contains("+ lr float [1.0E-4, 1.0] (log)"), e.getMessage());
            assertTrue(e.getMessage().contains("hpo.fresh"), e.getMessage());
            StudyDefinition otherSeed = new StudyDefinition("mlp", STUDY.space(), Direction.MINIMIZE, "random", 43,
                    STUDY.settings());
            assertTrue(assertThrows(StudyMismatchException.class, () -> store.open(otherSeed)).getMessage()
                    .contains("seed 42 -> 43"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void recordsJobsResultsAndTheirOrder(String name, Supplier<StudyStore> factory) {
        try (StudyStore store = factory.get()) {
            store.open(STUDY);
            store.addJob("mlp", job(0), "w1", 100, 1000);
            store.addJob("mlp", job(1), "w2", 101, 1000);
            store.report("mlp", 1, 1, 1.0, 0.7, 150);
            store.report("mlp", 1, 1, 2.0, 0.5, 160);
            assertTrue(store.finish("mlp", 1, 1, Result.of(0.5), 200));
            assertTrue(store.finish("mlp", 0, 1, Result.failed("java.lang.IllegalStateException: boom"), 210));
            assertFalse(store.finish("mlp", 0, 1, Result.of(1.0), 220), "a job ends once");
            store.addJob("mlp", job(2), "w1", 230, 1000);

            List<StoredJob> jobs = store.jobs("mlp");
            assertEquals(3, jobs.size());
            StoredJob j0 = jobs.get(0);
            StoredJob j1 = jobs.get(1);
            StoredJob j2 = jobs.get(2);
            assertEquals(JobState.FAILED, j0.state());
            assertEquals("java.lang.IllegalStateException: boom", j0.failure());
            assertTrue(j0.result().isFailure());
            assertTrue(Double.isNaN(j0.value()));
            assertEquals(JobState.FINISHED, j1.state());
            assertEquals(0.5, j1.value());
            assertEquals("w2", j1.worker());
            assertEquals(101, j1.startedAt());
            assertEquals(200, j1.finishedAt());
            assertEquals(JobState.RUNNING, j2.state());
            assertEquals(job(1).configuration(), j1.configuration());
            assertEquals(new Job.ConfigId(1, 0, 0), j1.configId());
            // hand-outs and results share one order: add 0, add 1, finish 1, finish 0, add 2
            assertEquals(List.of(1L, 2L, 5L), List.of(j0.handedSeq(), j1.handedSeq(), j2.handedSeq()));
            assertEquals(4, j0.finishedSeq());
            assertEquals(3, j1.finishedSeq());
            assertEquals(List.of(1.0, 2.0), store.reports("mlp", 1).stream().map(StoredReport::step).toList());
            assertEquals(List.of(0.7, 0.5), store.reports("mlp", 1).stream().map(StoredReport::value).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void staleJobsAreHandedOutAgainAndLateResultsRefused(String name, Supplier<StudyStore> factory) {
        try (StudyStore store = factory.get()) {
            store.open(STUDY);
            store.addJob("mlp", job(0), null, 0, 0);
            store.addJob("mlp", job(1), null, 0, 0);
            assertEquals(JobState.PENDING, store.jobs("mlp").get(0).state());
            StoredJob a = store.claim("mlp", "a", 10, 100).orElseThrow();
            StoredJob b = store.claim("mlp", "b", 10, 500).orElseThrow();
            assertEquals(List.of(0, 1), List.of(a.jobId(), b.jobId()));
            assertEquals(1, a.attempt());
            assertEquals(Optional.empty(), store.claim("mlp", "c", 10, 100));
            assertTrue(store.heartbeat("mlp", 1, 1, 1000));

            assertEquals(1, store.requeueStale("mlp", 200), "only job 0's lease ran out");
            StoredJob again = store.claim("mlp", "c", 210, 900).orElseThrow();
            assertEquals(0, again.jobId());
            assertEquals(2, again.attempt());
            assertEquals("c", again.worker());
            assertFalse(store.finish("mlp", 0, 1, Result.of(3.0), 220), "the superseded attempt's result is refused");
            assertEquals(JobState.RUNNING, store.jobs("mlp").get(0).state(), "and leaves the job to attempt 2");
            assertFalse(store.heartbeat("mlp", 0, 1, 2000));
            assertTrue(store.finish("mlp", 0, 2, Result.of(2.0), 230));
            assertEquals(2.0, store.jobs("mlp").get(0).value());
            assertFalse(store.finish("mlp", 0, 2, Result.of(5.0), 240), "an attempt ends once");
            assertEquals(2.0, store.jobs("mlp").get(0).value());
            // the late result is logged, not counted; the counted one is attempt 2's
            List<StoredAttempt> attempts = store.attempts("mlp", 0);
            assertEquals(List.of(1, 2), attempts.stream().map(StoredAttempt::attempt).toList());
            assertEquals(List.of("a", "c"), attempts.stream().map(StoredAttempt::worker).toList());
            assertEquals(Result.of(3.0), attempts.get(0).result());
            assertFalse(attempts.get(0).counted());
            assertEquals(220, attempts.get(0).finishedAt());
            assertEquals(Result.of(2.0), attempts.get(1).result());
            assertTrue(attempts.get(1).counted());
            assertEquals(1, store.attempts("mlp", 1).size());
            assertEquals(null, store.attempts("mlp", 1).get(0).result(), "job 1's attempt still runs");
            assertEquals(1, store.requeueStale("mlp", Long.MAX_VALUE), "a resuming process takes back all running jobs");
            assertEquals(JobState.PENDING, store.jobs("mlp").get(1).state());
            assertThrows(IllegalArgumentException.class, () -> store.addJob("mlp", job(1), null, 0, 0));
            assertThrows(IllegalArgumentException.class, () -> store.jobs("nope"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void concurrentClaimsTakeEachJobOnce(String name, Supplier<StudyStore> factory) throws Exception {
        try (StudyStore store = factory.get()) {
            store.open(STUDY);
            for (int i = 0; i < 40; i++) {
                store.addJob("mlp", job(i), null, 0, 0);
            }
            ConcurrentHashMap<Integer, String> claimedBy = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String worker = "w" + w;
                futures.add(pool.submit(() -> {
                    Optional<StoredJob> j;
                    while ((j = store.claim("mlp", worker, 1, Long.MAX_VALUE)).isPresent()) {
                        assertEquals(null, claimedBy.putIfAbsent(j.get().jobId(), worker));
                        assertTrue(store.finish("mlp", j.get().jobId(), j.get().attempt(), Result.of(1), 2));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            assertEquals(40, claimedBy.size());
            List<Long> seqs = store.jobs("mlp").stream().map(StoredJob::finishedSeq).sorted().toList();
            assertEquals(40, seqs.stream().distinct().count(), "every result has its own place in the order");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void acknowledgedResultsTakeTheirPlaceInTheOrder(String name, Supplier<StudyStore> factory) {
        try (StudyStore store = factory.get()) {
            store.open(STUDY);
            store.addJob("mlp", job(0), null, 0, 0);
            StoredJob a = store.claim("mlp", "a", 10, 100).orElseThrow();
            assertThrows(IllegalArgumentException.class, () -> store.acknowledge("mlp", 0), "job 0 has not ended");
            assertTrue(store.finish("mlp", 0, a.attempt(), Result.of(1.0), 20));
            // the coordinator asked for job 1 before it saw job 0's result
            store.addJob("mlp", job(1), null, 30, 0);
            assertEquals(0, store.jobs("mlp").get(0).toldSeq());
            long told = store.acknowledge("mlp", 0);
            assertEquals(told, store.acknowledge("mlp", 0), "a result is told once");
            StoredJob j0 = store.jobs("mlp").get(0);
            StoredJob j1 = store.jobs("mlp").get(1);
            assertTrue(j0.finishedSeq() < j1.handedSeq());
            assertTrue(j1.handedSeq() < j0.toldSeq(), "told after job 1 was handed out");
            assertEquals(told, j0.toldSeq());
            assertThrows(IllegalArgumentException.class, () -> store.acknowledge("mlp", 7));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aStudyIsMarkedFinishedAndOpenedAgain(String name, Supplier<StudyStore> factory) {
        try (StudyStore store = factory.get()) {
            store.open(STUDY);
            assertFalse(store.isStudyFinished("mlp"));
            store.setStudyFinished("mlp", true);
            assertTrue(store.isStudyFinished("mlp"));
            store.setStudyFinished("mlp", false);
            assertFalse(store.isStudyFinished("mlp"));
            assertThrows(IllegalArgumentException.class, () -> store.isStudyFinished("nope"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aStopRequestConcernsOnlyTheAttemptItWasMadeFor(String name, Supplier<StudyStore> factory) {
        try (StudyStore store = factory.get()) {
            store.open(STUDY);
            store.addJob("mlp", job(0), null, 0, 0);
            assertFalse(store.requestStop("mlp", 0, 0), "a pending job has no attempt to stop");
            store.claim("mlp", "a", 10, 100).orElseThrow();
            assertEquals(LeaseStatus.HELD, store.renewLease("mlp", 0, 1, 150));
            assertFalse(store.requestStop("mlp", 0, 2), "attempt 2 does not exist yet");
            assertEquals(LeaseStatus.HELD, store.renewLease("mlp", 0, 1, 150));
            assertTrue(store.requestStop("mlp", 0, 1));
            assertTrue(store.requestStop("mlp", 0, 1), "asking twice is harmless");
            assertEquals(LeaseStatus.STOP_REQUESTED, store.renewLease("mlp", 0, 1, 180));
            assertTrue(store.jobs("mlp").get(0).stopRequested());
            assertEquals(180, store.jobs("mlp").get(0).leaseUntil(), "the heartbeat that reads the request renews");

            // attempt 1's worker went silent: the job is handed out again, and attempt 2 runs on
            assertEquals(1, store.requeueStale("mlp", 200));
            assertFalse(store.jobs("mlp").get(0).stopRequested());
            assertFalse(store.requestStop("mlp", 0, 1), "attempt 1 no longer runs");
            assertEquals(2, store.claim("mlp", "b", 210, 900).orElseThrow().attempt());
            assertFalse(store.jobs("mlp").get(0).stopRequested(), "the request was attempt 1's");
            assertEquals(LeaseStatus.HELD, store.renewLease("mlp", 0, 2, 1000));
            assertEquals(LeaseStatus.LOST, store.renewLease("mlp", 0, 1, 1000), "the old worker learns it lost the job");
            assertFalse(store.heartbeat("mlp", 0, 1, 1000));
            assertFalse(store.requestStop("mlp", 0, 1));
            assertEquals(LeaseStatus.HELD, store.renewLease("mlp", 0, 2, 1000));

            assertTrue(store.requestStop("mlp", 0, 2));
            assertEquals(LeaseStatus.STOP_REQUESTED, store.renewLease("mlp", 0, 2, 1000));
            assertTrue(store.heartbeat("mlp", 0, 2, 1000));
            assertTrue(store.finish("mlp", 0, 2, Result.of(0.7), 1100));
            StoredJob ended = store.jobs("mlp").get(0);
            assertTrue(ended.stopRequested(), "the ended job keeps that its counted attempt was stopped");
            assertEquals(2, ended.stopAttempt());
            assertFalse(store.requestStop("mlp", 0, 2), "an ended attempt is not stopped");
            assertEquals(LeaseStatus.LOST, store.renewLease("mlp", 0, 2, 2000));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void runningReportsAreThoseOfCurrentAttemptsAfterANumber(String name, Supplier<StudyStore> factory) {
        try (StudyStore store = factory.get()) {
            store.open(STUDY);
            for (int i = 0; i < 3; i++) {
                store.addJob("mlp", job(i), null, 0, 0);
                store.claim("mlp", "w", 0, 100).orElseThrow();
            }
            store.report("mlp", 0, 1, 1, 0.9, 10);
            store.report("mlp", 1, 1, 1, 0.8, 11);
            store.report("mlp", 2, 1, 1, 0.7, 12);
            store.report("mlp", 0, 1, 2, 0.5, 13);
            assertTrue(store.finish("mlp", 2, 1, Result.of(0.7), 20));
            List<StoredReport> all = store.runningReports("mlp", 0);
            assertEquals(List.of(0.9, 0.8, 0.5), all.stream().map(StoredReport::value).toList(),
                    "the ended job's reports are left out");
            assertTrue(all.get(0).id() < all.get(1).id() && all.get(1).id() < all.get(2).id(), all.toString());
            assertEquals(List.of(0.8, 0.5), store.runningReports("mlp", all.get(0).id()).stream()
                    .map(StoredReport::value).toList());
            assertEquals(List.of(), store.runningReports("mlp", all.get(2).id()));
            // job 0 is handed out again: its first attempt's values no longer count
            store.heartbeat("mlp", 1, 1, 1000);
            assertEquals(1, store.requeueStale("mlp", 500));
            assertEquals(0, store.claim("mlp", "v", 510, 1000).orElseThrow().jobId());
            store.report("mlp", 0, 2, 1, 0.95, 520);
            List<StoredReport> now = store.runningReports("mlp", 0);
            assertEquals(List.of(0.8, 0.95), now.stream().map(StoredReport::value).toList());
            assertEquals(List.of(1, 2), now.stream().map(StoredReport::attempt).toList());
            assertEquals(List.of(0.95), store.reports("mlp", 0).stream().map(StoredReport::value).toList());
        }
    }
}
