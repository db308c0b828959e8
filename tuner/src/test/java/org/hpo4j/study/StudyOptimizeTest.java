package org.hpo4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.hpo4j.annotations.Direction;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.optimizer.Hyperband;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.trial.TrialContext;
import org.junit.jupiter.api.Test;

class StudyOptimizeTest {
    private static final SearchSpace SPACE = SearchSpace.builder()
            .add(FloatParameter.uniform("x", -5, 10))
            .add(FloatParameter.uniform("y", 0, 15))
            .budget("epochs", 1, 27, true)
            .build();

    /** Branin with a low-fidelity bias that fades with the budget, plus noise from the trial's seed. */
    private static double branin(Configuration c, TrialContext ctx) {
        double x = c.getDouble("x");
        double y = c.getDouble("y");
        double z = ctx.budget() / 27;
        double b = 5.1 / (4 * Math.PI * Math.PI) - 0.01 * (1 - z);
        double v = Math.pow(y - b * x * x + 5 / Math.PI * x - 6, 2) + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x) + 10;
        return v + 0.01 * new Random(ctx.seed()).nextGaussian();
    }

    private static Study study(long seed) {
        return Study.builder(SPACE).name("branin").seed(seed)
                .optimizer(new Hyperband(SPACE, new Fidelity(1, 27), seed)).build();
    }

    @Test
    void hyperbandFindsAGoodValueOnAToyProblem() {
        StudyResult r = study(3).optimize(StudyOptimizeTest::branin, StoppingRule.maxCost(60));
        double best = r.incumbent().orElseThrow().value();
        // optimum 0.398; random sampling of 60 points typically stays above 1
        assertTrue(best < 1.0, "incumbent " + best);
        assertEquals(27.0, r.incumbent().orElseThrow().job().budget());
        assertTrue(r.totalCost() >= 60 && r.totalCost() < 62);
    }

    @Test
    void bohbAndHyperbandBeatRandomSearchInTheMedian() {
        // which of BOHB and Hyperband wins on so small a problem is for benchmarks with many seeds
        int seeds = 9;
        double[][] values = new double[3][seeds];
        String[] names = {"bohb", "hyperband", "random"};
        for (int seed = 0; seed < seeds; seed++) {
            for (int k = 0; k < names.length; k++) {
                values[k][seed] = Study.builder(SPACE).name(names[k]).seed(seed)
                        .optimizer(names[k], new Fidelity(1, 27), seed).build()
                        .optimize(StudyOptimizeTest::branin, StoppingRule.maxCost(60)).incumbent().orElseThrow().value();
            }
        }
        for (double[] v : values) {
            java.util.Arrays.sort(v);
        }
        double random = values[2][seeds / 2];
        assertTrue(values[0][seeds / 2] < random, "median incumbent: BOHB " + values[0][seeds / 2] + ", random " + random);
        assertTrue(values[1][seeds / 2] < random, "median incumbent: Hyperband " + values[1][seeds / 2] + ", random " + random);
    }

    @Test
    void sameSeedGivesTheSameStudy() {
        List<Evaluation> a = study(8).optimize(StudyOptimizeTest::branin, StoppingRule.maxEvaluations(150)).evaluations();
        List<Evaluation> b = study(8).optimize(StudyOptimizeTest::branin, StoppingRule.maxEvaluations(150)).evaluations();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).job(), b.get(i).job());
            assertEquals(a.get(i).result(), b.get(i).result());
        }
    }

    @Test
    void failuresAreRecordedAndTheStudyGoesOn() {
        StudyResult r = study(5).optimize((c, ctx) -> {
            if (c.getDouble("x") > 5) {
                throw new IllegalArgumentException("x too large: " + c.getDouble("x"));
            }
            return branin(c, ctx);
        }, StoppingRule.maxCost(30));
        assertTrue(r.failures() > 10, "failures " + r.failures());
        assertTrue(r.evaluations().stream().filter(Evaluation::isFailure)
                .allMatch(e -> e.result().failure().startsWith("java.lang.IllegalArgumentException: x too large")));
        Evaluation best = r.incumbent().orElseThrow();
        assertTrue(best.job().configuration().getDouble("x") <= 5);
        // failed configurations are never promoted to a larger budget
        assertTrue(r.evaluations().stream().filter(Evaluation::isFailure).allMatch(e -> e.job().previousBudget() == 0));
    }

    @Test
    void maximizingReportsTheLargestValueAsIncumbent() {
        StudyResult r = Study.builder(SPACE).direction(Direction.MAXIMIZE)
                .optimizer(new Hyperband(SPACE, new Fidelity(1, 27), 1)).build()
                .optimize((c, ctx) -> -branin(c, ctx), StoppingRule.maxCost(60));
        assertTrue(r.incumbent().orElseThrow().value() > -1.0, "incumbent " + r.incumbent().orElseThrow().value());
    }

    @Test
    void aStudyWhereEverythingFailsSaysWhy() {
        StudyFailedException e = assertThrows(StudyFailedException.class, () -> study(1).optimize((c, ctx) -> {
            throw new UnsupportedOperationException("no GPU found");
        }, StoppingRule.maxEvaluations(40)));
        assertTrue(e.getMessage().contains("java.lang.UnsupportedOperationException: no GPU found"), e.getMessage());
        assertTrue(e.getMessage().contains("study 'branin'"), e.getMessage());
        assertEquals(10, e.result().evaluations().size(), "the first 10 all failed: the study stopped (failFastAfter)");
    }
}
