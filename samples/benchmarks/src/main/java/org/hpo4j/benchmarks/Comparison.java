package org.hpo4j.benchmarks;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The summary table of {@code --compare NAME}: on every problem and cost, the median regret of
 * {@code NAME} divided by the best peer's (peers.csv; median only) and by each other optimizer's of
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
        String heading = "Median regret of " + focus + " divided by the others' (below 1: " + focus + " is better); ["
                + Math.round(MedianRatio.LEVEL * 100) + "% bootstrap interval, " + MedianRatio.RESAMPLES
                + " resamples of the seeds]; the best peer's figure is its median in peers.csv (no interval)";
        RatioTable.print(focus, cells, heading, "%.3g", Comparison::ratio, new RatioTable.Extra() {
            @Override
            public String header() {
                return " best peer | vs best peer |";
            }

            @Override
            public String rule() {
                return "---|---|";
            }

            @Override
            public String cells(String problem, double cost, double median) {
                Optional<PeerFigures.PeerMedian> best = peers.best(problem, cost);
                return best.isEmpty() ? " - | - |" : String.format(Locale.ROOT, " %s %.3g | %s |", best.get().peer(),
                        best.get().median(), ratio(median / best.get().median()));
            }
        }, out);
    }

    /** Two significant digits (whole numbers from 100 on); {@code n/a} where a median is 0. */
    private static String ratio(double r) {
        if (!Double.isFinite(r)) {
            return "n/a";
        }
        return Math.abs(r) >= 100 ? String.format(Locale.ROOT, "%.0f", r) : String.format(Locale.ROOT, "%.2g", r);
    }
}
