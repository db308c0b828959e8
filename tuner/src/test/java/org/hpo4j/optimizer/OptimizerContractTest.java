package org.hpo4j.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.hpo4j.optimizer.registry.Optimizers;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Condition;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.Parameter;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every registered optimizer must do; runs over {@link Optimizers#names()}. */
class OptimizerContractTest {
    static final SearchSpace SPACE = SearchSpace.builder()
            .add(CategoricalParameter.of("optimizer", List.of("sgd", "adam")))
            .add(FloatParameter.logUniform("lr", 1e-5, 1))
            .add(FloatParameter.uniform("momentum", 0, 0.99).when(Condition.equalTo("optimizer", "sgd")))
            .add(CategoricalParameter.ofBoolean("nesterov").when(Condition.atLeast("momentum", 0.5)))
            .add(IntParameter.uniform("layers", 1, 4))
            .add(IntParameter.logUniform("width", 16, 256).when(Condition.atLeast("layers", 2)))
            .build();
    private static final Fidelity SETTINGS_FIDELITY = new Fidelity(1, 9);
    private static final long SETTINGS_SEED = 17;
    private static final int JOBS = 120;

    static Stream<String> names() {
        return Optimizers.names().stream();
    }

    private static double objective(Configuration c) {
        double v = Math.pow(Math.log10(c.getDouble("lr")) + 3, 2) + 0.1 * c.getLong("layers");
        if (c.isActive("momentum")) {
            v += Math.abs(c.getDouble("momentum") - 0.9);
        }
        if (c.isActive("width")) {
            v += Math.abs(Math.log(c.getLong("width")) - 4);
        }
        return v;
    }

    /**
     * Drives an optimizer with up to four jobs outstanding, telling each batch in reverse order;
     * every seventh job fails. Returns the jobs in the order they were handed out.
     */
    static List<Job> drive(Optimizer o, int maxJobs) {
        return drive(o, maxJobs, OptimizerContractTest::objective);
    }

    /** {@link #drive(Optimizer, int)} with another objective. */
    static List<Job> drive(Optimizer o, int maxJobs, java.util.function.ToDoubleFunction<Configuration> objective) {
        return driveWith(o, maxJobs, j -> Result.of(objective.applyAsDouble(j.configuration())));
    }

    /** {@link #drive(Optimizer, int)} with results from {@code results}; every seventh job fails. */
    static List<Job> driveWith(Optimizer o, int maxJobs, java.util.function.Function<Job, Result> results) {
        List<Job> all = new ArrayList<>();
        boolean finished = false;
        while (all.size() < maxJobs && !finished) {
            List<Job> batch = new ArrayList<>();
            while (batch.size() < 4 && all.size() + batch.size() < maxJobs) {
                Ask answer = askChecked(o, batch.size());
                if (!(answer instanceof Ask.Run run)) {
                    finished = answer.isFinished();
                    break;
                }
                batch.add(run.job());
            }
            all.addAll(batch);
            List<Job> reversed = new ArrayList<>(batch);
            Collections.reverse(reversed);
            for (Job j : reversed) {
                o.tell(j, j.id() % 7 == 3 ? Result.failed("java.lang.RuntimeException: boom") : results.apply(j));
            }
        }
        if (finished) {
            assertTrue(askChecked(o, 0).isFinished(), "finished is final: after the outstanding jobs are told too");
        }
        return all;
    }

    /**
     * {@code o.ask()}, checking the contract of its answer: {@link Optimizer#isFinished()} said
     * beforehand whether it would be {@link Ask.Finished}, a wait comes only while jobs are
     * outstanding, and a finished answer stays finished.
     */
    static Ask askChecked(Optimizer o, int outstanding) {
        boolean finishedBefore = o.isFinished();
        Ask answer = o.ask();
        assertEquals(finishedBefore, answer.isFinished(), "isFinished() was " + finishedBefore + " but ask() answered " + answer);
        if (answer instanceof Ask.Wait) {
            assertTrue(outstanding > 0, "ask() answered wait with no job outstanding: a caller would wait forever");
        }
        if (answer.isFinished()) {
            assertTrue(o.isFinished(), "isFinished() after a finished answer");
            assertTrue(o.ask().isFinished(), "finished is final");
        }
        return answer;
    }

    @ParameterizedTest
    @MethodSource("names")
    void sameSeedAndSameResultOrderGiveTheSameJobs(String name) {
        List<Job> a = drive(Optimizers.create(name, SPACE, SETTINGS_FIDELITY, SETTINGS_SEED), JOBS);
        List<Job> b = drive(Optimizers.create(name, SPACE, SETTINGS_FIDELITY, SETTINGS_SEED), JOBS);
        assertEquals(a, b);
        assertFalse(a.isEmpty());
    }

    /**
     * Results of two objectives and one constraint, as a study tells them (objectives to minimize,
     * the constraint's violation): the first objective of {@link #objective}, a second that
     * prefers small networks, and a bound on the learning rate that a quarter of the prior breaks.
     */
    static Result vectorResult(Configuration c) {
        double size = c.getLong("layers") + (c.isActive("width") ? Math.log(c.getLong("width")) : 0);
        double violation = Math.max(0, Math.log10(c.getDouble("lr")) + 1.25);
        return Result.of(List.of(objective(c), size), List.of(violation));
    }

    /** {@link #drive} with {@link #vectorResult}s. */
    static List<Job> driveWithVectors(Optimizer o, int maxJobs) {
        return driveWith(o, maxJobs, j -> vectorResult(j.configuration()));
    }

    /** Every optimizer accepts results of several objectives (single-objective ones rank by the first). */
    @ParameterizedTest
    @MethodSource("names")
    void vectorResultsGiveTheSameJobsForTheSameSeed(String name) {
        List<Job> a = driveWithVectors(Optimizers.create(name, SPACE, SETTINGS_FIDELITY, SETTINGS_SEED), JOBS);
        List<Job> b = driveWithVectors(Optimizers.create(name, SPACE, SETTINGS_FIDELITY, SETTINGS_SEED), JOBS);
        assertEquals(a, b);
        assertFalse(a.isEmpty());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(i, a.get(i).id());
            Configuration c = a.get(i).configuration();
            assertEquals(c, SPACE.configuration(c.asMap()), () -> name + " handed out an invalid configuration " + c);
        }
    }

    @Test
    void theMultiObjectiveOptimizersSayTheyHandleSeveralObjectives() {
        for (String name : List.of("random", "nsga2", "mo-asha", "parego")) {
            assertTrue(Optimizers.create(name, SPACE, SETTINGS_FIDELITY, SETTINGS_SEED).handlesSeveralObjectives(), name);
        }
        assertFalse(Optimizers.create("bohb", SPACE, SETTINGS_FIDELITY, SETTINGS_SEED).handlesSeveralObjectives());
        assertTrue(Optimizers.names().contains(Optimizers.MULTI_OBJECTIVE_DEFAULT));
    }

    @ParameterizedTest
    @MethodSource("names")
    void jobsAreValidConfigurationsWithinTheBudgetsNumberedInOrder(String name) {
        List<Job> jobs = drive(Optimizers.create(name, SPACE, SETTINGS_FIDELITY, SETTINGS_SEED), JOBS);
        for (int i = 0; i < jobs.size(); i++) {
            Job j = jobs.get(i);
            assertEquals(i, j.id(), "job ids are 0, 1, 2, ...");
            Configuration c = j.configuration();
            // rebuilding from the values checks ranges, activity and that no active value is missing
            assertEquals(c, SPACE.configuration(c.asMap()), () -> name + " handed out an invalid configuration " + c);
            for (Parameter p : SPACE.parameters()) {
                if (c.isActive(p.name())) {
                    assertTrue(p.contains(c.get(p.name())), p.name() + " = " + c.get(p.name()));
                }
            }
            assertTrue(j.budget() >= SETTINGS_FIDELITY.minBudget() * (1 - 1e-9) && j.budget() <= SETTINGS_FIDELITY.maxBudget() * (1 + 1e-9),
                    "budget " + j.budget() + " outside [" + SETTINGS_FIDELITY.minBudget() + ", " + SETTINGS_FIDELITY.maxBudget() + "]");
            assertTrue(j.previousBudget() >= 0 && j.previousBudget() < j.budget(), "previous budget " + j.previousBudget());
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void rejectsResultsOfJobsItDidNotHandOutOrAlreadyHeard(String name) {
        Optimizer o = Optimizers.create(name, SPACE, SETTINGS_FIDELITY, SETTINGS_SEED);
        Job real = o.ask().jobToRun().orElseThrow();
        Job unknown = new Job(9_999, new Job.ConfigId(0, 0, 0), SPACE.defaults(), SETTINGS_FIDELITY.maxBudget(), 0, 0);
        assertThrows(IllegalArgumentException.class, () -> o.tell(unknown, Result.of(1)));
        o.tell(real, Result.of(1));
        assertThrows(IllegalArgumentException.class, () -> o.tell(real, Result.of(1)));
    }

    @ParameterizedTest
    @MethodSource("names")
    void toleratesAStreakOfFailures(String name) {
        Optimizer o = Optimizers.create(name, SPACE, SETTINGS_FIDELITY, SETTINGS_SEED);
        int handedOut = 0;
        for (int i = 0; i < 60; i++) {
            Optional<Job> j = o.ask().jobToRun();
            if (j.isEmpty()) {
                assertTrue(o.isFinished(), "waits with nothing outstanding");
                break;
            }
            handedOut++;
            o.tell(j.get(), Result.failed("java.lang.OutOfMemoryError: Java heap space"));
        }
        assertTrue(handedOut > 0);
        // and recovers when results come back
        List<Job> more = drive(o, 30);
        assertTrue(more.size() > 0 || o.isFinished());
    }

    /** The optimizer {@code name}, bounded to one Hyperband iteration when it runs brackets. */
    private static Optimizer boundedToOneIteration(String name) {
        return Optimizers.bracketed().contains(name)
                ? Optimizers.create(name, SPACE, SETTINGS_FIDELITY, SETTINGS_SEED, HyperbandSettings.defaults().withMaxIterations(1))
                : Optimizers.create(name, SPACE, SETTINGS_FIDELITY, SETTINGS_SEED);
    }

    @ParameterizedTest
    @MethodSource("names")
    void aBoundedRunEndsByFinishingNotByWaiting(String name) {
        Optimizer o = boundedToOneIteration(name);
        List<Job> jobs = drive(o, 300);
        if (o.isFinished()) {
            assertTrue(o.ask().isFinished(), "a finished optimizer answers finished");
        } else {
            assertEquals(300, jobs.size());
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void theWarmStartWrapperKeepsTheContractAroundEveryOptimizer(String name) {
        WarmStart w = new WarmStart(boundedToOneIteration(name), List.of(SPACE.defaults(), SPACE.defaults()), SETTINGS_FIDELITY.maxBudget(),
                List.of(), 1);
        List<Job> jobs = drive(w, 300);
        for (int i = 0; i < jobs.size(); i++) {
            assertEquals(i, jobs.get(i).id(), "ids count 0, 1, 2, ... across seeds and the delegate's jobs");
        }
        assertEquals(w.isFinished(), jobs.size() < 300);
    }

    @Test
    void anOptimizerWithoutBracketsRefusesEta() {
        for (String name : Optimizers.names()) {
            if (!Optimizers.bracketed().contains(name)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.create(name,
                        SPACE, SETTINGS_FIDELITY, SETTINGS_SEED, HyperbandSettings.defaults()));
                assertTrue(e.getMessage().contains("'" + name + "'") && e.getMessage().contains("eta"), e.getMessage());
            }
        }
    }

    /** Integers with a step, one of them conditional, and an optimum between grid values. */
    static final SearchSpace STEPPED = SearchSpace.builder()
            .add(IntParameter.uniform("batch", 16, 256, 16).withDefault(32))
            .add(FloatParameter.uniform("x", 0, 1))
            .add(IntParameter.uniform("warmup", -30, 30, 6).when(Condition.greaterThan("x", 0.3)))
            .build();

    private static double steppedObjective(Configuration c) {
        // smooth, with optima at batch = 100 and warmup = 4, both off the grid, so models aim between grid values
        double v = Math.pow((c.getLong("batch") - 100) / 50.0, 2) + c.getDouble("x");
        if (c.isActive("warmup")) {
            v += Math.pow((c.getLong("warmup") - 4) / 10.0, 2);
        }
        return v;
    }

    @ParameterizedTest
    @MethodSource("names")
    void proposesOnlyValuesOnTheGridOfASteppedInteger(String name) {
        List<Job> jobs = drive(Optimizers.create(name, STEPPED, SETTINGS_FIDELITY, SETTINGS_SEED), JOBS, OptimizerContractTest::steppedObjective);
        assertFalse(jobs.isEmpty());
        java.util.Set<Long> batches = new java.util.TreeSet<>();
        for (Job j : jobs) {
            Configuration c = j.configuration();
            long batch = c.getLong("batch");
            assertTrue(batch >= 16 && batch <= 256 && batch % 16 == 0, () -> name + " proposed batch = " + batch);
            if (c.isActive("warmup")) {
                long warmup = c.getLong("warmup");
                assertTrue(warmup >= -30 && warmup <= 30 && warmup % 6 == 0, () -> name + " proposed warmup = " + warmup);
            }
            assertEquals(c, STEPPED.configuration(c.asMap()), () -> name + " handed out an invalid configuration " + c);
            batches.add(batch);
        }
        // an optimizer that collapsed every proposal onto one value would hide off-grid rounding
        assertTrue(batches.size() >= 3, () -> name + " proposed only " + batches);
    }

    @Test
    void theRegistryNamesTheBuiltInOptimizersAndRejectsUnknownOnes() {
        assertTrue(Optimizers.names().containsAll(List.of("random", "successive-halving", "hyperband", "bohb")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.create("bohbb", SPACE, SETTINGS_FIDELITY, SETTINGS_SEED));
        assertTrue(e.getMessage().contains("bohbb") && e.getMessage().contains("hyperband"), e.getMessage());
    }
}
