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
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
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
    /** Cost of this run's evaluations, and of those a resumed study had already. */
    private double cost;
    private double earlierCost;
    private int running;
    private int finishedHere;
    private Outlook outlook = new Outlook(0, false, 0);
    private Duration timeLimit;
    private boolean progressShown;
    /** In batch mode, a progress line after this many evaluations. */
    private static final int PROGRESS_EVERY = 10;

    ProgressPrinter(PrintStream out, boolean batch, Direction direction, String budgetName) {
        this.out = out;
        this.batch = batch;
        this.direction = direction;
        this.budgetName = budgetName;
    }

    void start(Plan plan, TuneRequest request) {
        started = Instant.now();
        outlook = Outlook.of(plan);
        timeLimit = plan.timeLimit();
        Fidelity s = plan.fidelity();
        List<String> stop = new ArrayList<>();
        int iterations = plan.brackets().map(HyperbandSettings::maxIterations).orElse(0);
        if (iterations > 0) {
            stop.add(iterations + " Hyperband iteration" + (iterations == 1 ? "" : "s") + " (every bracket once)");
        }
        if (plan.maxEvaluations() > 0) {
            stop.add(plan.maxEvaluations() + " evaluations");
        }
        if (request.maxCost() != null) {
            stop.add(String.format(Locale.ROOT, "cost %.4g", plan.maxCost()));
        }
        if (plan.timeLimit() != null) {
            stop.add(format(plan.timeLimit()));
        }
        String budget = budgetName == null ? "budget" : budgetName;
        out.printf(Locale.ROOT, "hpo4j: tuning %s (study %s, %s): optimizer %s, %s %s..%s, seed %d%n",
                plan.className(), plan.study(), direction.name().toLowerCase(Locale.ROOT), plan.optimizer(), budget,
                Tuner.number(s.minBudget()), Tuner.number(s.maxBudget()), plan.seed());
        if (plan.brackets().isPresent()) {
            double eta = plan.brackets().get().eta();
            out.printf(Locale.ROOT, "hpo4j:   eta %s is Hyperband's halving rate: each rung keeps the best 1/%s of its"
                    + " configurations and gives them %s times the %s%n", Tuner.number(eta), Tuner.number(eta),
                    Tuner.number(eta), budget);
        }
        out.printf(Locale.ROOT, "hpo4j:   stops after %s; plans %s evaluations%s%n",
                stop.isEmpty() ? "the optimizer's end" : String.join(" or ", stop), outlook.evaluationsText(),
                outlook.cost() > 0 ? String.format(Locale.ROOT, " costing %.4g full evaluations (one full evaluation ="
                        + " %s %s; promotions that continue from a checkpoint cost less)", outlook.cost(),
                        Tuner.number(s.maxBudget()), budget) : "");
    }

    @Override
    public void resumed(List<Evaluation> replayed) {
        for (Evaluation e : replayed) {
            finished.add(e);
            earlierCost += e.cost();
        }
        if (!replayed.isEmpty()) {
            out.printf(Locale.ROOT, "hpo4j: resumed the stored study: %d evaluations done, cost %.4g%n", replayed.size(),
                    earlierCost);
        }
    }

    @Override
    public void evaluationStarted(Job job) {
        running++;
    }

    @Override
    public void evaluationFinished(Evaluation e) {
        finished.add(e);
        finishedHere++;
        cost += e.cost();
        running = Math.max(0, running - 1);
        Optional<Evaluation> best = StudyResult.incumbent(finished, direction);
        Job job = e.job();
        String value = e.isFailure() ? "FAILED " + e.result().failure() : String.format(Locale.ROOT, "%.6g", e.value());
        // the incumbent is the best at the largest budget reached: name that budget, or the column seems to go up
        String bestText = best.map(b -> String.format(Locale.ROOT, "%.6g@%s", b.value(), Tuner.number(b.job().budget())))
                .orElse("-");
        if (batch) {
            out.printf(Locale.ROOT, "[%4d] %s %-5s %-11s value %s  best %s  %.1fs  %s%s%n", job.id(),
                    budgetName == null ? "budget" : budgetName, Tuner.number(job.budget()), job.configId(), value,
                    bestText, e.duration().toMillis() / 1000.0, job.configuration(),
                    // what the evaluation is charged: the increment when it continued from a checkpoint
                    e.continued() ? "  (continued from " + Tuner.number(e.continuedFrom()) + ")" : "");
            if (finished.size() % PROGRESS_EVERY == 0) {
                out.println("hpo4j: " + progress());
            }
        } else {
            out.print("\r  " + progress() + "   ");
            out.flush();
            progressShown = true;
        }
    }

    @Override
    public void warning(String message) {
        end();
        out.println("hpo4j: warning: " + message);
    }

    /**
     * Evaluations done of the expected total, cost spent of the planned cost, the best so far (at the
     * largest budget reached), the time spent and an estimate of the time left.
     */
    String progress() {
        Duration elapsed = Duration.between(started, Instant.now());
        Optional<Evaluation> best = StudyResult.incumbent(finished, direction);
        String bestText = best.map(b -> String.format(Locale.ROOT, "%.6g at %s %s", b.value(),
                budgetName == null ? "budget" : budgetName, Tuner.number(b.job().budget()))).orElse("-");
        StringBuilder b = new StringBuilder();
        b.append("evaluations ").append(finished.size());
        if (outlook.evaluations() > 0) {
            b.append('/').append(outlook.evaluationsText());
        }
        b.append(" | running ").append(running).append(" | best ").append(bestText);
        b.append(String.format(Locale.ROOT, " | cost %.2f", earlierCost + cost));
        if (outlook.cost() > 0) {
            b.append(String.format(Locale.ROOT, "/%.2f", outlook.cost()));
        }
        b.append(" | elapsed ").append(format(elapsed));
        timeLeft(elapsed).ifPresent(left -> b.append(" | left ~").append(format(left)));
        return b.toString();
    }

    /**
     * The time left: this run's pace (cost per second, else evaluations per second) applied to what
     * is still planned, whichever bound comes first; never beyond the time limit.
     */
    private Optional<Duration> timeLeft(Duration elapsed) {
        double seconds = elapsed.toMillis() / 1000.0;
        double left = Double.POSITIVE_INFINITY;
        if (outlook.cost() > 0 && cost > 0) {
            left = Math.min(left, Math.max(0, outlook.cost() - earlierCost - cost) * seconds / cost);
        }
        if (outlook.evaluations() > 0 && finishedHere > 0) {
            left = Math.min(left, Math.max(0, outlook.evaluations() - finished.size()) * seconds / finishedHere);
        }
        if (timeLimit != null) {
            left = Math.min(left, Math.max(0, timeLimit.toMillis() / 1000.0 - seconds));
        }
        return Double.isInfinite(left) ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(left * 1000)));
    }

    void end() {
        if (progressShown) {
            out.println();
            progressShown = false;
        }
    }

    void summary(TuneSummary s, Path baseDirectory) {
        out.printf(Locale.ROOT, "hpo4j: study %s %s: %d evaluations (%d failed), cost %.2f full evaluations, %s%n",
                s.study(), s.interrupted() ? "interrupted (the same command resumes it)" : "finished", s.evaluations(),
                s.failures(), s.cost(), format(s.elapsed()));
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
