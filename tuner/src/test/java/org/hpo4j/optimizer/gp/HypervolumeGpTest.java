package org.hpo4j.optimizer.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.hpo4j.optimizer.Pareto;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

/** Proposals of {@link HypervolumeGp}: deterministic, away from running jobs, towards feasibility. */
class HypervolumeGpTest {
    private static final SearchSpace SPACE = SearchSpace.builder()
            .add(FloatParameter.uniform("x", 0, 1))
            .add(FloatParameter.uniform("y", 0, 1))
            .build();

    /** ZDT1 in two variables, infeasible where {@code x + y > bound}. */
    private static HypervolumeGp.Observation observe(Configuration c, double bound) {
        double x = c.getDouble("x");
        double g = 1 + 9 * c.getDouble("y");
        double violation = Math.max(0, x + c.getDouble("y") - bound);
        return new HypervolumeGp.Observation(c, new Pareto.Point(new double[] {x, g * (1 - Math.sqrt(x / g))}, violation), 1);
    }

    private static List<HypervolumeGp.Observation> data(int n, double bound) {
        MersenneTwister random = new MersenneTwister(11);
        List<HypervolumeGp.Observation> data = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            data.add(observe(SPACE.sample(random::nextDouble), bound));
        }
        return data;
    }

    private static Configuration propose(List<HypervolumeGp.Observation> data, List<Configuration> running, long seed) {
        return new HypervolumeGp(SPACE, GpSettings.defaults()).propose(data, running, true, new MersenneTwister(seed), c -> true);
    }

    @Test
    void sameArgumentsGiveTheSameProposal() {
        List<HypervolumeGp.Observation> data = data(15, 2);
        Configuration a = propose(data, List.of(), 5);
        assertEquals(a, propose(data, List.of(), 5));
        assertNotNull(a);
    }

    /** The front is at y = 0: the proposal goes there, better than the data's median. */
    @Test
    void proposesNearTheFront() {
        List<HypervolumeGp.Observation> data = data(20, 2);
        double y = propose(data, List.of(), 5).getDouble("y");
        assertTrue(y < 0.2, "y " + y);
    }

    /** A job running where the first proposal went is believed there: the next proposal is elsewhere. */
    @Test
    void runningJobsKeepProposalsApart() {
        List<HypervolumeGp.Observation> data = data(20, 2);
        Configuration first = propose(data, List.of(), 5);
        Configuration second = propose(data, List.of(first), 5);
        double distance = Math.hypot(first.getDouble("x") - second.getDouble("x"), first.getDouble("y") - second.getDouble("y"));
        assertNotEquals(first, second);
        assertTrue(distance > 0.02, first + " then " + second);
    }

    /**
     * Feasible only where x + y <= 0.6 (18 % of the prior), while the unconstrained front runs on to
     * x = 1: the proposals keep to the feasible region or its edge, where the probability of
     * feasibility times the improvement is largest; two thirds of the prior lie beyond x + y = 0.8.
     */
    @Test
    void proposalsKeepToTheFeasibleRegion() {
        List<HypervolumeGp.Observation> data = new ArrayList<>(data(20, 0.6));
        HypervolumeGp model = new HypervolumeGp(SPACE, GpSettings.defaults());
        MersenneTwister random = new MersenneTwister(3);
        double worst = 0;
        for (int i = 0; i < 20; i++) {
            Configuration c = model.propose(data, List.of(), i % 3 == 0, random, x -> true);
            worst = Math.max(worst, c.getDouble("x") + c.getDouble("y"));
            data.add(observe(c, 0.6));
        }
        assertTrue(worst < 0.8, "a proposal at x + y = " + worst);
    }
}
