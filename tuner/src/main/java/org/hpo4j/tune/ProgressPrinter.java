package org.hpo4j.tune;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hpo4j.annotations.Direction;
import org.hpo4j.optimizer.Job;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.study.StudyListener;
import org.hpo4j.study.StudyResult;

/**
 * The console of a tuning run: one line per finished evaluation in batch mode, else a live progress
 * line rewritten in place; then the summary table.
 */
final class ProgressPrinter implements StudyListener {
    private final PrintStream out;
    private final boolean batch;
    private final Direction direction;
    private final String budgetName;
    private final List<Evaluation> finished = new ArrayList<>();
    private Instant started = Instant.now();
    private double cost;
    private boolean progressShown;

    ProgressPrinter(PrintStream out, boolean batch, Direction direction, String budgetName) {
        this.out = out;
        this.batch = batch;
        this.direction = direction;
        this.budgetName = budgetName;
    }

    void start(Plan plan, TuneRequest request) {
        started = Instant.now();
        var s = plan.settings();
        List<String> stop = new ArrayList<>();
        if (s.maxIterations() > 0) {
            stop.add(s.maxIterations() + " Hyperband iteration(s)");
        }
        if (plan.maxEvaluations() > 0) {
            stop.add(plan.maxEvaluations() + " evaluations");
        }
        if (plan.maxCost() > 0) {
            stop.add(String.format(Locale.ROOT, "cost %.4g", plan.maxCost()));
        }
        if (plan.timeLimit() != null) {
            stop.add(format(plan.timeLimit()));
        }
        out.printf(Locale.ROOT, "hpo4j: tuning %s (study %s, %s): optimizer %s, budget %s..%s%s, eta %s, seed %d, stop at %s%n",
                plan.className(), plan.study(), direction.name().toLowerCase(Locale.ROOT), plan.optimizer(),
                Tuner.number(s.minBudget()), Tuner.number(s.maxBudget()), budgetName == null ? "" : " " + budgetName,
                Tuner.number(s.eta()), s.seed(), stop.isEmpty() ? "the optimizer's end" : String.join(" or ", stop));
    }

    @Override
    public void evaluationFinished(Evaluation e) {
        finished.add(e);
        cost += e.cost();
        Optional<Evaluation> best = StudyResult.incumbent(finished, direction);
        Job job = e.job();
        String value = e.isFailure() ? "FAILED " + e.result().failure() : String.format(Locale.ROOT, "%.6g", e.value());
        String bestText = best.map(b -> String.format(Locale.ROOT, "%.6g", b.value())).orElse("-");
        if (batch) {
            out.printf(Locale.ROOT, "[%4d] %s %-5s %-11s value %s  best %s  %.1fs  %s%s%n", job.id(),
                    budgetName == null ? "budget" : budgetName, Tuner.number(job.budget()), job.configId(), value,
                    bestText, e.duration().toMillis() / 1000.0, job.configuration(),
                    // what the evaluation is charged: the increment when it continued from a checkpoint
                    e.continued() ? "  (continued from " + Tuner.number(e.continuedFrom()) + ")" : "");
        } else {
            out.printf(Locale.ROOT, "\r  evaluations %d | running 0 | best %s | cost %.2f | elapsed %s   ", finished.size(),
                    bestText, cost, format(Duration.between(started, Instant.now())));
            out.flush();
            progressShown = true;
        }
    }

    @Override
    public void warning(String message) {
        end();
        out.println("hpo4j: warning: " + message);
    }

    void end() {
        if (progressShown) {
            out.println();
            progressShown = false;
        }
    }

    void summary(TuneSummary s, Path baseDirectory) {
        out.printf(Locale.ROOT, "hpo4j: study %s finished: %d evaluations (%d failed), cost %.2f full evaluations, %s%n",
                s.study(), s.evaluations(), s.failures(), s.cost(), format(s.elapsed()));
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

    /** The Pareto front as a table: job, budget and every component, then where it was written. */
    void front(org.hpo4j.trial.Criteria criteria, List<org.hpo4j.objective.Evaluation> front, Path file) {
        out.println("hpo4j: Pareto front: " + front.size() + " feasible non-dominated evaluations");
        if (!front.isEmpty()) {
            List<String> names = new ArrayList<>(criteria.objectiveNames());
            criteria.constraints().forEach(c -> {
                if (!names.contains(c.name())) {
                    names.add(c.name());
                }
            });
            List<String[]> rows = new ArrayList<>();
            List<String> header = new ArrayList<>(List.of("job", "budget"));
            for (String n : names) {
                int o = criteria.objectiveNames().indexOf(n);
                header.add(o < 0 ? n : n + " (" + (criteria.objectives().get(o).direction() == Direction.MAXIMIZE ? "max" : "min") + ")");
            }
            rows.add(header.toArray(String[]::new));
            for (org.hpo4j.objective.Evaluation e : front) {
                List<String> row = new ArrayList<>(List.of(Integer.toString(e.job().id()), Tuner.number(e.job().budget())));
                for (String n : names) {
                    row.add(String.format(Locale.ROOT, "%.6g", org.hpo4j.study.Selection.component(e, criteria, n)));
                }
                rows.add(row.toArray(String[]::new));
            }
            out.print(Tuner.table(rows));
        }
        out.println("hpo4j: wrote " + file);
    }

    private static String format(Duration d) {
        long seconds = d.toSeconds();
        return seconds >= 3600 ? String.format(Locale.ROOT, "%dh%02dm%02ds", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : seconds >= 60 ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60)
                : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
