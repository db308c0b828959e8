package org.hpo4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hpo4j.annotations.Direction;
import org.hpo4j.curves.CurveStopper;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.RandomSearch;
import org.hpo4j.optimizer.WarmStart;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import java.nio.file.Path;
import org.hpo4j.execute.ForkedWorkerExecutor;
import org.hpo4j.execute.InProcessExecutor;
import org.hpo4j.store.SqliteStore;
import org.hpo4j.trial.TrialContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

class CurveStoppingTest {
    private static final int EPOCHS = CurveObjective.EPOCHS;
    private static final SearchSpace SPACE = CurveObjective.SPACE;

    private static double train(Configuration c, TrialContext ctx) {
        return CurveObjective.train(c, ctx);
    }

    private static Configuration at(double rate, double floor) {
        return SPACE.configuration(Map.of("rate", rate, "floor", floor));
    }

    private static double epochs(StudyResult r) {
        return r.evaluations().stream().mapToDouble(e -> e.reports().get(e.reports().size() - 1).step()).sum();
    }

    @Test
    void aClearlyBadRunIsStoppedEarlyAndAGoodOneIsNot() {
        Fidelity settingsFidelity = new Fidelity(1, EPOCHS);
        long settingsSeed = 1;
        // evaluated in this order: an incumbent at 0.2, a run levelling off at 0.6, a slow run heading to 0.05
        List<Configuration> runs = List.of(at(0.3, 0.2), at(0.3, 0.6), at(0.08, 0.05));
        Study study = Study.builder(SPACE).seed(3)
                .optimizer(new WarmStart(new RandomSearch(SPACE, settingsFidelity, settingsSeed), runs, EPOCHS, List.of(), 1))
                .stopper(CurveStopper.defaults(Direction.MINIMIZE))
                .build();
        StudyResult r = study.optimize(CurveStoppingTest::train, StoppingRule.maxEvaluations(3));
        Evaluation incumbent = r.evaluations().get(0);
        Evaluation bad = r.evaluations().get(1);
        Evaluation slow = r.evaluations().get(2);
        assertFalse(incumbent.stoppedEarly(), "no incumbent to compare with yet");
        assertTrue(bad.stoppedEarly());
        Evaluation.Report last = bad.reports().get(bad.reports().size() - 1);
        assertTrue(last.step() < EPOCHS / 2.0, "stopped at epoch " + last.step());
        assertEquals(last.value(), bad.value());
        assertEquals(last.step() / EPOCHS, bad.cost(), 1e-12);
        assertFalse(slow.stoppedEarly(), "stopped at " + slow.reports().size());
        assertEquals(EPOCHS, slow.reports().size());
        assertEquals(1.0, slow.cost());
        // the one stopped early is never the incumbent, and the slow one ends best
        assertEquals(slow, r.incumbent().orElseThrow());
    }

    @Test
    void withTheStopperRandomSearchSpendsFewerEpochsForAComparableBest() {
        for (long seed = 0; seed < 2; seed++) {
            StudyResult plain = study("random", seed, false).optimize(CurveStoppingTest::train, StoppingRule.maxEvaluations(30));
            StudyResult stopped = study("random", seed, true).optimize(CurveStoppingTest::train, StoppingRule.maxEvaluations(30));
            assertTrue(epochs(stopped) < 0.7 * epochs(plain), "epochs " + epochs(stopped) + " vs " + epochs(plain));
            assertTrue(stopped.totalCost() < 0.7 * plain.totalCost());
            double a = stopped.incumbent().orElseThrow().value();
            double b = plain.incumbent().orElseThrow().value();
            assertTrue(a <= b + 0.02, "best " + a + " with the stopper, " + b + " without");
        }
    }

    @Test
    void worksWithSuccessiveHalving() {
        StudyResult plain = study("successive-halving", 4, false).optimize(CurveStoppingTest::train, StoppingRule.maxCost(20));
        StudyResult stopped = study("successive-halving", 4, true).optimize(CurveStoppingTest::train, StoppingRule.maxCost(20));
        assertTrue(stopped.evaluations().stream().anyMatch(Evaluation::stoppedEarly));
        double a = stopped.incumbent().orElseThrow().value();
        double b = plain.incumbent().orElseThrow().value();
        assertTrue(a <= b + 0.05, "best " + a + " with the stopper, " + b + " without");
        // the same cost buys more evaluations when bad ones stop early
        assertTrue(stopped.evaluations().size() > plain.evaluations().size());
    }

    private static Study study(String optimizer, long seed, boolean withStopper) {
        StudyBuilder b = Study.builder(SPACE).seed(seed).optimizer(optimizer, new Fidelity(1, EPOCHS), seed);
        if (withStopper) {
            b.stopper(CurveStopper.defaults(Direction.MINIMIZE));
        }
        return b.build();
    }

    @Test
    void theStopperMustMatchTheStudysDirection() {
        Fidelity settingsFidelity = new Fidelity(1, EPOCHS);
        long settingsSeed = 1;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Study.builder(SPACE)
                .direction(Direction.MAXIMIZE).optimizer("random", settingsFidelity, settingsSeed)
                .stopper(CurveStopper.defaults(Direction.MINIMIZE)).build());
        assertTrue(e.getMessage().contains("MAXIMIZE"), e.getMessage());
    }

    /** An incumbent at 0.2, then a run levelling off at 0.6: the second must stop early. */
    private static StudyBuilder goodThenBad(long seed) {
        Fidelity settingsFidelity = new Fidelity(1, EPOCHS);
        long settingsSeed = seed;
        return Study.builder(SPACE).seed(seed).name("curves")
                .optimizer(new WarmStart(new RandomSearch(SPACE, settingsFidelity, settingsSeed), List.of(at(0.3, 0.2), at(0.3, 0.6)),
                        EPOCHS, List.of(), 1))
                .stopper(CurveStopper.defaults(Direction.MINIMIZE));
    }

    private static void assertSecondStopped(StudyResult r) {
        assertSecondStopped(r, EPOCHS / 2.0);
    }

    private static void assertSecondStopped(StudyResult r, double before) {
        assertFalse(r.evaluations().get(0).stoppedEarly());
        Evaluation bad = r.evaluations().get(1);
        assertTrue(bad.stoppedEarly());
        Evaluation.Report last = bad.reports().get(bad.reports().size() - 1);
        assertTrue(last.step() < before, "stopped at epoch " + last.step());
        assertEquals(last.value(), bad.value());
    }

    @Test
    void anInProcessExecutorWithAStoreStopsAndTheResumedStudyKnowsIt(@TempDir Path dir) {
        Path db = dir.resolve("curves.db");
        try (SqliteStore store = SqliteStore.open(db, false);
             InProcessExecutor executor = new InProcessExecutor(CurveStoppingTest::train, 1)) {
            assertSecondStopped(goodThenBad(2).store(store).executor(executor).build()
                    .optimize(StoppingRule.maxEvaluations(2)));
        }
        try (SqliteStore store = SqliteStore.open(db, false);
             InProcessExecutor executor = new InProcessExecutor(CurveStoppingTest::train, 1)) {
            StudyResult resumed = goodThenBad(2).store(store).executor(executor).build()
                    .optimize(StoppingRule.maxEvaluations(2));
            assertSecondStopped(resumed);
            assertTrue(resumed.evaluations().get(1).cost() < 0.5);
        }
    }

    @Test
    void forkedWorkersAreToldToStop() {
        try (ForkedWorkerExecutor executor = ForkedWorkerExecutor.builder(CurveObjective.Slow.class.getName())
                .workers(1).maxHeap("64m").expectedSpace(SPACE.describe()).build()) {
            // the request reaches the worker a little after the decision, not at a fixed epoch
            assertSecondStopped(goodThenBad(3).executor(executor).build().optimize(StoppingRule.maxEvaluations(2)),
                    EPOCHS);
        }
    }
}
