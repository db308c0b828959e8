package org.hpo4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hpo4j.annotations.Direction;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;
import org.hpo4j.store.JobState;
import org.hpo4j.store.LeaseStatus;
import org.hpo4j.store.NewJob;
import org.hpo4j.store.StoredAttempt;
import org.hpo4j.store.StoredJob;
import org.hpo4j.store.StoredReport;
import org.hpo4j.store.StudyDefinition;
import org.hpo4j.store.StudyStore;
import org.hpo4j.trial.Constraint;
import org.hpo4j.trial.Criteria;
import org.hpo4j.trial.Goal;
import org.junit.jupiter.api.Test;

/**
 * The cases of {@link StudyStoreContract} about attempts: claims and their leases, jobs whose lease
 * ran out, late results, stop requests and the reports of running attempts; with the fixtures and
 * the factory methods every case uses. Extend {@link StudyStoreContract}, not this class.
 */
abstract class StudyStoreAttemptCases {
    /** The single-objective study most cases use. */
    protected static final StudyDefinition STUDY = new StudyDefinition("mlp", "lr float [0.001, 1.0] (log)\n",
            Direction.MINIMIZE, "random", 42, "minBudget=1.0 maxBudget=9.0 eta=3.0 seed=42");

    /** Two objectives (the second maximized) and a bound on a third value. */
    protected static final StudyDefinition SEVERAL = new StudyDefinition("mo", "lr float [0.001, 1.0] (log)\n",
            Direction.MINIMIZE, "parego", 42, "minBudget=1.0 maxBudget=9.0 eta=3.0 seed=42",
            new Criteria(List.of(new Goal("error", Direction.MINIMIZE), new Goal("accuracy", Direction.MAXIMIZE)),
                    List.of(new Constraint("latencyMs", Constraint.Kind.AT_MOST, 20))));

    /** A new, empty store that no other test uses. */
    protected abstract StudyStore newStore();

    /**
     * The same store as a resuming process sees it: for a store that persists, close {@code store}
     * and open what it points to again (its file, its database). The default hands back
     * {@code store} itself, as is right for a store that lives in memory only.
     */
    protected StudyStore reopen(StudyStore store) {
        return store;
    }

    /** Job {@code id} of {@link #STUDY}, at budget 9 from scratch, with a configuration of its own. */
    protected static NewJob job(int id) {
        return new NewJob(id, new Job.ConfigId(id, 0, 0), 0, 9.0, 0.0, "{\"lr\":" + (0.001 * (id + 1)) + "}");
    }

    @Test
    void staleJobsAreHandedOutAgainAndLateResultsRefused() {
        try (StudyStore store = newStore()) {
            store.open(STUDY);
            store.addJob("mlp", job(0), null, 0, 0);
            store.addJob("mlp", job(1), null, 0, 0);
            assertEquals(JobState.PENDING, store.jobs("mlp").get(0).state());
            StoredJob a = store.claim("mlp", "a", 10, 100).orElseThrow();
            StoredJob b = store.claim("mlp", "b", 10, 500).orElseThrow();
            assertEquals(List.of(0, 1), List.of(a.jobId(), b.jobId()), "claims go in job order");
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
            List<StoredAttempt> log = store.attempts("mlp", 0);
            assertEquals(List.of(1, 2), log.stream().map(StoredAttempt::attempt).toList());
            assertEquals(List.of("a", "c"), log.stream().map(StoredAttempt::worker).toList());
            assertEquals(Result.of(3.0), log.get(0).result());
            assertFalse(log.get(0).counted());
            assertEquals(220, log.get(0).finishedAt());
            assertEquals(Result.of(2.0), log.get(1).result());
            assertTrue(log.get(1).counted());
            assertEquals(1, store.attempts("mlp", 1).size());
            assertEquals(null, store.attempts("mlp", 1).get(0).result(), "job 1's attempt still runs");
            assertEquals(1, store.requeueStale("mlp", Long.MAX_VALUE), "a resuming process takes back all running jobs");
            assertEquals(JobState.PENDING, store.jobs("mlp").get(1).state());
        }
    }

    @Test
    void anAttemptWhoseLeaseRanOutIsLoggedAsAbandoned() {
        try (StudyStore store = newStore()) {
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

    @Test
    void concurrentClaimsTakeEachJobOnce() throws Exception {
        try (StudyStore store = newStore()) {
            store.open(STUDY);
            for (int i = 0; i < 40; i++) {
                store.addJob("mlp", job(i), null, 0, 0);
            }
            ConcurrentHashMap<Integer, String> claimedBy = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    String worker = "w" + w;
                    futures.add(pool.submit(() -> {
                        Optional<StoredJob> j;
                        while ((j = store.claim("mlp", worker, 1, Long.MAX_VALUE)).isPresent()) {
                            assertEquals(null, claimedBy.putIfAbsent(j.get().jobId(), worker), "claimed twice");
                            assertTrue(store.finish("mlp", j.get().jobId(), j.get().attempt(), Result.of(1), 2));
                        }
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(40, claimedBy.size());
            List<Long> seqs = store.jobs("mlp").stream().map(StoredJob::finishedSeq).toList();
            assertEquals(40, seqs.stream().distinct().count(), "every result has its own place in the order");
        }
    }

    @Test
    void aStopRequestConcernsOnlyTheAttemptItWasMadeFor() {
        try (StudyStore store = newStore()) {
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

    @Test
    void runningReportsAreThoseOfCurrentAttemptsAfterANumber() {
        try (StudyStore store = newStore()) {
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
