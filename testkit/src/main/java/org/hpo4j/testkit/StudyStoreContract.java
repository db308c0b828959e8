package org.hpo4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.hpo4j.annotations.Direction;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;
import org.hpo4j.store.JobState;
import org.hpo4j.store.NewJob;
import org.hpo4j.store.StoredAttempt;
import org.hpo4j.store.StoredJob;
import org.hpo4j.store.StoredReport;
import org.hpo4j.store.StudyDefinition;
import org.hpo4j.store.StudyMismatchException;
import org.hpo4j.store.StudyStore;
import org.hpo4j.trial.Constraint;
import org.hpo4j.trial.Criteria;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StudyStore} guarantees (ARCHITECTURE.md, "What the store guarantees", and the
 * interface's Javadoc): a study is bound to its definition and a different one is refused naming
 * the fields; every hand-out and acknowledged result takes the next number of one per-study
 * sequence; a claim starts a new attempt with a lease, a result for an attempt that is not the
 * current one is refused and logged as not counted, and jobs whose lease ran out go back to
 * pending; stop requests belong to one attempt; results keep every objective and constraint value;
 * and what was written reads back the same after the store is opened again. hpo4j runs it over its
 * in-memory, SQLite and PostgreSQL stores.
 *
 * <p>A store of your own passes when a subclass that creates it passes:
 * <pre>{@code
 * class RedisStoreTest extends StudyStoreContract {
 *     @Override
 *     protected StudyStore newStore() {
 *         return RedisStore.open("redis://localhost/" + UUID.randomUUID());   // empty, of its own
 *     }
 *
 *     @Override
 *     protected StudyStore reopen(StudyStore store) {
 *         String where = store.location();
 *         store.close();
 *         return RedisStore.open(where);                                      // the same data again
 *     }
 * }
 * }</pre>
 * Each test closes the stores it was given.
 */
public abstract class StudyStoreContract extends StudyStoreAttemptCases {
    @Test
    void opensAndReopensAStudy() {
        try (StudyStore store = newStore()) {
            assertFalse(store.open(STUDY), "a new study");
            assertTrue(store.open(STUDY), "the same definition opens the stored study");
            assertEquals(Optional.of(STUDY), store.find("mlp"));
            assertEquals(Optional.empty(), store.find("other"));
            assertThrows(IllegalArgumentException.class, () -> store.jobs("other"), "an unknown study");
        }
    }

    @Test
    void refusesAnotherDefinitionNamingStudyAndFieldAndChangesNothing() {
        try (StudyStore store = newStore()) {
            store.open(STUDY);
            store.addJob("mlp", job(0), "w", 1, 100);
            StudyDefinition changed = new StudyDefinition("mlp", "lr float [1.0E-4, 1.0] (log)\n",
                    Direction.MINIMIZE, "random", 42, STUDY.settings());
            StudyMismatchException e = assertThrows(StudyMismatchException.class, () -> store.open(changed));
            assertTrue(e.getMessage().contains("study 'mlp'"), e.getMessage());
            assertTrue(e.getMessage().contains("- lr float [0.001, 1.0] (log)"), e.getMessage());
            assertTrue(e.getMessage().contains("+ lr float [1.0E-4, 1.0] (log)"), e.getMessage());
            assertTrue(e.getMessage().contains("hpo.fresh"), "says how to start afresh: " + e.getMessage());
            StudyDefinition otherSeed = new StudyDefinition("mlp", STUDY.space(), Direction.MINIMIZE, "random", 43,
                    STUDY.settings());
            assertTrue(assertThrows(StudyMismatchException.class, () -> store.open(otherSeed)).getMessage()
                    .contains("seed 42 -> 43"));
            StudyDefinition otherOptimizer = new StudyDefinition("mlp", STUDY.space(), Direction.MINIMIZE, "tpe", 42,
                    STUDY.settings());
            assertTrue(assertThrows(StudyMismatchException.class, () -> store.open(otherOptimizer)).getMessage()
                    .contains("optimizer 'random' -> 'tpe' (to continue the study, name its optimizer: -Dhpo.optimizer=random)"));
            StudyDefinition otherSettings = new StudyDefinition("mlp", STUDY.space(), Direction.MINIMIZE, "random", 42,
                    "minBudget=1.0 maxBudget=27.0 eta=3.0 seed=42");
            String settings = assertThrows(StudyMismatchException.class, () -> store.open(otherSettings)).getMessage();
            assertTrue(settings.contains("maxBudget") && settings.contains("27.0"), settings);
            assertEquals(Optional.of(STUDY), store.find("mlp"), "the stored definition is unchanged");
            assertEquals(1, store.jobs("mlp").size(), "and so are its jobs");
        }
    }

    @Test
    void recordsJobsResultsAndTheirOrder() {
        try (StudyStore store = newStore()) {
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
            assertEquals(1, j1.attempt(), "a job added with a worker is claimed at once");
            assertEquals(JobState.RUNNING, j2.state());
            assertEquals(job(1).configuration(), j1.configuration());
            assertEquals(new Job.ConfigId(1, 0, 0), j1.configId());
            // hand-outs and results share one order: add 0, add 1, finish 1, finish 0, add 2
            assertEquals(List.of(1L, 2L, 5L), List.of(j0.handedSeq(), j1.handedSeq(), j2.handedSeq()));
            assertEquals(4, j0.finishedSeq());
            assertEquals(3, j1.finishedSeq());
            assertEquals(List.of(1.0, 2.0), store.reports("mlp", 1).stream().map(StoredReport::step).toList());
            assertEquals(List.of(0.7, 0.5), store.reports("mlp", 1).stream().map(StoredReport::value).toList());
            assertThrows(IllegalArgumentException.class, () -> store.addJob("mlp", job(1), null, 0, 0),
                    "a job id is taken once");
        }
    }

    @Test
    void keepsEveryObjectiveAndConstraintValueAndTheCriteria() {
        try (StudyStore store = newStore()) {
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
            assertEquals(List.of(31.5), jobs.get(0).constraints(), "the constrained value as returned, not a violation");
            assertTrue(jobs.get(1).result().isFailure());
            store.acknowledge("mo", 0);
            assertEquals(vector, store.jobs("mo").get(0).result(), "acknowledging keeps the values");

            StudyDefinition otherBound = new StudyDefinition("mo", SEVERAL.space(), Direction.MINIMIZE, "parego", 42,
                    SEVERAL.settings(), new Criteria(SEVERAL.criteria().objectives(),
                    List.of(new Constraint("latencyMs", Constraint.Kind.AT_MOST, 10))));
            StudyMismatchException e = assertThrows(StudyMismatchException.class, () -> store.open(otherBound));
            assertTrue(e.getMessage().contains("latencyMs <= 20] -> [min error, max accuracy; latencyMs <= 10]"),
                    e.getMessage());
            // a study of one objective in the same store keeps its plain value
            store.open(STUDY);
            store.addJob("mlp", job(0), "w", 1, 100);
            store.finish("mlp", 0, 1, Result.of(0.5), 5);
            assertEquals(Result.of(0.5), store.jobs("mlp").get(0).result());
        }
    }

    @Test
    void aContinuationAndARestartAreTold() {
        try (StudyStore store = newStore()) {
            store.open(STUDY);
            NewJob promotion = new NewJob(0, new Job.ConfigId(0, 2, 0), 1, 9.0, 3.0, "{\"lr\":0.01}");
            NewJob restart = new NewJob(1, new Job.ConfigId(0, 2, 1), 1, 9.0, 3.0, "{\"lr\":0.02}");
            store.addJob("mlp", promotion, "w", 1, Long.MAX_VALUE - 1);
            store.addJob("mlp", restart, "w", 1, Long.MAX_VALUE - 1);
            assertEquals(0, store.jobs("mlp").get(0).continuedFrom(), "nothing charged while running");
            assertTrue(store.finish("mlp", 0, 1, Result.of(0.2), 5, 3.0));
            assertTrue(store.finish("mlp", 1, 1, Result.of(0.3), 6));
            StoredJob continued = store.jobs("mlp").get(0);
            assertEquals(3.0, continued.continuedFrom());
            assertEquals(1, continued.rung());
            assertEquals(3.0, continued.previousBudget());
            assertEquals(0.0, store.jobs("mlp").get(1).continuedFrom(), "the five-argument finish is a restart");
        }
    }

    @Test
    void whatWasWrittenReadsBackTheSameWhenTheStoreIsOpenedAgain() {
        StudyStore store = newStore();
        List<StoredJob> written;
        List<StoredReport> reports;
        List<StoredAttempt> attempts;
        try {
            store.open(STUDY);
            store.open(SEVERAL);
            store.addJob("mlp", job(0), "w1", 10, 1000);
            store.addJob("mlp", job(1), null, 11, 0);
            store.addJob("mlp", job(2), null, 12, 0);
            store.report("mlp", 0, 1, 1.0, 0.75, 15);
            assertTrue(store.finish("mlp", 0, 1, Result.of(0.25), 20, 0));
            store.acknowledge("mlp", 0);
            StoredJob claimed = store.claim("mlp", "w2", 30, 2000).orElseThrow();
            assertTrue(store.finish("mlp", claimed.jobId(), claimed.attempt(), Result.failed("boom\n\tat x.y(Z.java:1)"), 40));
            store.recordCheckpoint("mlp", job(0).configId(), 9.0, "ab12");
            store.addJob("mo", job(0), "w1", 50, 1000);
            assertTrue(store.finish("mo", 0, 1, Result.of(List.of(0.5, 0.9), List.of(12.0)), 60));
            store.setStudyFinished("mlp", true);
            written = store.jobs("mlp");
            reports = store.reports("mlp", 0);
            attempts = store.attempts("mlp", 1);
            store = reopen(store);
            assertTrue(store.open(STUDY), "the study is there again");
            assertEquals(Optional.of(SEVERAL), store.find("mo"));
            assertEquals(written, store.jobs("mlp"), "every field of every job");
            assertEquals(reports, store.reports("mlp", 0));
            assertEquals(attempts, store.attempts("mlp", 1));
            assertEquals(Optional.of("ab12"), store.checkpointDigest("mlp", job(0).configId(), 9.0));
            assertTrue(store.isStudyFinished("mlp"));
            assertEquals(Result.of(List.of(0.5, 0.9), List.of(12.0)), store.jobs("mo").get(0).result());
            // the sequence goes on where it stopped
            store.addJob("mlp", job(3), "w1", 70, 1000);
            long last = written.stream().mapToLong(j -> Math.max(j.handedSeq(), Math.max(j.finishedSeq(), j.toldSeq())))
                    .max().orElseThrow();
            assertTrue(store.jobs("mlp").get(3).handedSeq() > last, "a new hand-out comes after everything stored");
        } finally {
            store.close();
        }
    }

    @Test
    void acknowledgedResultsTakeTheirPlaceInTheOrder() {
        try (StudyStore store = newStore()) {
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

    @Test
    void aStudyIsMarkedFinishedAndOpenedAgain() {
        try (StudyStore store = newStore()) {
            store.open(STUDY);
            assertFalse(store.isStudyFinished("mlp"));
            store.setStudyFinished("mlp", true);
            assertTrue(store.isStudyFinished("mlp"));
            store.setStudyFinished("mlp", false);
            assertFalse(store.isStudyFinished("mlp"));
            assertThrows(IllegalArgumentException.class, () -> store.isStudyFinished("nope"));
        }
    }

    @Test
    void aCheckpointDigestIsKeptPerConfigurationAndBudget() {
        try (StudyStore store = newStore()) {
            store.open(STUDY);
            Job.ConfigId config = new Job.ConfigId(0, 1, 2);
            assertEquals(Optional.empty(), store.checkpointDigest("mlp", config, 3), "nothing recorded yet");
            store.recordCheckpoint("mlp", config, 3, "ab12");
            store.recordCheckpoint("mlp", config, 3, "cd34");
            store.recordCheckpoint("mlp", config, 9, "ef56");
            assertEquals(Optional.of("cd34"), store.checkpointDigest("mlp", config, 3), "a rewrite replaces the digest");
            assertEquals(Optional.of("ef56"), store.checkpointDigest("mlp", config, 9));
            assertEquals(Optional.empty(), store.checkpointDigest("mlp", new Job.ConfigId(0, 1, 3), 3));
            store.open(SEVERAL);
            assertEquals(Optional.empty(), store.checkpointDigest("mo", config, 3), "digests belong to one study");
        }
    }
}
