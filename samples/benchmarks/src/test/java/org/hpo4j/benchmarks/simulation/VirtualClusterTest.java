package org.hpo4j.benchmarks.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.random.MersenneTwister;
import org.hpo4j.benchmarks.BenchmarkProblem;
import org.hpo4j.benchmarks.Problems;
import org.hpo4j.optimizer.Ask;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.optimizer.registry.Optimizers;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.Configuration;
import org.junit.jupiter.api.Test;

class VirtualClusterTest {
    private final BenchmarkProblem branin = Problems.byName("branin-mf");

    private Fidelity fidelity() {
        return new Fidelity(branin.minBudget(), branin.maxBudget());
    }

    /** Hands out one batch of full-budget jobs, then waits until every one of them is back. */
    private static final class BatchBarrier implements Optimizer {
        final BenchmarkProblem problem;
        final int batch;
        final MersenneTwister random = new MersenneTwister(3);
        final List<Job> handedOut = new ArrayList<>();
        int outstanding;
        int inBatch;

        BatchBarrier(BenchmarkProblem problem, int batch) {
            this.problem = problem;
            this.batch = batch;
        }

        @Override
        public Ask ask() {
            if (inBatch == batch) {
                if (outstanding > 0) {
                    return isFinished() ? Ask.FINISHED : Ask.WAIT;
                }
                inBatch = 0;
            }
            inBatch++;
            outstanding++;
            int id = handedOut.size();
            Job j = new Job(id, new Job.ConfigId(id, 0, 0), problem.space().sample(random::nextDouble), problem.maxBudget(), 0, 0);
            handedOut.add(j);
            return Ask.run(j);
        }

        @Override
        public void tell(Job job, Result result) {
            outstanding--;
        }
    }

    private double duration(Job j) {
        return SpeedFactors.of(branin.space(), j.configuration());
    }

    @Test
    void idleWorkersAtABarrierLowerTheUtilisationByExactlyTheirIdleTime() {
        BatchBarrier barrier = new BatchBarrier(branin, 2);
        SimulationRun run = new VirtualCluster(branin, 2, 4).run("barrier", barrier, 0);
        List<Job> jobs = barrier.handedOut;
        assertEquals(4, jobs.size(), "two batches of two, nothing started after the cost is spent");
        double end = Math.max(duration(jobs.get(0)), duration(jobs.get(1)))
                + Math.max(duration(jobs.get(2)), duration(jobs.get(3)));
        double busy = jobs.stream().mapToDouble(this::duration).sum();
        assertEquals(end, run.endTime(), 1e-12);
        assertEquals(busy / (2 * end), run.utilisation(), 1e-12);
        assertTrue(run.utilisation() < 1);
        assertEquals(4, run.jobs());
    }

    @Test
    void anOptimizerThatNeverWaitsKeepsEveryWorkerBusy() {
        for (String name : List.of("random", "asha", "async-hyperband")) {
            SimulationRun run = new VirtualCluster(branin, 32, 10, 30).run(name, Optimizers.create(name, branin.space(), fidelity(), 1), 1);
            assertEquals(1.0, run.utilisation(), 1e-12, name);
            assertTrue(run.utilisationWithDrain() < 1, name + ": the last jobs finish at different times");
            assertFalse(Double.isNaN(run.regrets().get(0)), name);
            assertTrue(run.regrets().get(0) >= 0, name);
        }
    }

    @Test
    void randomSearchAtFullBudgetSpendsOneUnitPerJobAndItsRegretNeverGrows() {
        SimulationRun run = new VirtualCluster(branin, 8, 5, 20, 60).run("random",
                Optimizers.create("random", branin.space(), fidelity(), 4), 4);
        // every job costs exactly one full evaluation; the 60th ends the study including itself
        assertEquals(60, run.jobs());
        assertEquals(List.of(5.0, 20.0, 60.0), run.costs());
        assertTrue(run.regrets().get(1) <= run.regrets().get(0));
        assertTrue(run.regrets().get(2) <= run.regrets().get(1));
    }

    @Test
    void chargingTheRunningJobsReachesEachCostEarlierWithManyWorkers() {
        VirtualCluster finished = new VirtualCluster(branin, 8, 5, 20, 60);
        SimulationRun byFinished = finished.run("random", Optimizers.create("random", branin.space(), fidelity(), 4), 4);
        SimulationRun byConsumed = finished.chargingRunning().run("random",
                Optimizers.create("random", branin.space(), fidelity(), 4), 4);
        // 8 jobs run at every moment, each has consumed less than its one full evaluation, and the
        // job that ends the study is charged in full: between 60 - 8 and 60 jobs finish by cost 60
        assertTrue(byConsumed.jobs() < byFinished.jobs(), byConsumed.jobs() + " vs " + byFinished.jobs());
        assertTrue(byConsumed.jobs() >= byFinished.jobs() - 8, String.valueOf(byConsumed.jobs()));
        assertTrue(byConsumed.endTime() < byFinished.endTime());
    }

    @Test
    void withOneWorkerChargingTheRunningJobsChangesNothing() {
        // the one job running ends each step, so nothing else has consumed compute when it is charged
        VirtualCluster one = new VirtualCluster(branin, 1, 10, 30);
        SimulationRun byFinished = one.run("hyper-gp", Optimizers.create("hyper-gp", branin.space(), fidelity(), 2), 2);
        SimulationRun byConsumed = one.chargingRunning().run("hyper-gp",
                Optimizers.create("hyper-gp", branin.space(), fidelity(), 2), 2);
        assertEquals(byFinished, byConsumed);
    }

    @Test
    void sameSeedGivesTheSameRunAndAnotherSeedAnotherOne() {
        VirtualCluster cluster = new VirtualCluster(Problems.byName("counting-ones"), 16, 10, 30);
        BenchmarkProblem ones = Problems.byName("counting-ones");
        Fidelity s = new Fidelity(ones.minBudget(), ones.maxBudget());
        SimulationRun a = cluster.run("asha", Optimizers.create("asha", ones.space(), s, 9), 9);
        SimulationRun b = cluster.run("asha", Optimizers.create("asha", ones.space(), s, 9), 9);
        assertEquals(a, b);
        SimulationRun c = cluster.run("asha", Optimizers.create("asha", ones.space(), s, 10), 10);
        assertNotEquals(a, c);
    }

    @Test
    void anOptimizerWaitingWithNothingRunningIsReportedByName() {
        Optimizer stuck = new Optimizer() {
            @Override
            public Ask ask() {
                return isFinished() ? Ask.FINISHED : Ask.WAIT;
            }

            @Override
            public void tell(Job job, Result result) {
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new VirtualCluster(branin, 4, 10).run("stuck", stuck, 0));
        assertTrue(e.getMessage().contains("stuck") && e.getMessage().contains("branin-mf"), e.getMessage());
    }

    @Test
    void speedFactorsSpanTenfoldAndBelongToTheConfiguration() {
        MersenneTwister random = new MersenneTwister(1);
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int i = 0; i < 2000; i++) {
            Configuration c = branin.space().sample(random::nextDouble);
            double f = SpeedFactors.of(branin.space(), c);
            assertTrue(f >= 1 && f < 10, "factor " + f);
            assertEquals(f, SpeedFactors.of(branin.space(), branin.space().configuration(c.asMap())));
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        assertTrue(min < 1.1 && max > 9, "range [" + min + ", " + max + "]");
    }

    @Test
    void badOptionsNameTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AsyncSimulation.Options.parse(new String[] {"--workers", "0"}));
        assertTrue(e.getMessage().contains("--workers"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AsyncSimulation.Options.parse(new String[] {"--optimizers", "asha,nope"}));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AsyncSimulation.Options.parse(new String[] {"--optimizers", "nope:barriers"}));
        assertTrue(e.getMessage().contains("nope:barriers"), e.getMessage());
        assertEquals(List.of("bohb:barriers"), AsyncSimulation.Options.parse(new String[] {"--optimizers", "bohb:barriers"}).optimizers);
        assertThrows(IllegalArgumentException.class, () -> new VirtualCluster(branin, 0, 10));
    }

    @Test
    void oneBracketAtATimeNeverRunsTwoBracketsAtOnceAndKeepsTheRunnersJobs() {
        for (String name : List.of("hyperband", "bohb")) {
            Optimizer strict = AsyncSimulation.create(name + OneBracketAtATime.SUFFIX, branin, fidelity(), 2);
            assertTrue(strict instanceof OneBracketAtATime);
            List<Job> running = new ArrayList<>();
            List<Integer> handedOut = new ArrayList<>();
            int brackets = 0;
            Job.ConfigId last = null;
            // 8 workers, the oldest job finishes first; two Hyperband iterations' worth of jobs
            for (int step = 0; step < 600 && !strict.isFinished(); step++) {
                Optional<Job> next;
                while (running.size() < 8 && (next = strict.ask().jobToRun()).isPresent()) {
                    Job j = next.get();
                    for (Job other : running) {
                        assertEquals(other.configId().iteration(), j.configId().iteration(), name);
                        assertEquals(other.configId().bracket(), j.configId().bracket(), name);
                    }
                    if (last == null || last.bracket() != j.configId().bracket() || last.iteration() != j.configId().iteration()) {
                        brackets++;
                    }
                    last = j.configId();
                    running.add(j);
                    handedOut.add(j.id());
                }
                assertFalse(running.isEmpty(), name + " waits with nothing running");
                Job done = running.remove(0);
                strict.tell(done, Result.of(branin.evaluate(done.configuration(), done.budget(), new java.util.SplittableRandom(done.id()))));
            }
            // every job the runner handed out went out exactly once, and brackets did follow each other
            assertEquals(handedOut.size(), handedOut.stream().distinct().count(), name);
            assertTrue(brackets >= 5, name + " ran " + brackets + " brackets");
        }
    }

    @Test
    void strictBarriersIdleMostOfThirtyTwoWorkersWhileTheRunnerKeepsThemBusy() {
        Fidelity s = fidelity();
        SimulationRun strict = new VirtualCluster(branin, 32, 30).run("hyperband:barriers",
                AsyncSimulation.create("hyperband" + OneBracketAtATime.SUFFIX, branin, s, 0), 0);
        SimulationRun overlapping = new VirtualCluster(branin, 32, 30).run("hyperband",
                AsyncSimulation.create("hyperband", branin, s, 0), 0);
        assertTrue(strict.utilisation() < 0.5, "strict barriers: " + strict.utilisation());
        assertTrue(overlapping.utilisation() > 0.95, "overlapping brackets: " + overlapping.utilisation());
        assertTrue(strict.endTime() > 2 * overlapping.endTime());
    }
}
