package org.hpo4j.optimizer.multi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSchedule;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Result;
import org.hpo4j.optimizer.gp.RungReliability;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

/**
 * ParEGO's brackets follow the measured reliability of the budgets: its first configurations run at
 * the full budget, as the reference; where small budgets rank an objective the other way round from
 * the full budget, they lose their brackets to the one that starts at the full budget; where every
 * budget ranks as the full one, they keep them.
 */
class ParEgoTest {
    private static final SearchSpace SPACE = SearchSpace.builder()
            .add(FloatParameter.uniform("x", 0, 1))
            .add(FloatParameter.uniform("y", 0, 1))
            .build();
    private static final Fidelity FIDELITY = new Fidelity(1, 81);
    private static final HyperbandSchedule SCHEDULE = HyperbandSchedule.of(FIDELITY, HyperbandSettings.defaults());

    /**
     * ZDT1-like, f2's distance optimum at y = 0.1 at the full budget; below it at the same place
     * (agreeing: each objective only shifted by {@code 1 / budget}, so every budget ranks as the
     * full one) or at 0.9 (misleading).
     */
    private static Result evaluate(Job job, boolean misleading) {
        Configuration c = job.configuration();
        double x = c.getDouble("x");
        double centre = misleading && job.budget() < FIDELITY.maxBudget() ? 0.9 : 0.1;
        double y = c.getDouble("y") - centre;
        double g = 1 + 9 * y * y;
        return Result.of(List.of(x + 1 / job.budget(), g * (1 - Math.sqrt(x / g)) + 1 / job.budget()), List.of());
    }

    /** ParEGO's proposals after {@code jobs} jobs on the problem. */
    private static ParEgo run(boolean misleading, int jobs) {
        return run(misleading, jobs, false);
    }

    /** The same with {@code hypervolume}: mo-gp's proposals. */
    private static ParEgo run(boolean misleading, int jobs, boolean hypervolume) {
        ParEgo proposals = new ParEgo(SPACE, FIDELITY, SCHEDULE, 3, hypervolume);
        Optimizer o = ParEgo.optimizer(proposals, SCHEDULE, HyperbandSettings.defaults());
        for (int n = 0; n < jobs; n++) {
            Job j = o.ask().jobToRun().orElseThrow();
            assertTrue(n >= ParEgo.FULL_BUDGET_FIRST || j.budget() == FIDELITY.maxBudget(), "job " + n + " at " + j.budget());
            o.tell(j, evaluate(j, misleading));
        }
        return proposals;
    }

    @Test
    void misleadingSmallBudgetsLoseTheirBrackets() {
        ParEgo misleading = run(true, 150);
        ParEgo agreeing = run(false, 150);
        double[] bad = misleading.reliability();
        double[] good = agreeing.reliability();
        assertEquals(1, bad[bad.length - 1]);
        for (int k = 0; k < 2; k++) {
            assertTrue(bad[k] < 0.3, "misleading budget level " + k + ": " + Arrays.toString(bad));
            assertTrue(good[k] > RungReliability.PRIOR_RELIABILITY + 0.25, "agreeing budget level " + k + ": " + Arrays.toString(good));
        }
        double[] shares = misleading.bracketShares();
        assertTrue(shares[0] > 0.8 * Arrays.stream(shares).sum(), "shares with misleading budgets " + Arrays.toString(shares));
    }

    /**
     * Each objective ranked nearly as at the full budget, the front not: {@code x} (the position
     * along the front) is right at every budget, the distance optimum (here a shallow one,
     * {@code g = 1 + 0.25 (y - centre)^2}) misplaced below the full budget. Each objective alone
     * measures the small budgets at about 0.7 (their brackets would keep about two thirds of the
     * budget); their non-dominated ranks do not agree with the full budget's, so the full-budget
     * bracket gets nearly all.
     */
    @Test
    void budgetsThatRankEachObjectiveButNotTheFrontLoseTheirBrackets() {
        ParEgo proposals = new ParEgo(SPACE, FIDELITY, SCHEDULE, 3, true);
        Optimizer o = ParEgo.optimizer(proposals, SCHEDULE, HyperbandSettings.defaults());
        for (int n = 0; n < 150; n++) {
            Job j = o.ask().jobToRun().orElseThrow();
            Configuration c = j.configuration();
            double x = c.getDouble("x");
            double y = c.getDouble("y") - (j.budget() < FIDELITY.maxBudget() ? 0.9 : 0.1);
            double g = 1 + 0.25 * y * y;
            o.tell(j, Result.of(List.of(x + 1 / j.budget(), g * (1 - Math.sqrt(x / g)) + 1 / j.budget()), List.of()));
        }
        double[] shares = proposals.bracketShares();
        assertTrue(shares[0] > 0.8 * Arrays.stream(shares).sum(),
                "shares " + Arrays.toString(shares) + " for reliabilities " + Arrays.toString(proposals.reliability()));
    }

    /**
     * The GP's hyperparameters are refitted when the model's budget changes or its results have
     * grown by a fifth, not on every proposal: over 150 jobs that is a handful of fits.
     */
    @Test
    void hyperparametersAreFittedOnGrowthNotOnEveryProposal() {
        ParEgo proposals = run(true, 150);
        assertTrue(proposals.modelProposals() >= 20, "model proposals " + proposals.modelProposals());
        assertTrue(proposals.hyperparameterFits() >= 2, "fits " + proposals.hyperparameterFits());
        assertTrue(proposals.hyperparameterFits() * 3 <= proposals.modelProposals(),
                proposals.hyperparameterFits() + " fits for " + proposals.modelProposals() + " proposals");
    }

    /** mo-gp has the same schedule: misleading small budgets lose their brackets there too. */
    @Test
    void withHypervolumeProposalsMisleadingBudgetsLoseTheirBracketsToo() {
        ParEgo misleading = run(true, 150, true);
        double[] shares = misleading.bracketShares();
        assertTrue(shares[0] > 0.8 * Arrays.stream(shares).sum(), "shares with misleading budgets " + Arrays.toString(shares));
        assertTrue(misleading.modelProposals() >= 20, "model proposals " + misleading.modelProposals());
        assertTrue(misleading.hyperparameterFits() * 3 <= misleading.modelProposals(),
                misleading.hyperparameterFits() + " fits for " + misleading.modelProposals() + " proposals");
    }

    /**
     * mo-gp is a function of the seed and the history, with jobs running while others are
     * proposed (two asked before each tell): two runs hand out the same jobs.
     */
    @Test
    void hypervolumeProposalsAreAFunctionOfSeedAndHistory() {
        assertEquals(jobsWithTwoRunning(), jobsWithTwoRunning());
    }

    private static List<String> jobsWithTwoRunning() {
        Optimizer o = ParEgo.optimizer(new ParEgo(SPACE, FIDELITY, SCHEDULE, 9, true), SCHEDULE, HyperbandSettings.defaults());
        List<String> seen = new java.util.ArrayList<>();
        Job pending = o.ask().jobToRun().orElseThrow();
        for (int n = 0; n < 60; n++) {
            Job next = o.ask().jobToRun().orElseThrow();
            seen.add(pending.configuration() + "@" + pending.budget());
            o.tell(pending, evaluate(pending, true));
            pending = next;
        }
        return seen;
    }
}
