package org.hpo4j.benchmarks.simulation;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hpo4j.benchmarks.BenchmarkProblem;
import org.hpo4j.benchmarks.MedianRatio;
import org.hpo4j.benchmarks.Problems;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.registry.Optimizers;

/**
 * The simulation benchmark of asynchronous against synchronous multi-fidelity optimizers: each
 * benchmark problem, each optimizer, each seed, on a {@link VirtualCluster} of many workers
 * whose configurations train at speeds 10x apart. Prints a Markdown table of worker utilisation
 * and regret at equal cost (median and quartiles over the seeds).
 *
 * <p>Options (all optional): {@code --problems a,b} (names or groups as {@link Problems#expand} reads them; default:
 * every problem of record), {@code --optimizers a,b}
 * (default {@code asha,async-hyperband,async-bohb,hyperband,bohb,hyperband:barriers,bohb:barriers};
 * a name ending in {@code :barriers} runs that optimizer one bracket at a time, see
 * {@link OneBracketAtATime}), {@code --seeds N} (seeds
 * 0..N-1, default 32), {@code --workers N} (default 32), {@code --threads N} (seeds run side by
 * side; default: the processors; the results do not depend on it), {@code --costs 10,30,100,300} (full
 * evaluations at which regret is taken; the largest ends each run), {@code --charge finished|consumed}
 * (default {@code finished}: a cost is reached when the finished evaluations cost that much;
 * {@code consumed}: when the compute consumed, the running jobs' part included, does, see
 * {@link VirtualCluster#chargingRunning()}), {@code --compare-workers N} (also runs every optimizer
 * on {@code N} workers, same seeds and accounting, and prints its median regret over that run's,
 * with a bootstrap interval: many workers against one at equal cost).
 */
public final class AsyncSimulation {
    /** The optimizer the others are compared with in the relative table. */
    static final String REFERENCE = "bohb";
    static final List<String> DEFAULT_OPTIMIZERS = List.of("asha", "async-hyperband", "async-bohb", "hyperband", "bohb",
            "hyperband" + OneBracketAtATime.SUFFIX, "bohb" + OneBracketAtATime.SUFFIX);

    private AsyncSimulation() {
    }

    /** Runs the benchmark and prints its tables to standard output. */
    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: AsyncSimulation [--problems a,b] [--optimizers a,b] [--seeds N] [--workers N] [--threads N] [--costs c1,c2] [--charge finished|consumed] [--compare-workers N]");
            System.exit(2);
            return;
        }
        run(options, System.out);
    }

    static void run(Options options, PrintStream out) {
        out.printf(Locale.ROOT, "Simulated study: %d workers, job time = budget/b_max x speed factor in [1, %.0f), "
                + "%d seeds, costs %s full evaluations (%s)%n%n", options.workers, SpeedFactors.SPREAD, options.seeds,
                Arrays.toString(options.costs), options.chargeConsumed
                        ? "compute consumed, running jobs included" : "finished evaluations");
        for (String problemName : options.problems) {
            BenchmarkProblem problem = Problems.byName(problemName);
            Map<String, List<SimulationRun>> byOptimizer = new LinkedHashMap<>();
            for (String name : options.optimizers) {
                byOptimizer.put(name, runSeeds(problem, name, options));
            }
            printTable(problem, byOptimizer, options, out);
            if (byOptimizer.containsKey(REFERENCE)) {
                printRelative(problem, byOptimizer, options, out);
            }
            if (options.compareWorkers > 0) {
                printOverFewerWorkers(problem, byOptimizer, options, out);
            }
        }
    }

    /** One run per seed, spread over {@code options.threads} threads; each run depends on its seed only. */
    private static List<SimulationRun> runSeeds(BenchmarkProblem problem, String name, Options options) {
        ExecutorService pool = Executors.newFixedThreadPool(options.threads);
        try {
            List<Future<SimulationRun>> futures = new ArrayList<>();
            for (long seed = 0; seed < options.seeds; seed++) {
                long s = seed;
                futures.add(pool.submit(() -> {
                    Fidelity fidelity = new Fidelity(problem.minBudget(), problem.maxBudget());
                    VirtualCluster cluster = new VirtualCluster(problem, options.workers, options.costs);
                    return (options.chargeConsumed ? cluster.chargingRunning() : cluster).run(name,
                            create(name, problem, fidelity, s), s);
                }));
            }
            List<SimulationRun> runs = new ArrayList<>();
            for (Future<SimulationRun> f : futures) {
                runs.add(f.get());
            }
            return runs;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Each optimizer's median regret divided by {@value #REFERENCE}'s, with a 95% percentile
     * bootstrap interval (seeds resampled with replacement, each optimizer on its own, from a fixed
     * seed): an interval that contains 1 means the seeds cannot tell the two medians apart.
     */
    private static void printRelative(BenchmarkProblem problem, Map<String, List<SimulationRun>> byOptimizer,
                                      Options options, PrintStream out) {
        out.println("Median regret relative to " + REFERENCE + " on " + problem.name() + " [95% bootstrap interval]:");
        out.println();
        printHeader(out, "| optimizer |", 1, "@%s", options.costs);
        for (Map.Entry<String, List<SimulationRun>> e : byOptimizer.entrySet()) {
            if (e.getKey().equals(REFERENCE)) {
                continue;
            }
            StringBuilder row = new StringBuilder("| " + e.getKey() + " |");
            for (int i = 0; i < options.costs.length; i++) {
                row.append(ratioCell(regrets(e.getValue(), i), regrets(byOptimizer.get(REFERENCE), i), i,
                        " %.2f [%.2f, %.2f] |"));
            }
            out.println(row);
        }
        out.println();
        out.flush();
    }

    /**
     * Each optimizer's median regret over its own median on {@code options.compareWorkers} workers
     * (same seeds, same accounting), with the 95% percentile bootstrap interval of
     * {@link #printRelative}; "tie" where both medians are 0.
     */
    private static void printOverFewerWorkers(BenchmarkProblem problem, Map<String, List<SimulationRun>> byOptimizer,
                                              Options options, PrintStream out) {
        Options fewer = options.withWorkers(options.compareWorkers);
        out.println("Median regret on " + options.workers + " workers over " + options.compareWorkers + " on "
                + problem.name() + " [95% bootstrap interval]:");
        out.println();
        printHeader(out, "| optimizer | median on " + options.compareWorkers + " worker(s) @" + Arrays.stream(options.costs)
                .mapToObj(AsyncSimulation::fmt).reduce((a, b) -> a + " / " + b).orElse("") + " |", 2, "@%s",
                options.costs);
        for (Map.Entry<String, List<SimulationRun>> e : byOptimizer.entrySet()) {
            List<SimulationRun> reference = runSeeds(problem, e.getKey(), fewer);
            StringBuilder row = new StringBuilder("| " + e.getKey() + " |");
            for (int i = 0; i < options.costs.length; i++) {
                row.append(String.format(Locale.ROOT, "%s %.3g", i == 0 ? "" : " /",
                        MedianRatio.quantile(regrets(reference, i), 0.5)));
            }
            row.append(" |");
            for (int i = 0; i < options.costs.length; i++) {
                double[] a = regrets(e.getValue(), i);
                double[] b = regrets(reference, i);
                if (MedianRatio.quantile(a, 0.5) == 0 && MedianRatio.quantile(b, 0.5) == 0) {
                    row.append(" tie (0) |");
                    continue;
                }
                row.append(ratioCell(a, b, i, " %.3g [%.3g, %.3g] |"));
            }
            out.println(row);
        }
        out.println();
        out.flush();
    }

    /** The median ratio of {@code a} over {@code b} and its bootstrap interval (resampled with seed {@code i}), in {@code format}. */
    private static String ratioCell(double[] a, double[] b, int i, String format) {
        double[] interval = MedianRatio.bootstrapInterval(a, b, MedianRatio.RESAMPLES, MedianRatio.LEVEL,
                new SplittableRandom(i));
        return String.format(Locale.ROOT, format, MedianRatio.of(a, b), interval[0], interval[1]);
    }

    private static double[] regrets(List<SimulationRun> runs, int costIndex) {
        return runs.stream().mapToDouble(r -> r.regrets().get(costIndex)).toArray();
    }

    /** The registered optimizer {@code name}, wrapped in {@link OneBracketAtATime} when it ends in its suffix. */
    static Optimizer create(String name, BenchmarkProblem problem, Fidelity fidelity, long seed) {
        if (name.endsWith(OneBracketAtATime.SUFFIX)) {
            String base = name.substring(0, name.length() - OneBracketAtATime.SUFFIX.length());
            return new OneBracketAtATime(Optimizers.create(base, problem.space(), fidelity, seed));
        }
        return Optimizers.create(name, problem.space(), fidelity, seed);
    }

    private static void printTable(BenchmarkProblem problem, Map<String, List<SimulationRun>> byOptimizer,
                                   Options options, PrintStream out) {
        out.println("### " + problem.name());
        out.println();
        printHeader(out, "| optimizer | utilisation median (min) | with drain | time to spend "
                + fmt(options.costs[options.costs.length - 1]) + " |", 4, "regret @%s median [q1, q3]", options.costs);
        for (Map.Entry<String, List<SimulationRun>> e : byOptimizer.entrySet()) {
            List<SimulationRun> runs = e.getValue();
            double[] util = runs.stream().mapToDouble(SimulationRun::utilisation).toArray();
            double[] drained = runs.stream().mapToDouble(SimulationRun::utilisationWithDrain).toArray();
            double[] end = runs.stream().mapToDouble(SimulationRun::endTime).toArray();
            StringBuilder row = new StringBuilder("| " + e.getKey() + " | ");
            row.append(String.format(Locale.ROOT, "%.1f%% (%.1f%%) | %.1f%% | %.1f |", 100 * MedianRatio.quantile(util, 0.5),
                    100 * Arrays.stream(util).min().orElse(Double.NaN), 100 * MedianRatio.quantile(drained, 0.5), MedianRatio.quantile(end, 0.5)));
            for (int i = 0; i < options.costs.length; i++) {
                int at = i;
                double[] regret = runs.stream().mapToDouble(r -> r.regrets().get(at)).toArray();
                row.append(String.format(Locale.ROOT, " %.4g [%.4g, %.4g] |", MedianRatio.quantile(regret, 0.5),
                        MedianRatio.quantile(regret, 0.25), MedianRatio.quantile(regret, 0.75)));
            }
            out.println(row);
        }
        out.println();
        out.flush();
    }

    /** A Markdown header: {@code leading} ({@code leadingColumns} columns), then one column per cost. */
    private static void printHeader(PrintStream out, String leading, int leadingColumns, String costColumn, double[] costs) {
        StringBuilder header = new StringBuilder(leading);
        StringBuilder rule = new StringBuilder("|" + "---|".repeat(leadingColumns));
        for (double c : costs) {
            header.append(' ').append(String.format(Locale.ROOT, costColumn, fmt(c))).append(" |");
            rule.append("---|");
        }
        out.println(header);
        out.println(rule);
    }

    private static String fmt(double c) {
        return c == Math.rint(c) ? String.valueOf((long) c) : String.valueOf(c);
    }

    /** The command line, checked. */
    static final class Options {
        List<String> problems = Problems.names();
        List<String> optimizers = DEFAULT_OPTIMIZERS;
        int seeds = 32;
        int workers = 32;
        int threads = Runtime.getRuntime().availableProcessors();
        double[] costs = {10, 30, 100, 300};
        boolean chargeConsumed;
        int compareWorkers;

        /** These options with {@code n} workers and nothing to compare with. */
        Options withWorkers(int n) {
            Options o = new Options();
            o.problems = problems;
            o.optimizers = optimizers;
            o.seeds = seeds;
            o.workers = n;
            o.threads = threads;
            o.costs = costs;
            o.chargeConsumed = chargeConsumed;
            return o;
        }

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String key = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + key + " needs a value");
                }
                String value = args[++i];
                switch (key) {
                    case "--problems" -> {
                        o.problems = Arrays.stream(value.split(",")).flatMap(p -> Problems.expand(p).stream())
                                .distinct().toList();
                    }
                    case "--optimizers" -> {
                        o.optimizers = List.of(value.split(","));
                        for (String name : o.optimizers) {
                            String base = name.endsWith(OneBracketAtATime.SUFFIX)
                                    ? name.substring(0, name.length() - OneBracketAtATime.SUFFIX.length()) : name;
                            if (!Optimizers.names().contains(base)) {
                                throw new IllegalArgumentException("--optimizers: unknown optimizer '" + name
                                        + "'; known: " + String.join(", ", Optimizers.names()));
                            }
                        }
                    }
                    case "--seeds" -> o.seeds = positive(key, value);
                    case "--workers" -> o.workers = positive(key, value);
                    case "--compare-workers" -> o.compareWorkers = positive(key, value);
                    case "--threads" -> o.threads = positive(key, value);
                    case "--charge" -> o.chargeConsumed = switch (value) {
                        case "finished" -> false;
                        case "consumed" -> true;
                        default -> throw new IllegalArgumentException("--charge: expected finished or consumed, got '"
                                + value + "'");
                    };
                    case "--costs" -> o.costs = Arrays.stream(value.split(",")).mapToDouble(c -> positiveCost(key, c)).sorted().toArray();
                    default -> throw new IllegalArgumentException("unknown option '" + key
                            + "'; known: --problems, --optimizers, --seeds, --workers, --threads, --costs, --charge, --compare-workers");
                }
            }
            return o;
        }

        private static int positive(String key, String value) {
            try {
                int n = Integer.parseInt(value.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(key + ": expected a positive whole number, got '" + value + "'");
        }

        private static double positiveCost(String key, String value) {
            try {
                double c = Double.parseDouble(value.trim());
                if (c > 0 && Double.isFinite(c)) {
                    return c;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(key + ": expected positive numbers separated by commas, got '" + value + "'");
        }
    }
}
