package org.hpo4j.benchmarks;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The summary table of {@code --compare NAME}: on every problem and cost, the median regret of
 * {@code NAME} divided by the best peer's (PEERS.md; median only) and by each other optimizer's of
 * the run, with the seed-bootstrap interval of {@link MedianRatio}. A ratio below 1 means
 * {@code NAME} is better.
 */
public final class Comparison {
    private Comparison() {
    }

    /**
     * Prints the table as Markdown.
     *
     * @param focus the optimizer compared with the others; one of the cells' optimizers
     */
    public static void print(String focus, List<CellSummary> cells, PeerFigures peers, PrintStream out) {
        List<String> others = cells.stream().map(CellSummary::optimizer).distinct().filter(o -> !o.equals(focus)).toList();
        List<String> problems = cells.stream().map(CellSummary::problem).distinct().toList();
        out.println();
        out.println("Median regret of " + focus + " divided by the others' (below 1: " + focus + " is better); ["
                + Math.round(MedianRatio.LEVEL * 100) + "% bootstrap interval, " + MedianRatio.RESAMPLES
                + " resamples of the seeds]; the best peer's figure is its PEERS.md median (no interval)");
        out.println();
        StringBuilder header = new StringBuilder("| problem | cost | " + focus + " median | best peer | vs best peer |");
        StringBuilder rule = new StringBuilder("|---|---|---|---|---|");
        for (String o : others) {
            header.append(" vs ").append(o).append(" |");
            rule.append("---|");
        }
        out.println(header);
        out.println(rule);
        for (String problem : problems) {
            CellSummary mine = cell(cells, problem, focus);
            for (int k = 0; k < mine.checkpoints().length; k++) {
                double cost = mine.checkpoints()[k];
                double[] a = column(mine, k);
                double median = MedianRatio.quantile(a, 0.5);
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %.3g |", problem,
                        RunnerOptions.format(cost), median));
                Optional<PeerFigures.PeerMedian> best = peers.best(problem, cost);
                if (best.isPresent()) {
                    row.append(String.format(Locale.ROOT, " %s %.3g | %s |", best.get().peer(), best.get().median(),
                            ratio(median / best.get().median())));
                } else {
                    row.append(" - | - |");
                }
                for (String o : others) {
                    double[] b = column(cell(cells, problem, o), k);
                    double[] interval = MedianRatio.bootstrapInterval(a, b, MedianRatio.RESAMPLES, MedianRatio.LEVEL,
                            new SplittableRandom(k));
                    row.append(' ').append(ratio(MedianRatio.of(a, b))).append(" [").append(ratio(interval[0]))
                            .append(", ").append(ratio(interval[1])).append("] |");
                }
                out.println(row);
            }
        }
        out.flush();
    }

    private static CellSummary cell(List<CellSummary> cells, String problem, String optimizer) {
        return cells.stream().filter(c -> c.problem().equals(problem) && c.optimizer().equals(optimizer)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no run of " + optimizer + " on " + problem));
    }

    private static double[] column(CellSummary cell, int checkpoint) {
        double[] v = new double[cell.seedRegrets().length];
        for (int s = 0; s < v.length; s++) {
            v[s] = cell.seedRegrets()[s][checkpoint];
        }
        return v;
    }

    /** Two significant digits (whole numbers from 100 on); {@code n/a} where a median is 0. */
    private static String ratio(double r) {
        if (!Double.isFinite(r)) {
            return "n/a";
        }
        return Math.abs(r) >= 100 ? String.format(Locale.ROOT, "%.0f", r) : String.format(Locale.ROOT, "%.2g", r);
    }
}
