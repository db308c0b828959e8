package org.hpo4j.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.hpo4j.benchmarks.multiobjective.FrontRun;
import org.hpo4j.benchmarks.multiobjective.FrontSummary;
import org.hpo4j.benchmarks.multiobjective.FrontTables;
import org.hpo4j.benchmarks.multiobjective.MultiObjectiveProblem;

/**
 * Measures optimizers on the benchmark problems (the four formula problems, LCBench, misleading budgets): regret of the incumbent at fixed costs over
 * seeds, and the time the optimizer itself spends in {@code ask()} + {@code tell()}. On problems of
 * several objectives ({@code --problems multi-objective}) it measures the hypervolume of the
 * incumbent front instead ({@link FrontRun}).
 *
 * <pre>java -jar samples/benchmarks/target/hpo4j-benchmarks.jar --problems all
 *     --optimizers random,hyperband,bohb --seeds 32 --max-cost 300 --json FILE --compare bohb</pre>
 */
public final class BenchmarkRunner {
    private BenchmarkRunner() {
    }

    /** Runs the benchmark; exit code 2 for a bad command line, 1 for a failed run. */
    public static void main(String[] args) {
        RunnerOptions options;
        try {
            options = RunnerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            long start = System.nanoTime();
            List<CellSummary> cells = run(options, System.err);
            List<FrontSummary> fronts = runFronts(options, System.err);
            double seconds = (System.nanoTime() - start) / 1e9;
            printTable(options, cells, seconds, System.out);
            FrontTables.print(fronts, System.out);
            if (options.compare() != null) {
                if (!cells.isEmpty()) {
                    Comparison.print(options.compare(), cells, PeerFigures.load(), System.out);
                }
                if (!fronts.isEmpty()) {
                    FrontTables.compare(options.compare(), fronts, System.out);
                }
            }
            if (options.json() != null) {
                writeJson(cells, fronts, options.json());
                System.out.println("JSON written to " + options.json());
            }
            if (options.csv() != null) {
                writeCsv(cells, fronts, options.csv());
                System.out.println("per-seed figures written to " + options.csv());
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("benchmark failed: " + e.getMessage());
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    /**
     * Runs every problem of one objective x optimizer x seed of {@code options}; seeds run in parallel on
     * {@code options.threads()} threads. Progress goes to {@code progress}.
     */
    public static List<CellSummary> run(RunnerOptions options, PrintStream progress) {
        return runCells(options, progress, false, Problems::byName, (problemName, problem, optimizer, pool) -> CellSummary.of(
                problemName, optimizer, options.checkpoints(), runSeeds(seed -> SeedRun.run(problem, optimizer, seed,
                        options.maxCost(), options.checkpoints()), problem.name(), optimizer, options, pool)));
    }

    /**
     * Runs every problem of several objectives x optimizer x seed of {@code options} (the others
     * are {@link #run}'s): the hypervolume of the incumbent front at each checkpoint.
     *
     * @throws IllegalArgumentException for an optimizer that ranks by one value
     */
    public static List<FrontSummary> runFronts(RunnerOptions options, PrintStream progress) {
        return runCells(options, progress, true, Problems::multiObjective, (problemName, problem, optimizer, pool) -> FrontSummary.of(
                problemName, optimizer, options.checkpoints(), runSeeds(seed -> FrontRun.run(problem, optimizer, seed,
                        options.maxCost(), options.checkpoints()), problem.name(), optimizer, options, pool)));
    }

    /** What the runner says of a finished cell (one problem x optimizer over every seed). */
    public interface Cell {
        /** Number of seeds. */
        int seeds();

        /** Mean number of evaluations per seed. */
        double meanEvaluations();
    }

    /** Runs every seed of one optimizer on one problem. */
    private interface CellRun<P, C> {
        C run(String problemName, P problem, String optimizer, ExecutorService pool);
    }

    /**
     * Runs {@code cellRun} for every problem of {@code options} with (or without) several objectives
     * x every optimizer, each problem looked up once, and prints a progress line per cell.
     */
    private static <P, C extends Cell> List<C> runCells(RunnerOptions options, PrintStream progress,
                                                        boolean severalObjectives, Function<String, P> problems,
                                                        CellRun<P, C> cellRun) {
        ExecutorService pool = options.threads() > 1 ? Executors.newFixedThreadPool(options.threads()) : null;
        try {
            List<C> cells = new ArrayList<>();
            for (String problemName : options.problems()) {
                if (Problems.isMultiObjective(problemName) != severalObjectives) {
                    continue;
                }
                P problem = problems.apply(problemName);
                for (String optimizer : options.optimizers()) {
                    long start = System.nanoTime();
                    C cell = cellRun.run(problemName, problem, optimizer, pool);
                    cells.add(cell);
                    progress.printf(Locale.ROOT, "%s / %s: %d seeds, %.0f evaluations per seed, %.1f s%n", problemName,
                            optimizer, cell.seeds(), cell.meanEvaluations(), (System.nanoTime() - start) / 1e9);
                }
            }
            return cells;
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** Runs {@code seedRun} for seeds 0 .. seeds - 1, on {@code pool} when there is one, in seed order. */
    private static <T> List<T> runSeeds(LongFunction<T> seedRun, String problem, String optimizer, RunnerOptions options,
                                        ExecutorService pool) {
        List<T> outcomes = new ArrayList<>();
        if (pool == null) {
            for (int seed = 0; seed < options.seeds(); seed++) {
                outcomes.add(seedRun.apply(seed));
            }
            return outcomes;
        }
        List<Future<T>> futures = new ArrayList<>();
        for (int seed = 0; seed < options.seeds(); seed++) {
            long s = seed;
            futures.add(pool.submit(() -> seedRun.apply(s)));
        }
        for (Future<T> f : futures) {
            try {
                outcomes.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + optimizer + " on " + problem, e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(optimizer + " on " + problem + " failed: " + cause, cause);
            }
        }
        return outcomes;
    }

    /** Prints one table per problem: regret quartiles at each checkpoint and the overhead. */
    public static void printTable(RunnerOptions options, List<CellSummary> cells, double seconds, PrintStream out) {
        out.printf(Locale.ROOT, "hpo4j benchmarks: %d seeds (0..%d), max cost %s full evaluations, %d thread(s), %.1f s%n",
                options.seeds(), options.seeds() - 1, RunnerOptions.format(options.maxCost()), options.threads(), seconds);
        out.println("cost: restart semantics, every evaluation costs b / b_max (also a promoted configuration)");
        if (cells.isEmpty()) {
            return;
        }
        out.println("incumbent: best observed value among evaluations at the highest budget reached so far;"
                + " regret = its true value - optimum, taken when the cumulative cost first reaches the column's cost");
        out.println("cells: median [q25, q75] of regret over seeds; overhead: time inside ask()+tell() per evaluation");
        out.println("test score (LCBench): the incumbent's test_balanced_accuracy at epoch 52, median [q25, q75]");
        int width = 14;
        for (CellSummary cell : cells) {
            width = Math.max(width, Math.max(cell.problem().length(), cell.optimizer().length()));
        }
        String nameColumn = "%-" + width + "s";
        String currentProblem = null;
        for (CellSummary cell : cells) {
            if (!cell.problem().equals(currentProblem)) {
                currentProblem = cell.problem();
                out.println();
                StringBuilder header = new StringBuilder(String.format(Locale.ROOT, nameColumn, currentProblem));
                for (double c : cell.checkpoints()) {
                    header.append(String.format(Locale.ROOT, " | %-26s", "cost " + RunnerOptions.format(c)));
                }
                header.append(" | overhead us mean / median | evals/seed");
                out.println(header);
            }
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, nameColumn, cell.optimizer()));
            for (Quartiles q : cell.regret()) {
                row.append(String.format(Locale.ROOT, " | %-26s",
                        String.format(Locale.ROOT, "%.4g [%.3g, %.3g]", q.median(), q.q25(), q.q75())));
            }
            row.append(String.format(Locale.ROOT, " | %10.1f / %-12.1f | %.0f", cell.meanOverheadMicros(),
                    cell.medianOverheadMicros(), cell.meanEvaluations()));
            out.println(row);
            if (cell.hasTestScore()) {
                StringBuilder scores = new StringBuilder(String.format(Locale.ROOT, nameColumn, "  test score"));
                for (Quartiles q : cell.testScore()) {
                    scores.append(String.format(Locale.ROOT, " | %-26s",
                            String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", q.median(), q.q25(), q.q75())));
                }
                out.println(scores);
            }
        }
    }

    /**
     * Writes {@code {"problem": {"optimizer": {"10": {"median": m, "q25": a, "q75": b}, ...,
     * "test_score": {"10": {...}, ...}, "overhead_us": mean, "overhead_median_us": median, "seeds": n}}}};
     * {@code test_score} (the incumbent's, LCBench only) is absent for problems without one.
     */
    public static void writeJson(List<CellSummary> cells, Path file) throws IOException {
        writeJson(cells, List.of(), file);
    }

    /**
     * Writes {@link #writeJson(List, Path)}'s object with the problems of several objectives as
     * further members ({@link FrontTables#jsonMembers}: {@code "hypervolume"} in place of the
     * costs).
     */
    public static void writeJson(List<CellSummary> cells, List<FrontSummary> fronts, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String json = toJson(cells);
        if (!fronts.isEmpty()) {
            String members = FrontTables.jsonMembers(fronts);
            String head = json.substring(0, json.lastIndexOf('}')).stripTrailing();
            json = head + (cells.isEmpty() ? "" : ",") + members + "\n}\n";
        }
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }

    /**
     * Writes one line {@code problem,optimizer,seed,cost,regret,test_score} per seed and checkpoint;
     * {@code test_score} is empty for problems without one.
     */
    public static void writeCsv(List<CellSummary> cells, Path file) throws IOException {
        writeCsv(cells, List.of(), file);
    }

    /**
     * Writes {@link #writeCsv(List, Path)}'s lines and, when there are problems of several
     * objectives, a seventh column {@code hypervolume}: their lines have it and leave {@code regret}
     * and {@code test_score} empty, the others leave it empty.
     */
    public static void writeCsv(List<CellSummary> cells, List<FrontSummary> fronts, Path file) throws IOException {
        boolean several = !fronts.isEmpty();
        StringBuilder csv = new StringBuilder("problem,optimizer,seed,cost,regret,test_score" + (several ? ",hypervolume" : "")
                + "\n");
        for (CellSummary cell : cells) {
            for (int seed = 0; seed < cell.seedRegrets().length; seed++) {
                for (int k = 0; k < cell.checkpoints().length; k++) {
                    csv.append(cell.problem()).append(',').append(cell.optimizer()).append(',').append(seed).append(',')
                            .append(RunnerOptions.format(cell.checkpoints()[k])).append(',')
                            .append(cell.seedRegrets()[seed][k]).append(',');
                    double score = cell.seedTestScores()[seed][k];
                    if (Double.isFinite(score)) {
                        csv.append(score);
                    }
                    csv.append(several ? ",\n" : "\n");
                }
            }
        }
        for (FrontSummary front : fronts) {
            for (int seed = 0; seed < front.seeds(); seed++) {
                for (int k = 0; k < front.checkpoints().length; k++) {
                    csv.append(front.problem()).append(',').append(front.optimizer()).append(',').append(seed).append(',')
                            .append(RunnerOptions.format(front.checkpoints()[k])).append(",,,")
                            .append(front.seedHypervolumes()[seed][k]).append('\n');
                }
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);
    }

    /** The JSON text of {@link #writeJson}. */
    public static String toJson(List<CellSummary> cells) {
        StringBuilder json = new StringBuilder("{");
        String currentProblem = null;
        for (CellSummary cell : cells) {
            if (!cell.problem().equals(currentProblem)) {
                if (currentProblem != null) {
                    json.append("\n  },");
                }
                currentProblem = cell.problem();
                json.append("\n  ").append(quote(currentProblem)).append(": {");
            } else {
                json.append(',');
            }
            json.append("\n    ").append(quote(cell.optimizer())).append(": {");
            for (int k = 0; k < cell.checkpoints().length; k++) {
                Quartiles q = cell.regret()[k];
                json.append("\n      ").append(quote(RunnerOptions.format(cell.checkpoints()[k])))
                        .append(": {\"median\": ").append(number(q.median()))
                        .append(", \"q25\": ").append(number(q.q25()))
                        .append(", \"q75\": ").append(number(q.q75())).append("},");
            }
            if (cell.hasTestScore()) {
                json.append("\n      \"test_score\": {");
                for (int k = 0; k < cell.checkpoints().length; k++) {
                    Quartiles q = cell.testScore()[k];
                    json.append(k == 0 ? "" : ",").append("\n        ").append(quote(RunnerOptions.format(cell.checkpoints()[k])))
                            .append(": {\"median\": ").append(number(q.median()))
                            .append(", \"q25\": ").append(number(q.q25()))
                            .append(", \"q75\": ").append(number(q.q75())).append("}");
                }
                json.append("\n      },");
            }
            json.append("\n      \"overhead_us\": ").append(number(cell.meanOverheadMicros()))
                    .append(",\n      \"overhead_median_us\": ").append(number(cell.medianOverheadMicros()))
                    .append(",\n      \"seeds\": ").append(cell.seeds())
                    .append("\n    }");
        }
        if (currentProblem != null) {
            json.append("\n  }");
        }
        return json.append("\n}\n").toString();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String number(double d) {
        // JSON has no NaN; a missing figure is null
        return Double.isFinite(d) ? Double.toString(d) : "null";
    }
}
