package org.hpo4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hpo4j.execute.InProcessExecutor;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.objective.Objective;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.store.InMemoryStore;
import org.hpo4j.store.StudyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way of running a study goes through one trial loop: the same outcomes with and without a store, and by ask/tell. */
class TrialLoopTest {
    private static final SearchSpace SPACE = SearchSpace.builder()
            .add(FloatParameter.uniform("x", -1, 1))
            .budget("epochs", 1, 9, true)
            .build();

    private static final Objective QUADRATIC = (c, ctx) -> Math.pow(c.getDouble("x") - 0.3, 2) + 1 / ctx.budget();

    private static StudyBuilder study(String optimizer, Path work) {
        return Study.builder(SPACE).name("loop").seed(7).workDirectory(work)
                .optimizer(optimizer, new Fidelity(1, 9), 7);
    }

    /** What an evaluation was: configuration, budget, value or the first line of its failure, cost. */
    private static List<String> trace(StudyResult r) {
        return r.evaluations().stream().map(e -> e.job().configuration() + " @" + e.job().budget() + " = "
                + (e.isFailure() ? e.result().failure().lines().findFirst().orElseThrow() : e.value())
                + " cost " + e.cost()).toList();
    }

    @Test
    void anOutOfMemoryErrorIsAFailedEvaluationWithItsStackWithAndWithoutAStore(@TempDir Path work) {
        Objective exhausting = (c, ctx) -> {
            if (ctx.jobId() % 3 == 1) {
                throw new OutOfMemoryError("Java heap space");
            }
            return QUADRATIC.evaluate(c, ctx);
        };
        StudyResult plain = study("random", work).build().optimize(exhausting, StoppingRule.maxEvaluations(9));
        StudyResult stored;
        try (StudyStore store = new InMemoryStore()) {
            stored = study("random", work).store(store).build().optimize(exhausting, StoppingRule.maxEvaluations(9));
        }
        assertEquals(trace(plain), trace(stored));
        assertEquals(3, plain.failures());
        for (StudyResult r : List.of(plain, stored)) {
            String failure = r.evaluations().get(1).result().failure();
            assertTrue(failure.startsWith("java.lang.OutOfMemoryError: Java heap space\n\tat "), failure);
        }
    }

    @Test
    void theFirstEvaluationsAllFailingStopTheStudyWithAndWithoutAStore(@TempDir Path work) {
        Objective broken = (c, ctx) -> {
            throw new UnsupportedOperationException("no GPU found");
        };
        StudyFailedException plain = assertThrows(StudyFailedException.class,
                () -> study("random", work).failFastAfter(4).build().optimize(broken, StoppingRule.maxEvaluations(30)));
        assertEquals(4, plain.result().evaluations().size());
        try (StudyStore store = new InMemoryStore()) {
            StudyFailedException stored = assertThrows(StudyFailedException.class, () -> study("random", work)
                    .failFastAfter(4).store(store).build().optimize(broken, StoppingRule.maxEvaluations(30)));
            assertEquals(trace(plain.result()), trace(stored.result()));
        }
        try (InProcessExecutor executor = new InProcessExecutor(broken, 1)) {
            StudyFailedException threads = assertThrows(StudyFailedException.class, () -> study("random", work)
                    .failFastAfter(4).executor(executor).build().optimize(StoppingRule.maxEvaluations(30)));
            assertEquals(trace(plain.result()), trace(threads.result()));
        }
    }

    @Test
    void askAndTellGiveTheEvaluationsOfOptimize(@TempDir Path work) throws Exception {
        StudyResult optimized = study("hyperband", work).build().optimize(QUADRATIC, StoppingRule.maxEvaluations(20));
        Study study = study("hyperband", work).build();
        for (int i = 0; i < 20; i++) {
            Trial trial = study.ask().orElseThrow();
            assertEquals(trial.job().budget(), trial.budget());
            study.tell(trial, QUADRATIC.evaluate(trial.configuration(), trial.context()));
        }
        assertEquals(trace(optimized), trace(study.result()));
        assertEquals(optimized.incumbent().map(Evaluation::job), study.result().incumbent().map(Evaluation::job));
        assertEquals(20, study.progress().evaluations());
    }

    @Test
    void askedTrialsMayBeOutTogetherAndFailuresAreTold(@TempDir Path work) {
        Study study = study("random", work).build();
        Trial first = study.ask().orElseThrow();
        Trial second = study.ask().orElseThrow();
        study.tell(second, 0.5);
        study.tell(first, new IllegalStateException("diverged"));
        List<Evaluation> done = study.result().evaluations();
        assertEquals(List.of(second.job(), first.job()), done.stream().map(Evaluation::job).toList());
        assertTrue(done.get(1).result().failure().startsWith("java.lang.IllegalStateException: diverged\n\tat "));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> study.tell(first, 1.0));
        assertTrue(twice.getMessage().contains("job " + first.job().id()), twice.getMessage());
        Trial nan = study.ask().orElseThrow();
        study.tell(nan, Double.NaN);
        assertTrue(study.result().evaluations().get(2).isFailure());
    }

    @Test
    void askAndTellStoreTheTrialsAndAStoredStudyAsksItsUntoldTrialAgainFirst(@TempDir Path work) {
        try (StudyStore store = new InMemoryStore()) {
            Study first = study("hyperband", work).store(store).build();
            List<Trial> asked = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                asked.add(first.ask().orElseThrow());
            }
            first.tell(asked.get(0), 1.0);
            first.tell(asked.get(2), 3.0);
            assertEquals(3, store.jobs("loop").size());

            Study resumed = study("hyperband", work).store(store).build();
            Trial again = resumed.ask().orElseThrow();
            assertEquals(asked.get(1).job(), again.job(), "the trial left untold is asked again");
            assertEquals(2, resumed.result().evaluations().size(), "the told trials were replayed");
            resumed.tell(again, 2.0);
            assertEquals(List.of(1.0, 3.0, 2.0), resumed.result().evaluations().stream().map(Evaluation::value).toList());
        }
    }

    @Test
    void askIsRefusedWhereAnExecutorRunsTheObjective(@TempDir Path work) {
        try (InProcessExecutor executor = new InProcessExecutor(QUADRATIC, 1)) {
            Study study = study("random", work).executor(executor).build();
            IllegalStateException e = assertThrows(IllegalStateException.class, study::ask);
            assertTrue(e.getMessage().contains("executor"), e.getMessage());
        }
        Study study = study("random", work).build();
        Optional<Trial> trial = study.ask();
        assertTrue(trial.isPresent());
    }
}
