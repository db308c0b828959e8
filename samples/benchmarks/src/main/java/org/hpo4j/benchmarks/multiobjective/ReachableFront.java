package org.hpo4j.benchmarks.multiobjective;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.random.MersenneTwister;
import org.hpo4j.benchmarks.Problems;
import org.hpo4j.benchmarks.RunnerOptions;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;

/**
 * An estimate of the largest hypervolume any optimizer can reach on a problem of several
 * objectives: the normalised hypervolume ({@link MultiObjectiveProblem#hypervolume}, as the runner
 * computes it) of the configurations no other dominates by their true objectives, among a large
 * sample from the prior, the configurations the given optimizers visited in their runs, and
 * perturbations of the front's members in the unit cube. Shows whether a target such as "1.1 x
 * random search" lies below what the problem allows.
 *
 * <pre>java -cp samples/benchmarks/target/hpo4j-benchmarks.jar org.hpo4j.benchmarks.multiobjective.ReachableFront \
 *     [problems=multi-objective] [samples=20000] [optimizers=parego,random,nsga2] [seeds=4] [maxCost=100] [refine=20000]</pre>
 *
 * Every argument is {@code key=value} and optional.
 */
public final class ReachableFront {
    /** Standard deviation, in the unit cube, of a refining perturbation. */
    private static final double STEP = 0.05;

    private ReachableFront() {
    }

    /**
     * The estimate for one problem.
     *
     * @param hypervolume the normalised hypervolume of {@code front}
     * @param front the non-dominated configurations found
     * @param evaluated how many configurations were evaluated at the full budget
     */
    public record Bound(double hypervolume, List<IncumbentFront.Member> front, int evaluated) {
    }

    /**
     * The bound on {@code problem} from {@code samples} prior draws, the configurations in
     * {@code visited}, then {@code refine} perturbations of randomly chosen front members; every
     * random choice from {@code seed}.
     */
    public static Bound bound(MultiObjectiveProblem problem, int samples, List<Configuration> visited, int refine, long seed) {
        SearchSpace space = problem.space();
        MersenneTwister random = new MersenneTwister(seed);
        IncumbentFront front = new IncumbentFront();
        for (int i = 0; i < samples; i++) {
            offer(problem, front, space.sample(random::nextDouble));
        }
        for (Configuration c : visited) {
            offer(problem, front, c);
        }
        for (int i = 0; i < refine && !front.members().isEmpty(); i++) {
            List<IncumbentFront.Member> members = front.members();
            double[] unit = space.encode(members.get(random.nextInt(members.size())).configuration());
            for (int d = 0; d < unit.length; d++) {
                unit[d] = Math.min(1, Math.max(0, unit[d] + STEP * random.nextGaussian()));
            }
            offer(problem, front, space.decode(unit));
        }
        return new Bound(front.hypervolume(problem), front.members(), samples + visited.size() + refine);
    }

    private static void offer(MultiObjectiveProblem problem, IncumbentFront front, Configuration c) {
        front.offer(c, problem.maxBudget(), problem.trueObjectives(c));
    }

    /**
     * The configurations {@code optimizer} starts on {@code problem} with seeds {@code 0 ..
     * seeds - 1} up to {@code maxCost} full evaluations, at any budget, in order.
     */
    public static List<Configuration> visited(MultiObjectiveProblem problem, String optimizer, int seeds, double maxCost) {
        Recording recording = new Recording(problem);
        for (int seed = 0; seed < seeds; seed++) {
            FrontRun.run(recording, optimizer, seed, maxCost, new double[] {maxCost});
        }
        return recording.configurations;
    }

    /** Prints the bound per problem; arguments as the class comment says. */
    public static void main(String[] args) {
        String problems = "multi-objective";
        int samples = 20_000;
        String optimizers = "parego,random,nsga2";
        int seeds = 4;
        double maxCost = 100;
        int refine = 20_000;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("argument '" + arg + "' is not key=value");
            }
            String value = arg.substring(eq + 1);
            switch (arg.substring(0, eq)) {
                case "problems" -> problems = value;
                case "samples" -> samples = Integer.parseInt(value);
                case "optimizers" -> optimizers = value;
                case "seeds" -> seeds = Integer.parseInt(value);
                case "maxCost" -> maxCost = Double.parseDouble(value);
                case "refine" -> refine = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown argument '" + arg.substring(0, eq)
                        + "'; known: problems, samples, optimizers, seeds, maxCost, refine");
            }
        }
        List<String> names = new ArrayList<>();
        for (String entry : problems.split(",")) {
            names.addAll(Problems.expand(entry.trim()));
        }
        for (String name : names) {
            MultiObjectiveProblem problem = Problems.multiObjective(name);
            List<Configuration> visited = new ArrayList<>();
            if (!optimizers.isBlank()) {
                for (String optimizer : optimizers.split(",")) {
                    visited.addAll(visited(problem, optimizer.trim(), seeds, maxCost));
                }
            }
            Bound bound = bound(problem, samples, visited, refine, 0);
            Bound sampleOnly = bound(problem, samples, List.of(), 0, 0);
            System.out.printf(Locale.ROOT, "%s: reachable hypervolume %.4f (%d configurations evaluated: %d prior draws, "
                            + "%d visited by %s with %d seeds to cost %s, %d refinements; front of %d); prior draws alone %.4f%n",
                    name, bound.hypervolume(), bound.evaluated(), samples, visited.size(), optimizers, seeds,
                    RunnerOptions.format(maxCost), refine, bound.front().size(), sampleOnly.hypervolume());
            for (IncumbentFront.Member m : bound.front()) {
                System.out.println("  " + Arrays.toString(m.observed()));
            }
        }
    }

    /** Delegates to a problem and keeps every configuration evaluated. */
    private static final class Recording implements MultiObjectiveProblem {
        private final MultiObjectiveProblem problem;
        private final List<Configuration> configurations = new ArrayList<>();

        Recording(MultiObjectiveProblem problem) {
            this.problem = problem;
        }

        @Override
        public String name() {
            return problem.name();
        }

        @Override
        public SearchSpace space() {
            return problem.space();
        }

        @Override
        public double maxBudget() {
            return problem.maxBudget();
        }

        @Override
        public double minBudget() {
            return problem.minBudget();
        }

        @Override
        public double effectiveBudget(double budget) {
            return problem.effectiveBudget(budget);
        }

        @Override
        public double[] evaluate(Configuration configuration, double budget, RandomGenerator random) {
            configurations.add(configuration);
            return problem.evaluate(configuration, budget, random);
        }

        @Override
        public double[] trueObjectives(Configuration configuration) {
            return problem.trueObjectives(configuration);
        }

        @Override
        public double bestHypervolume() {
            return problem.bestHypervolume();
        }
    }
}
