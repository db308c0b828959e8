package org.hpo4j.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.hpo4j.optimizer.registry.Optimizers;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Condition;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

class BohbTest {
    private static final SearchSpace SPACE = SearchSpace.builder()
            .add(FloatParameter.uniform("x", 0, 1))
            .add(FloatParameter.uniform("y", 0, 1))
            .build();

    private static final SearchSpace CONDITIONAL = SearchSpace.builder()
            .add(CategoricalParameter.of("kind", List.of("a", "b", "c")))
            .add(FloatParameter.logUniform("lr", 1e-5, 1))
            .add(FloatParameter.uniform("momentum", 0, 1).when(Condition.equalTo("kind", "a")))
            .add(IntParameter.uniform("layers", 1, 5))
            .build();

    private static double bowl(Configuration c) {
        double dx = c.getDouble("x") - 0.3;
        double dy = c.getDouble("y") - 0.7;
        return dx * dx + dy * dy;
    }

    private static List<Job> run(Optimizer o, int jobs, ToDoubleFunction<Job> f) {
        List<Job> out = new ArrayList<>();
        while (out.size() < jobs) {
            Optional<Job> j = o.ask().jobToRun();
            if (j.isEmpty()) {
                break;
            }
            out.add(j.get());
            o.tell(j.get(), Result.of(f.applyAsDouble(j.get())));
        }
        return out;
    }

    @Test
    void sameSeedSameJobsOtherSeedOtherJobs() {
        ToDoubleFunction<Job> f = j -> bowl(j.configuration()) + 1 / j.budget();
        List<Job> a = run(new Bohb(SPACE, new Fidelity(1, 27), 5), 400, f);
        List<Job> b = run(new Bohb(SPACE, new Fidelity(1, 27), 5), 400, f);
        List<Job> c = run(new Bohb(SPACE, new Fidelity(1, 27), 6), 400, f);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void fitsTheLargestBudgetWithEnoughPointsAndProposesFromTheModel() {
        Bohb bohb = new Bohb(SPACE, new Fidelity(1, 27), 1);
        // bracket s=3 starts 27 configurations at budget 1: 2 dims need 2 * 3 points for a model
        run(bohb, 6, j -> bowl(j.configuration()));
        assertEquals(1.0, bohb.modelBudget());
        run(bohb, 27 + 9 + 3 + 1 - 6, j -> bowl(j.configuration()));
        assertTrue(bohb.modelBasedProposals() > 10, "model-based proposals: " + bohb.modelBasedProposals());
        // the second bracket (s=2) puts 9 (s_max+1)/(s+1) configs at budget 3; once 6 are in, 3 is the model budget
        run(bohb, 12, j -> bowl(j.configuration()));
        assertEquals(3.0, bohb.modelBudget());
    }

    @Test
    void modelBasedProposalsConcentrateNearTheOptimum() {
        BohbSettings onlyModel = BohbSettings.defaults().withRandomFraction(0);
        Bohb bohb = new Bohb(SPACE, new Fidelity(1, 27), 9, new HyperbandSettings(3, 0), onlyModel);
        List<Job> jobs = run(bohb, 600, j -> bowl(j.configuration()));
        double early = jobs.subList(0, 6).stream().mapToDouble(j -> bowl(j.configuration())).average().orElseThrow();
        double late = jobs.subList(500, 600).stream().filter(j -> j.rung() == 0)
                .mapToDouble(j -> bowl(j.configuration())).average().orElseThrow();
        // a uniform draw has mean squared distance 1/6 + 0.04 + 0.04 ~ 0.25 from (0.3, 0.7)
        assertTrue(early > 0.05, "early " + early);
        assertTrue(late < 0.02, "late proposals should crowd the optimum, mean distance^2 " + late);
    }

    @Test
    void failuresAreLeftOutOfTheModel() {
        Bohb bohb = new Bohb(SPACE, new Fidelity(1, 27), 1);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 27; i++) {
            jobs.add(bohb.ask().jobToRun().orElseThrow());
        }
        for (Job j : jobs) {
            bohb.tell(j, Result.failed("crash"));
        }
        assertEquals(Double.NEGATIVE_INFINITY, bohb.modelBudget());
        // the bracket ended: nothing to promote; the next bracket starts
        Job next = bohb.ask().jobToRun().orElseThrow();
        assertEquals(2, next.configId().bracket());
    }

    @Test
    void handlesConditionalAndCategoricalParameters() {
        Bohb bohb = new Bohb(CONDITIONAL, new Fidelity(1, 9), 2, new HyperbandSettings(3, 4), BohbSettings.defaults().withRandomFraction(0));
        ToDoubleFunction<Job> f = j -> {
            Configuration c = j.configuration();
            double v = Math.abs(Math.log10(c.getDouble("lr")) + 3) + Math.abs(c.getLong("layers") - 3);
            v += c.getString("kind").equals("a") ? c.getDouble("momentum") : 1;
            return v;
        };
        List<Job> jobs = run(bohb, 100_000, f);
        assertTrue(bohb.isFinished());
        // 5 evaluations at budget 9 per iteration: after 4 iterations, 20 >= 2 * (4 + 1) points
        assertEquals(9.0, bohb.modelBudget());
        assertTrue(bohb.modelBasedProposals() > 0);
        for (Job j : jobs) {
            // every proposal is a valid configuration: decoding its encoding gives it back
            assertEquals(j.configuration(), CONDITIONAL.decode(CONDITIONAL.encode(j.configuration())));
            assertEquals(j.configuration().isActive("momentum"), j.configuration().getString("kind").equals("a"));
        }
        List<Job> late = jobs.subList(jobs.size() / 2, jobs.size()).stream().filter(j -> j.rung() == 0).toList();
        long threeLayers = late.stream().filter(j -> j.configuration().getLong("layers") == 3).count();
        assertTrue(threeLayers > late.size() / 2, "layers = 3 is best; a prior draw has it 1 time in 5: " + threeLayers + " of " + late.size());
        double earlyMean = jobs.subList(0, 10).stream().mapToDouble(f).average().orElseThrow();
        double lateMean = late.stream().mapToDouble(f).average().orElseThrow();
        assertTrue(lateMean < earlyMean / 2, "late proposals " + lateMean + " vs first random ones " + earlyMean);
    }

    private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
    private static final double[][] A = {{10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14},
        {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
    private static final double[][] P = {{1312, 1696, 5569, 124, 8283, 5886}, {2329, 4135, 8307, 3736, 1004, 9991},
        {2348, 1451, 3522, 2883, 3047, 6650}, {4047, 8828, 8732, 5743, 1091, 381}};

    /** Hartmann-6 with the fidelity of PROBLEMS.md: alpha - 0.1 (1 - z). */
    private static double hartmann6(Configuration c, double z) {
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            double e = 0;
            for (int j = 0; j < 6; j++) {
                double d = c.getDouble("x" + j) - P[i][j] * 1e-4;
                e += A[i][j] * d * d;
            }
            sum += (ALPHA[i] - 0.1 * (1 - z)) * Math.exp(-e);
        }
        return -sum;
    }

    @Test
    void onASmallHartmann6BohbBeatsHyperbandAndRandomSearch() {
        SearchSpace.Builder b = SearchSpace.builder();
        for (int j = 0; j < 6; j++) {
            b.add(FloatParameter.uniform("x" + j, 0, 1));
        }
        SearchSpace space = b.build();
        int seeds = 7;
        String[] names = {"bohb", "hyperband", "random"};
        double[][] regret = new double[names.length][seeds];
        for (int k = 0; k < names.length; k++) {
            for (int seed = 0; seed < seeds; seed++) {
                Optimizer o = Optimizers.create(names[k], space, new Fidelity(1, 27), seed);
                double cost = 0;
                double bestBudget = 0;
                double bestObserved = Double.POSITIVE_INFINITY;
                Configuration incumbent = null;
                // 60 full evaluations; incumbent by HpBandSter's rule
                while (cost < 60) {
                    Job j = o.ask().jobToRun().orElseThrow();
                    double v = hartmann6(j.configuration(), j.budget() / 27);
                    o.tell(j, Result.of(v));
                    cost += j.budget() / 27;
                    if (j.budget() > bestBudget || (j.budget() == bestBudget && v < bestObserved)) {
                        bestBudget = j.budget();
                        bestObserved = v;
                        incumbent = j.configuration();
                    }
                }
                regret[k][seed] = hartmann6(incumbent, 1) + 3.322368011391339;
            }
            Arrays.sort(regret[k]);
        }
        double bohb = regret[0][seeds / 2];
        assertTrue(bohb < regret[1][seeds / 2], "median regret: BOHB " + bohb + ", Hyperband " + regret[1][seeds / 2]);
        assertTrue(bohb < regret[2][seeds / 2], "median regret: BOHB " + bohb + ", random " + regret[2][seeds / 2]);
    }
}
