package org.hpo4j.tune;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hpo4j.annotations.Direction;
import org.hpo4j.optimizer.Job;

/**
 * The console of a tuning run: one line per finished evaluation in batch mode, else a live progress
 * line rewritten in place; then the summary table.
 */
final class ProgressPrinter {
    private final PrintStream out;
    private final boolean batch;
    private final Direction direction;
    private final String budgetName;
    private boolean progressShown;

    ProgressPrinter(PrintStream out, boolean batch, Direction direction, String budgetName) {
        this.out = out;
        this.batch = batch;
        this.direction = direction;
        this.budgetName = budgetName;
    }

    void start(Plan plan, TuneRequest request) {
        var s = plan.settings();
        StringBuilder stop = new StringBuilder();
        if (s.maxIterations() > 0) {
            stop.append(s.maxIterations()).append(" Hyperband iteration(s)");
        }
        if (plan.maxEvaluations() > 0) {
            stop.append(stop.isEmpty() ? "" : ", ").append(plan.maxEvaluations()).append(" evaluations");
        }
        if (plan.maxCost() > 0) {
            stop.append(stop.isEmpty() ? "" : ", ").append("cost ").append(Tuner.number(plan.maxCost()));
        }
        if (plan.timeLimit() != null) {
            stop.append(stop.isEmpty() ? "" : ", ").append(format(plan.timeLimit()));
        }
        out.printf(Locale.ROOT, "hpo4j: tuning %s (study %s, %s): optimizer %s, budget %s..%s%s, eta %s, seed %d, stop at %s%n",
                plan.className(), plan.study(), direction.name().toLowerCase(Locale.ROOT), plan.optimizer(),
                Tuner.number(s.minBudget()), Tuner.number(s.maxBudget()), budgetName == null ? "" : " " + budgetName,
                Tuner.number(s.eta()), s.seed(), stop.isEmpty() ? "the optimizer's end" : stop);
        if (request.parallelism() > 1 || request.storage() != null) {
            out.println("hpo4j: note: this build runs evaluations one at a time in this JVM; hpo.parallelism and"
                    + " hpo.storage are not used yet");
        }
    }

    void finished(Tuner.Evaluated e, Tuner.Evaluated best, int evaluations, double cost, Duration elapsed) {
        Job job = e.job();
        String value = e.result().isFailure() ? "FAILED " + e.result().failure()
                : String.format(Locale.ROOT, "%.6g", Tuner.userValue(e.result().value(), direction));
        String bestText = best == null ? "-" : String.format(Locale.ROOT, "%.6g", Tuner.userValue(best.result().value(), direction));
        if (batch) {
            out.printf(Locale.ROOT, "[%4d] %s %-6s %s value %s  best %s  %.1fs  %s%n", job.id(),
                    budgetName == null ? "budget" : budgetName, Tuner.number(job.budget()), job.configId(), value,
                    bestText, e.seconds(), e.job().configuration());
        } else {
            out.printf(Locale.ROOT, "\r  evaluations %d | running 1 | best %s | cost %s | elapsed %s   ", evaluations,
                    bestText, Tuner.number(cost), format(elapsed));
            out.flush();
            progressShown = true;
        }
    }

    void end() {
        if (progressShown) {
            out.println();
        }
    }

    void summary(TuneSummary s, Path baseDirectory) {
        out.printf(Locale.ROOT, "hpo4j: study %s finished: %d evaluations (%d failed), cost %s%s, %s%n", s.study(),
                s.evaluations(), s.failures(), Tuner.number(s.cost()), budgetName == null ? "" : " " + budgetName,
                format(s.elapsed()));
        if (s.best() == null) {
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"best", ""});
        rows.add(new String[] {"objective (" + direction.name().toLowerCase(Locale.ROOT) + ")",
                String.format(Locale.ROOT, "%.6g", s.value())});
        rows.add(new String[] {budgetName == null ? "budget" : "budget (" + budgetName + ")", Tuner.number(s.budget())});
        s.best().asMap().forEach((k, v) -> rows.add(new String[] {k, String.valueOf(v)}));
        out.print(Tuner.table(rows));
        if (s.output() != null) {
            Path shown = s.output().startsWith(baseDirectory) ? baseDirectory.relativize(s.output()) : s.output();
            out.println("hpo4j: wrote " + shown);
        }
    }

    private static String format(Duration d) {
        long seconds = d.toSeconds();
        return seconds >= 3600 ? String.format(Locale.ROOT, "%dh%02dm%02ds", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : seconds >= 60 ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60)
                : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
