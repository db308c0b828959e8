package org.hpo4j.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hpo4j.optimizer.registry.Optimizers;

/**
 * The runner's command line.
 *
 * @param problems problem names, in the order given
 * @param optimizers optimizer names as {@link Optimizers} registers them
 * @param seeds number of seeds, run as 0 .. seeds - 1
 * @param maxCost cost (in full evaluations) at which each run stops
 * @param checkpoints ascending costs at which regret is reported, each at most {@code maxCost}
 * @param json where to write the JSON summary, {@code null} for none
 * @param threads number of seeds run in parallel
 * @param csv where to write every seed's regret at every checkpoint, {@code null} for none
 * @param compare the optimizer whose median regret the summary table divides by the others' and the
 *     best peer's, {@code null} for no summary table
 */
public record RunnerOptions(List<String> problems, List<String> optimizers, int seeds, double maxCost,
                            double[] checkpoints, Path json, int threads, Path csv, String compare) {

    /** The reporting costs of the module README. */
    public static final double[] DEFAULT_CHECKPOINTS = {10, 30, 100, 300};

    /** How to call the runner. */
    public static final String USAGE = String.join("\n",
            "usage: java -jar hpo4j-benchmarks.jar [options]",
            "  --problems all|GROUP|NAME[,...] problems (default all: " + String.join(", ", Problems.names()) + ";",
            "                                  groups problems-md, lcbench, misleading; lcbench-<task> for any LCBench task;",
            "                                  multi-objective: zdt1-mf, lcbench-mo-<task>, measured by hypervolume)",
            "  --optimizers NAME[,NAME...]     optimizers (default random; known: " + String.join(", ", Optimizers.names()) + ")",
            "  --seeds N                       seeds 0..N-1 (default 32)",
            "  --max-cost C                    stop each run at C full evaluations (default 300)",
            "  --costs C1,C2,...               report regret at these costs (default the ones of 10,30,100,300 up to --max-cost)",
            "  --threads N                     run seeds in parallel on N threads (default 1)",
            "  --json FILE                     also write the summary as JSON",
            "  --csv FILE                      also write each seed's regret (problem,optimizer,seed,cost,regret,test_score",
            "                                  and hypervolume for problems of several objectives)",
            "  --compare NAME                  also print NAME's median regret over each other optimizer's and the best peer's",
            "                                  (peers.csv), with 95% seed-bootstrap intervals (several objectives: median",
            "                                  hypervolume over the others'); NAME must be one of --optimizers");

    /**
     * Parses the command line.
     *
     * @throws IllegalArgumentException naming the option at fault
     */
    public static RunnerOptions parse(String... args) {
        List<String> problems = Problems.names();
        List<String> optimizers = List.of("random");
        int seeds = 32;
        double maxCost = 300;
        double[] checkpoints = null;
        Path json = null;
        Path csv = null;
        int threads = 1;
        String compare = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--problems":
                    problems = new ArrayList<>();
                    for (String entry : names(option, value)) {
                        for (String name : Problems.expand(entry)) {
                            if (!problems.contains(name)) {
                                problems.add(name);
                            }
                        }
                    }
                    break;
                case "--optimizers":
                    optimizers = names(option, value);
                    for (String o : optimizers) {
                        if (!Optimizers.names().contains(o)) {
                            throw new IllegalArgumentException("--optimizers: unknown optimizer '" + o + "'; known: "
                                    + String.join(", ", Optimizers.names()));
                        }
                    }
                    break;
                case "--seeds":
                    seeds = positiveInt(option, value);
                    break;
                case "--threads":
                    threads = positiveInt(option, value);
                    break;
                case "--max-cost":
                    maxCost = positiveDouble(option, value);
                    break;
                case "--costs":
                    checkpoints = names(option, value).stream().mapToDouble(v -> positiveDouble(option, v)).toArray();
                    break;
                case "--json":
                    json = Path.of(value);
                    break;
                case "--csv":
                    csv = Path.of(value);
                    break;
                case "--compare":
                    compare = value.trim();
                    break;
                default:
                    throw new IllegalArgumentException("unknown option '" + option + "'\n" + USAGE);
            }
        }
        if (checkpoints == null) {
            double limit = maxCost;
            checkpoints = Arrays.stream(DEFAULT_CHECKPOINTS).filter(c -> c <= limit).toArray();
            if (checkpoints.length == 0) {
                checkpoints = new double[] {maxCost};
            }
        }
        for (int k = 0; k < checkpoints.length; k++) {
            if (checkpoints[k] > maxCost) {
                throw new IllegalArgumentException("--costs: " + format(checkpoints[k]) + " is beyond --max-cost " + format(maxCost));
            }
            if (k > 0 && checkpoints[k] <= checkpoints[k - 1]) {
                throw new IllegalArgumentException("--costs must be ascending, got " + Arrays.toString(checkpoints));
            }
        }
        if (compare != null && !optimizers.contains(compare)) {
            throw new IllegalArgumentException("--compare: '" + compare + "' is not one of --optimizers "
                    + String.join(",", optimizers));
        }
        return new RunnerOptions(List.copyOf(problems), List.copyOf(optimizers), seeds, maxCost, checkpoints, json, threads,
                csv, compare);
    }

    /** A cost as the JSON keys and the table spell it: {@code 10}, not {@code 10.0}. */
    public static String format(double cost) {
        return cost == Math.rint(cost) && Math.abs(cost) < 1e15 ? Long.toString((long) cost) : Double.toString(cost);
    }

    private static List<String> names(String option, String value) {
        List<String> names = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                names.add(part.trim());
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException(option + ": empty list '" + value + "'");
        }
        return names;
    }

    private static int positiveInt(String option, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + ": expected a positive whole number, got '" + value + "'");
    }

    private static double positiveDouble(String option, String value) {
        try {
            double d = Double.parseDouble(value.trim());
            if (d > 0 && !Double.isInfinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + ": expected a positive number, got '" + value + "'");
    }
}
