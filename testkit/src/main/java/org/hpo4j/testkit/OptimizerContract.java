package org.hpo4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.hpo4j.optimizer.Ask;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Condition;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.Parameter;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link Optimizer} guarantees (its Javadoc, and ARCHITECTURE.md: "an optimizer's state
 * is a function of its seed and its history"): the same seed and the same results in the same order
 * give the same jobs; job ids are 0, 1, 2, ...; configurations are valid in the space (ranges,
 * conditions, steps of integers) and budgets within the range; results are accepted in any order,
 * once per job handed out; failures, several objectives and a streak of failures are taken in
 * stride; and every answer of {@code ask()} keeps its meaning: {@code Wait} only while a job is
 * outstanding, {@code Finished} final and exactly when {@code isFinished()} says so. hpo4j runs it
 * over every optimizer of its registry and over the warm-start wrapper.
 *
 * <p>The cases drive each optimizer as a study with four workers would: up to four jobs out at
 * once, each batch told in reverse order, every seventh job failing. An optimizer of your own
 * passes when a subclass that names how to build it passes:
 * <pre>{@code
 * class AnnealingTest extends OptimizerContract {
 *     @Override
 *     protected Stream<Named<Factory>> optimizers() {
 *         return Stream.of(Named.of("annealing",
 *                 (space, fidelity, seed) -> new Annealing(space, fidelity.maxBudget(), seed)));
 *     }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OptimizerContract {
    /** How to build the optimizer under test. */
    @FunctionalInterface
    public interface Factory {
        /** A new optimizer over {@code space} with budgets in {@code fidelity}'s range and this seed. */
        Optimizer create(SearchSpace space, Fidelity fidelity, long seed);
    }

    /** The budget range the optimizers are built with. */
    protected static final Fidelity FIDELITY = new Fidelity(1, 9);
    /** The seed the optimizers are built with. */
    protected static final long SEED = 17;
    /**
     * How many jobs each case asks for: past the initial design of the model-based optimizers (about
     * ten configurations) into fifty proposals of their models, and through several brackets.
     */
    protected static final int JOBS = 60;

    /**
     * A space with a categorical, log-scaled floats and integers, and conditions on a categorical
     * value and on numeric bounds (nested: {@code nesterov} depends on {@code momentum}, which
     * depends on {@code optimizer}).
     */
    protected static final SearchSpace SPACE = SearchSpace.builder()
            .add(CategoricalParameter.of("optimizer", List.of("sgd", "adam")))
            .add(FloatParameter.logUniform("lr", 1e-5, 1))
            .add(FloatParameter.uniform("momentum", 0, 0.99).when(Condition.equalTo("optimizer", "sgd")))
            .add(CategoricalParameter.ofBoolean("nesterov").when(Condition.atLeast("momentum", 0.5)))
            .add(IntParameter.uniform("layers", 1, 4))
            .add(IntParameter.logUniform("width", 16, 256).when(Condition.atLeast("layers", 2)))
            .build();

    /** Integers with a step, one of them conditional, and an optimum between grid values. */
    protected static final SearchSpace STEPPED = SearchSpace.builder()
            .add(IntParameter.uniform("batch", 16, 256, 16).withDefault(32))
            .add(FloatParameter.uniform("x", 0, 1))
            .add(IntParameter.uniform("warmup", -30, 30, 6).when(Condition.greaterThan("x", 0.3)))
            .build();

    /** The optimizers under test, each with the name the cases show. */
    protected abstract Stream<Named<Factory>> optimizers();

    private static Optimizer create(Factory factory, SearchSpace space) {
        return factory.create(space, FIDELITY, SEED);
    }

    /** A smooth objective over {@link #SPACE} with its optimum inside the ranges. */
    protected static double objective(Configuration c) {
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
     * Results of two objectives and one constraint, as a study tells them (objectives to minimize,
     * the constraint's violation): {@link #objective}, a second that prefers small networks, and a
     * bound on the learning rate that a quarter of the prior breaks.
     */
    protected static Result vectorResult(Configuration c) {
        double size = c.getLong("layers") + (c.isActive("width") ? Math.log(c.getLong("width")) : 0);
        double violation = Math.max(0, Math.log10(c.getDouble("lr")) + 1.25);
        return Result.of(List.of(objective(c), size), List.of(violation));
    }

    /** {@link #drive(Optimizer, int, Function)} with {@link #objective}. */
    protected static List<Job> drive(Optimizer o, int maxJobs) {
        return drive(o, maxJobs, j -> Result.of(objective(j.configuration())));
    }

    /**
     * Drives an optimizer with up to four jobs outstanding, telling each batch in reverse order;
     * every seventh job fails. Checks every answer ({@link #askChecked}), and that a finished
     * optimizer stays finished once the jobs still out are told. Returns the jobs in the order they
     * were handed out.
     */
    protected static List<Job> drive(Optimizer o, int maxJobs, Function<Job, Result> results) {
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
     *
     * @param outstanding how many jobs the caller has out
     */
    protected static Ask askChecked(Optimizer o, int outstanding) {
        boolean finishedBefore = o.isFinished();
        Ask answer = o.ask();
        assertEquals(finishedBefore, answer.isFinished(), "isFinished() was " + finishedBefore + " but ask() answered "
                + answer);
        if (answer instanceof Ask.Wait) {
            assertTrue(outstanding > 0, "ask() answered wait with no job outstanding: a caller would wait forever");
        }
        if (answer.isFinished()) {
            assertTrue(o.isFinished(), "isFinished() after a finished answer");
            assertTrue(o.ask().isFinished(), "finished is final");
        }
        return answer;
    }

    private static List<Job> driveValues(Optimizer o, int maxJobs, ToDoubleFunction<Configuration> objective) {
        return drive(o, maxJobs, j -> Result.of(objective.applyAsDouble(j.configuration())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void sameSeedAndSameResultOrderGiveTheSameJobs(Factory factory) {
        List<Job> a = drive(create(factory, SPACE), JOBS);
        List<Job> b = drive(create(factory, SPACE), JOBS);
        assertEquals(a, b);
        assertFalse(a.isEmpty());
    }

    /** Every optimizer accepts results of several objectives (single-objective ones rank by the first). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void vectorResultsGiveTheSameJobsForTheSameSeed(Factory factory) {
        List<Job> a = drive(create(factory, SPACE), JOBS, j -> vectorResult(j.configuration()));
        List<Job> b = drive(create(factory, SPACE), JOBS, j -> vectorResult(j.configuration()));
        assertEquals(a, b);
        assertFalse(a.isEmpty());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(i, a.get(i).id());
            Configuration c = a.get(i).configuration();
            assertEquals(c, SPACE.configuration(c.asMap()), () -> "an invalid configuration " + c);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void jobsAreValidConfigurationsWithinTheBudgetsNumberedInOrder(Factory factory) {
        List<Job> jobs = drive(create(factory, SPACE), JOBS);
        for (int i = 0; i < jobs.size(); i++) {
            Job j = jobs.get(i);
            assertEquals(i, j.id(), "job ids are 0, 1, 2, ...");
            Configuration c = j.configuration();
            // rebuilding from the values checks ranges, activity and that no active value is missing
            assertEquals(c, SPACE.configuration(c.asMap()), () -> "an invalid configuration " + c);
            for (Parameter p : SPACE.parameters()) {
                if (c.isActive(p.name())) {
                    assertTrue(p.contains(c.get(p.name())), p.name() + " = " + c.get(p.name()));
                }
            }
            assertTrue(j.budget() >= FIDELITY.minBudget() * (1 - 1e-9) && j.budget() <= FIDELITY.maxBudget() * (1 + 1e-9),
                    "budget " + j.budget() + " outside [" + FIDELITY.minBudget() + ", " + FIDELITY.maxBudget() + "]");
            assertTrue(j.previousBudget() >= 0 && j.previousBudget() < j.budget(), "previous budget " + j.previousBudget());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void rejectsResultsOfJobsItDidNotHandOutOrAlreadyHeard(Factory factory) {
        Optimizer o = create(factory, SPACE);
        Job real = o.ask().jobToRun().orElseThrow();
        Job unknown = new Job(9_999, new Job.ConfigId(0, 0, 0), SPACE.defaults(), FIDELITY.maxBudget(), 0, 0);
        assertThrows(IllegalArgumentException.class, () -> o.tell(unknown, Result.of(1)));
        o.tell(real, Result.of(1));
        assertThrows(IllegalArgumentException.class, () -> o.tell(real, Result.of(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void toleratesAStreakOfFailures(Factory factory) {
        Optimizer o = create(factory, SPACE);
        int handedOut = 0;
        for (int i = 0; i < 60; i++) {
            Optional<Job> j = askChecked(o, 0).jobToRun();
            if (j.isEmpty()) {
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void aFinishedOptimizerHandsOutNothingMore(Factory factory) {
        Optimizer o = create(factory, SPACE);
        List<Job> jobs = drive(o, JOBS);
        if (o.isFinished()) {
            assertTrue(o.ask().isFinished(), "a finished optimizer answers finished");
        } else {
            assertEquals(JOBS, jobs.size(), "an optimizer that is not finished hands out jobs until the study stops");
        }
    }

    /** Smooth, with optima at batch = 100 and warmup = 4, both off the grid, so models aim between grid values. */
    private static double steppedObjective(Configuration c) {
        double v = Math.pow((c.getLong("batch") - 100) / 50.0, 2) + c.getDouble("x");
        if (c.isActive("warmup")) {
            v += Math.pow((c.getLong("warmup") - 4) / 10.0, 2);
        }
        return v;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void proposesOnlyValuesOnTheGridOfASteppedInteger(Factory factory) {
        List<Job> jobs = driveValues(create(factory, STEPPED), JOBS, OptimizerContract::steppedObjective);
        assertFalse(jobs.isEmpty());
        Set<Long> batches = new TreeSet<>();
        for (Job j : jobs) {
            Configuration c = j.configuration();
            long batch = c.getLong("batch");
            assertTrue(batch >= 16 && batch <= 256 && batch % 16 == 0, () -> "proposed batch = " + batch);
            if (c.isActive("warmup")) {
                long warmup = c.getLong("warmup");
                assertTrue(warmup >= -30 && warmup <= 30 && warmup % 6 == 0, () -> "proposed warmup = " + warmup);
            }
            assertEquals(c, STEPPED.configuration(c.asMap()), () -> "an invalid configuration " + c);
            batches.add(batch);
        }
        // an optimizer that collapsed every proposal onto one value would hide off-grid rounding
        assertTrue(batches.size() >= 3, () -> "proposed only " + batches);
    }
}
