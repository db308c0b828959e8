package org.hpo4j.benchmarks.multiobjective;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.hpo4j.benchmarks.MedianRatio;
import org.hpo4j.benchmarks.Quartiles;
import org.hpo4j.benchmarks.RatioTable;
import org.hpo4j.benchmarks.RunnerOptions;

/**
 * The runner's output for problems of several objectives: the hypervolume table, the
 * {@code --compare} ratios, and their part of the JSON summary.
 */
public final class FrontTables {
    private FrontTables() {
    }

    /** One table per problem: hypervolume quartiles at each checkpoint, front size and overhead. */
    public static void print(List<FrontSummary> cells, PrintStream out) {
        if (cells.isEmpty()) {
            return;
        }
        out.println();
        out.println("several objectives: incumbent front = non-dominated (observed objectives) among the evaluations"
                + " at the highest budget reached so far;");
        out.println("cells: median [q25, q75] over seeds of the normalised hypervolume of its true objectives at b_max"
                + " below (1, 1) (higher is better); front: median size at the last cost");
        int width = 14;
        for (FrontSummary cell : cells) {
            width = Math.max(width, Math.max(cell.problem().length(), cell.optimizer().length()));
        }
        String nameColumn = "%-" + width + "s";
        String currentProblem = null;
        for (FrontSummary cell : cells) {
            if (!cell.problem().equals(currentProblem)) {
                currentProblem = cell.problem();
                out.println();
                StringBuilder header = new StringBuilder(String.format(Locale.ROOT, nameColumn, currentProblem));
                for (double c : cell.checkpoints()) {
                    header.append(String.format(Locale.ROOT, " | %-24s", "cost " + RunnerOptions.format(c)));
                }
                header.append(" | front | overhead us mean / median | evals/seed");
                out.println(header);
            }
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, nameColumn, cell.optimizer()));
            for (Quartiles q : cell.hypervolume()) {
                row.append(String.format(Locale.ROOT, " | %-24s",
                        String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", q.median(), q.q25(), q.q75())));
            }
            row.append(String.format(Locale.ROOT, " | %5.0f | %10.1f / %-12.1f | %.0f",
                    cell.frontSize()[cell.frontSize().length - 1].median(), cell.meanOverheadMicros(),
                    cell.medianOverheadMicros(), cell.meanEvaluations()));
            out.println(row);
        }
        out.flush();
    }

    /**
     * The {@code --compare NAME} table as Markdown: on every problem and cost, NAME's median
     * hypervolume divided by each other optimizer's, with the seed-bootstrap interval of
     * {@link MedianRatio}. Above 1, NAME is better.
     */
    public static void compare(String focus, List<FrontSummary> cells, PrintStream out) {
        String heading = "Median hypervolume of " + focus + " divided by the others' (above 1: " + focus
                + " is better); [" + Math.round(MedianRatio.LEVEL * 100) + "% bootstrap interval, "
                + MedianRatio.RESAMPLES + " resamples of the seeds]";
        RatioTable.print(focus, cells, heading, "%.4f", FrontTables::ratio, null, out);
    }

    /**
     * The JSON members of these cells, {@code "problem": {"optimizer": {"hypervolume": {"10":
     * {"median": m, "q25": a, "q75": b}, ...}, "overhead_us": mean, "overhead_median_us": median,
     * "seeds": n}}}, each line indented by two spaces, without the enclosing braces.
     */
    public static String jsonMembers(List<FrontSummary> cells) {
        StringBuilder json = new StringBuilder();
        String currentProblem = null;
        for (FrontSummary cell : cells) {
            if (!cell.problem().equals(currentProblem)) {
                if (currentProblem != null) {
                    json.append("\n  },");
                }
                currentProblem = cell.problem();
                json.append("\n  \"").append(currentProblem).append("\": {");
            } else {
                json.append(',');
            }
            json.append("\n    \"").append(cell.optimizer()).append("\": {\n      \"hypervolume\": {");
            for (int k = 0; k < cell.checkpoints().length; k++) {
                Quartiles q = cell.hypervolume()[k];
                json.append(k == 0 ? "" : ",").append("\n        \"").append(RunnerOptions.format(cell.checkpoints()[k]))
                        .append("\": {\"median\": ").append(q.median()).append(", \"q25\": ").append(q.q25())
                        .append(", \"q75\": ").append(q.q75()).append('}');
            }
            json.append("\n      },\n      \"overhead_us\": ").append(finite(cell.meanOverheadMicros()))
                    .append(",\n      \"overhead_median_us\": ").append(finite(cell.medianOverheadMicros()))
                    .append(",\n      \"seeds\": ").append(cell.seeds()).append("\n    }");
        }
        if (currentProblem != null) {
            json.append("\n  }");
        }
        return json.toString();
    }

    private static String finite(double d) {
        return Double.isFinite(d) ? Double.toString(d) : "null";
    }

    private static String ratio(double r) {
        return Double.isFinite(r) ? String.format(Locale.ROOT, "%.3g", r) : "n/a";
    }
}
