package org.hpo4j.benchmarks;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleFunction;

/**
 * The table of {@code --compare NAME}, for regrets ({@link Comparison}) and hypervolumes
 * ({@code FrontTables}) alike: on every problem and cost, the median of {@code NAME}'s values over
 * seeds divided by each other optimizer's of the run, with the seed-bootstrap interval of
 * {@link MedianRatio}, as Markdown.
 */
public final class RatioTable {
    private RatioTable() {
    }

    /** The seeds' values of one optimizer on one problem at each checkpoint cost. */
    public interface Values {
        /** The problem's name. */
        String problem();

        /** The optimizer's name. */
        String optimizer();

        /** The checkpoint costs. */
        double[] checkpoints();

        /** Every seed's value at checkpoint {@code k}. */
        double[] atCheckpoint(int k);
    }

    /** Columns between {@code NAME}'s median and the ratios (the best peer of peers.csv, for regrets). */
    public interface Extra {
        /** The header cells, each ending in {@code " |"}. */
        String header();

        /** The rule cells, each {@code "---|"}. */
        String rule();

        /** The row's cells for {@code focus}'s median on {@code problem} at {@code cost}. */
        String cells(String problem, double cost, double median);
    }

    /**
     * Prints the table.
     *
     * @param heading the line above the table
     * @param medianFormat the format of {@code focus}'s median, e.g. {@code "%.3g"}
     * @param ratio how a ratio and its interval bounds are written
     * @param extra columns after the median; {@code null} for none
     */
    public static void print(String focus, List<? extends Values> cells, String heading, String medianFormat,
                             DoubleFunction<String> ratio, Extra extra, PrintStream out) {
        List<String> others = cells.stream().map(Values::optimizer).distinct().filter(o -> !o.equals(focus)).toList();
        List<String> problems = cells.stream().map(Values::problem).distinct().toList();
        out.println();
        out.println(heading);
        out.println();
        StringBuilder header = new StringBuilder("| problem | cost | " + focus + " median |"
                + (extra == null ? "" : extra.header()));
        StringBuilder rule = new StringBuilder("|---|---|---|" + (extra == null ? "" : extra.rule()));
        for (String o : others) {
            header.append(" vs ").append(o).append(" |");
            rule.append("---|");
        }
        out.println(header);
        out.println(rule);
        for (String problem : problems) {
            Values mine = cell(cells, problem, focus);
            for (int k = 0; k < mine.checkpoints().length; k++) {
                double cost = mine.checkpoints()[k];
                double[] a = mine.atCheckpoint(k);
                double median = MedianRatio.quantile(a, 0.5);
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | " + medianFormat + " |",
                        problem, RunnerOptions.format(cost), median));
                if (extra != null) {
                    row.append(extra.cells(problem, cost, median));
                }
                for (String o : others) {
                    double[] b = cell(cells, problem, o).atCheckpoint(k);
                    double[] interval = MedianRatio.bootstrapInterval(a, b, MedianRatio.RESAMPLES, MedianRatio.LEVEL,
                            new SplittableRandom(k));
                    row.append(' ').append(ratio.apply(MedianRatio.of(a, b))).append(" [").append(ratio.apply(interval[0]))
                            .append(", ").append(ratio.apply(interval[1])).append("] |");
                }
                out.println(row);
            }
        }
        out.flush();
    }

    /** The cell of {@code optimizer} on {@code problem}. */
    public static <T extends Values> T cell(List<T> cells, String problem, String optimizer) {
        return cells.stream().filter(c -> c.problem().equals(problem) && c.optimizer().equals(optimizer)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no run of " + optimizer + " on " + problem));
    }
}
