package org.hpo4j.optimizer.multi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.Pareto;
import org.hpo4j.optimizer.Result;
import org.hpo4j.optimizer.registry.Optimizers;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The multi-objective optimizers on a two-objective problem with a known front and a constraint
 * that half the space breaks: they find feasible trade-offs, and promotions and parents prefer
 * feasible configurations.
 */
class MultiObjectiveOptimizersTest {
    private static final SearchSpace SPACE = SearchSpace.builder()
            .add(FloatParameter.uniform("x", 0, 1))
            .add(FloatParameter.uniform("y", 0, 1))
            .build();
    private static final Fidelity SETTINGS_FIDELITY = new Fidelity(1, 9);
    private static final long SETTINGS_SEED = 5;

    /**
     * ZDT1-like with fidelity: f1 = x, f2 = g (1 - sqrt(x / g)), g = 1 + 9 y + 1 / budget; the front
     * is y = 0 at the full budget. Feasible when x <= 0.5.
     */
    private static Result evaluate(Job job) {
        Configuration c = job.configuration();
        double x = c.getDouble("x");
        double g = 1 + 9 * c.getDouble("y") * c.getDouble("y") + 1 / job.budget();
        return Result.of(List.of(x, g * (1 - Math.sqrt(x / g))), List.of(Math.max(0, x - 0.5)));
    }

    private static List<Job> run(Optimizer o, int jobs, List<Result> results) {
        List<Job> all = new ArrayList<>();
        while (all.size() < jobs) {
            Optional<Job> j = o.ask().jobToRun();
            if (j.isEmpty()) {
                break;
            }
            Result r = evaluate(j.get());
            o.tell(j.get(), r);
            all.add(j.get());
            results.add(r);
        }
        return all;
    }

    /** The hypervolume below (1, 11) of the feasible results at the full budget. */
    private static double hypervolume(List<Job> jobs, List<Result> results) {
        List<Pareto.Point> points = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).budget() == SETTINGS_FIDELITY.maxBudget()) {
                points.add(Pareto.Point.of(results.get(i)));
            }
        }
        List<double[]> front = Pareto.front(points).stream().map(i -> points.get(i).objectives()).toList();
        return Pareto.hypervolume(front, new double[] {1, 11});
    }

    @ParameterizedTest
    @ValueSource(strings = {"nsga2", "mo-asha", "parego", "mo-gp"})
    void findsFeasibleTradeOffsAndMostFullBudgetJobsAreFeasible(String name) {
        List<Result> results = new ArrayList<>();
        List<Job> jobs = run(Optimizers.create(name, SPACE, SETTINGS_FIDELITY, SETTINGS_SEED), 200, results);
        double hv = hypervolume(jobs, results);
        assertTrue(hv > 0, name + " found no feasible point at the full budget");
        long full = 0;
        long feasibleFull = 0;
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).budget() == SETTINGS_FIDELITY.maxBudget()) {
                full++;
                feasibleFull += results.get(i).violation() == 0 ? 1 : 0;
            }
        }
        // the prior is half feasible; selection by feasibility must push the full-budget jobs above that
        assertTrue(feasibleFull > 0.6 * full, name + ": " + feasibleFull + " of " + full + " full-budget jobs feasible");
    }

    /**
     * At equal cost (sum of budgets / max budget): ParEGO early, NSGA-II once it has had ten
     * generations (with three it is no better than random search here).
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"parego, 60", "mo-gp, 60", "nsga2, 200"})
    void beatsRandomSearchOnHypervolumeAtEqualCost(String name, double cost) {
        double optimizer = hypervolumeAtCost(name, cost);
        double random = hypervolumeAtCost("random", cost);
        assertTrue(optimizer > random, name + " " + optimizer + " vs random " + random);
    }

    private static double hypervolumeAtCost(String name, double cost) {
        Optimizer o = Optimizers.create(name, SPACE, SETTINGS_FIDELITY, SETTINGS_SEED);
        List<Job> jobs = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        double spent = 0;
        while (spent < cost) {
            Job j = o.ask().jobToRun().orElseThrow();
            Result r = evaluate(j);
            o.tell(j, r);
            jobs.add(j);
            results.add(r);
            spent += j.budget() / SETTINGS_FIDELITY.maxBudget();
        }
        return hypervolume(jobs, results);
    }

    /** 40 evaluations of an earlier study at the full budget, configurations from a generator of its own. */
    private static List<org.hpo4j.optimizer.PriorObservation> priors() {
        org.apache.commons.math3.random.MersenneTwister random = new org.apache.commons.math3.random.MersenneTwister(99);
        List<org.hpo4j.optimizer.PriorObservation> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Configuration c = SPACE.sample(random::nextDouble);
            Job job = new Job(i, new Job.ConfigId(0, 0, i), c, SETTINGS_FIDELITY.maxBudget(), 0, 0);
            out.add(new org.hpo4j.optimizer.PriorObservation(c, SETTINGS_FIDELITY.maxBudget(), evaluate(job)));
        }
        return out;
    }

    /** The mean of y (0 on the front) over the first {@code count} new configurations {@code o} starts. */
    private static double meanYOfNewConfigurations(Optimizer o, int count) {
        double sum = 0;
        int seen = 0;
        java.util.Set<Job.ConfigId> started = new java.util.HashSet<>();
        while (seen < count) {
            Job j = o.ask().jobToRun().orElseThrow();
            if (started.add(j.configId()) && j.rung() == 0 && j.configId().iteration() >= 0) {
                if (!(o instanceof Nsga2) || j.configId().iteration() >= 1) {
                    sum += j.configuration().getDouble("y");
                    seen++;
                }
            }
            o.tell(j, evaluate(j));
        }
        return sum / count;
    }

    /**
     * Warm-started from an earlier study's evaluations with every objective and violation, ParEGO's
     * model and NSGA-II's parents use them: the new configurations lie nearer the front (y = 0)
     * than those of the same optimizer started cold (NSGA-II: from its second generation, the
     * first bred one; ParEGO: from the first, whose model has the priors at once).
     */
    @ParameterizedTest
    @ValueSource(strings = {"parego", "mo-gp", "nsga2"})
    void warmStartedProposalsUseThePriors(String name) {
        Optimizer cold = Optimizers.create(name, SPACE, SETTINGS_FIDELITY, SETTINGS_SEED);
        Optimizer warm = Optimizers.create(name, SPACE, SETTINGS_FIDELITY, SETTINGS_SEED);
        ((org.hpo4j.optimizer.WarmStartable) warm).warmStart(priors(), 0.5);
        double coldY = meanYOfNewConfigurations(cold, 12);
        double warmY = meanYOfNewConfigurations(warm, 12);
        assertTrue(warmY < 0.6 * coldY, name + ": mean y of new configurations warm " + warmY + ", cold " + coldY);
    }

    /** The same priors and seed give the same jobs. */
    @ParameterizedTest
    @ValueSource(strings = {"parego", "mo-gp", "nsga2", "mo-asha"})
    void warmStartedSameSeedSameTrials(String name) {
        List<List<Job>> runs = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Optimizer o = new org.hpo4j.optimizer.WarmStart(Optimizers.create(name, SPACE, SETTINGS_FIDELITY, SETTINGS_SEED),
                    List.of(priors().get(3).configuration(), priors().get(7).configuration()), SETTINGS_FIDELITY.maxBudget(),
                    priors(), 0.5);
            runs.add(run(o, 60, new ArrayList<>()));
        }
        org.junit.jupiter.api.Assertions.assertEquals(runs.get(0), runs.get(1));
        org.junit.jupiter.api.Assertions.assertEquals(new Job.ConfigId(-1, 0, 0), runs.get(0).get(0).configId());
    }
}
