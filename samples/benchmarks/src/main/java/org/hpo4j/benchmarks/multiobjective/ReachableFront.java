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
 * Every argument is {@code key=value} and optional. For two objectives it also prints the
 * hypervolume of the best {@link #BEST_OF} members of that front ({@link #bestOf}): how many
 * well-chosen full-budget evaluations a target asks for.
 */
public final class ReachableFront {
    /** Standard deviation, in the unit cube, of a refining perturbation. */
    private static final double STEP = 0.05;
    /** The subset sizes whose best hypervolume {@link #main} prints. */
    private static final int[] BEST_OF = {1, 2, 3, 5, 10, 30};

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

    /**
     * The largest hypervolume of at most {@code k} of two-objective points (both minimised, below
     * {@code reference}), exact: with the points sorted by the first objective, a subset's
     * hypervolume is a sum of rectangles, each from a chosen point to the next chosen one, so the
     * best subset of each size that starts at each point follows from the best ones of one size
     * less (dynamic programming, {@code O(k n^2)}).
     *
     * @param points the objective pairs; points not below {@code reference} in both add nothing
     * @return the hypervolume, not normalised
     */
    public static double bestOf(List<double[]> points, int k, double[] reference) {
        List<double[]> useful = new ArrayList<>();
        for (double[] p : points) {
            if (p[0] < reference[0] && p[1] < reference[1]) {
                useful.add(p);
            }
        }
        useful.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        int n = useful.size();
        if (n == 0 || k <= 0) {
            return 0;
        }
        // best[i]: the largest hypervolume of a subset of the current size whose first point is i
        double[] best = new double[n];
        double top = 0;
        for (int i = 0; i < n; i++) {
            best[i] = (reference[0] - useful.get(i)[0]) * (reference[1] - useful.get(i)[1]);
            top = Math.max(top, best[i]);
        }
        for (int size = 2; size <= Math.min(k, n); size++) {
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                double[] p = useful.get(i);
                next[i] = best[i];
                for (int j = i + 1; j < n; j++) {
                    // i's rectangle ends where j's begins; j below i in the second objective or it adds nothing
                    double[] q = useful.get(j);
                    if (q[1] < p[1]) {
                        next[i] = Math.max(next[i], (q[0] - p[0]) * (reference[1] - p[1]) + best[j]);
                    }
                }
                top = Math.max(top, next[i]);
            }
            best = next;
        }
        return top;
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
            List<double[]> truth = new ArrayList<>();
            for (IncumbentFront.Member m : bound.front()) {
                System.out.println("  " + Arrays.toString(m.observed()));
                truth.add(problem.trueObjectives(m.configuration()));
            }
            if (!truth.isEmpty() && truth.get(0).length == 2) {
                StringBuilder line = new StringBuilder(name + ": hypervolume of the best members of that front:");
                for (int k : BEST_OF) {
                    line.append(String.format(Locale.ROOT, " %d: %.4f", k,
                            bestOf(truth, k, MultiObjectiveProblem.REFERENCE) / problem.bestHypervolume()));
                }
                System.out.println(line);
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
