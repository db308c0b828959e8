package org.hpo4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hpo4j.optimizer.Ask;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.Configuration;
import org.junit.jupiter.api.Test;

class SeedRunTest {

    /** Asks a fixed list of (configuration, budget) jobs, then waits or finishes. */
    private static final class Scripted implements Optimizer {
        private final List<Configuration> configurations;
        private final List<Double> budgets;
        private final boolean finishAtEnd;
        private int next;
        final List<Double> told = new ArrayList<>();

        Scripted(List<Configuration> configurations, List<Double> budgets, boolean finishAtEnd) {
            this.configurations = configurations;
            this.budgets = budgets;
            this.finishAtEnd = finishAtEnd;
        }

        @Override
        public Ask ask() {
            if (next == configurations.size()) {
                return isFinished() ? Ask.FINISHED : Ask.WAIT;
            }
            int id = next++;
            return Ask.run(new Job(id, new Job.ConfigId(0, 0, id), configurations.get(id), budgets.get(id), 0, 0));
        }

        @Override
        public void tell(Job job, Result result) {
            told.add(result.value());
        }

        @Override
        public boolean isFinished() {
            return finishAtEnd && next == configurations.size();
        }
    }

    @Test
    void costIsChargedPerBudgetAndRegretFollowsTheIncumbentAtEachCheckpoint() {
        Hartmann6Mf problem = new Hartmann6Mf();
        Configuration poor = problem.space().defaults();
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        double[] xStar = {0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573};
        for (int j = 0; j < 6; j++) {
            m.put("x" + (j + 1), xStar[j]);
        }
        Configuration best = problem.space().configuration(m);
        // 81 evaluations at budget 1 (cost exactly 1, the best among them), then the poor one at 81
        List<Configuration> configs = new ArrayList<>();
        List<Double> budgets = new ArrayList<>();
        for (int i = 0; i < 81; i++) {
            configs.add(i == 40 ? best : poor);
            budgets.add(81 * Math.exp(-4 * Math.log(3)));
        }
        configs.add(poor);
        budgets.add(81.0);
        Scripted scripted = new Scripted(configs, budgets, true);
        SeedOutcome outcome = SeedRun.run(problem, scripted, "scripted", 0, 3, new double[] {1, 2, 3});
        assertEquals(82, outcome.evaluations());
        assertEquals(82, scripted.told.size());
        assertEquals(2, outcome.cost(), 1e-9, "81 x 1/81 + 1");
        double regretBest = problem.regret(best);
        double regretPoor = problem.regret(poor);
        // cost 1: the best of the 81 low-budget evaluations; cost 2: the full one replaced it;
        // cost 3 is never reached, the optimizer finished: its final incumbent
        assertArrayEquals(new double[] {regretBest, regretPoor, regretPoor}, outcome.regrets(), 1e-12);
        assertEquals(82, outcome.overheadNanos().length);
    }

    @Test
    void anOptimizerThatWaitsWithNothingOutstandingIsAnError() {
        BraninMf problem = new BraninMf();
        Scripted stalls = new Scripted(List.of(problem.space().defaults()), List.of(81.0), false);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SeedRun.run(problem, stalls, "stalls", 5, 10, new double[] {10}));
        assertTrue(e.getMessage().contains("stalls") && e.getMessage().contains("branin-mf")
                && e.getMessage().contains("seed 5"), e.getMessage());
    }

    @Test
    void sameSeedSameRegrets() {
        BenchmarkProblem problem = new CountingOnes();
        double[] checkpoints = {5, 20};
        SeedOutcome a = SeedRun.run(problem, "random", 3, 20, checkpoints);
        SeedOutcome b = SeedRun.run(problem, "random", 3, 20, checkpoints);
        assertArrayEquals(a.regrets(), b.regrets(), 0.0);
        assertEquals(20, a.evaluations(), "random search pays 1 per evaluation");
    }

    @Test
    void quartilesInterpolateLikeNumpy() {
        Quartiles q = Quartiles.of(new double[] {4, 1, 3, 2});
        assertEquals(1.75, q.q25(), 1e-12);
        assertEquals(2.5, q.median(), 1e-12);
        assertEquals(3.25, q.q75(), 1e-12);
    }
}
