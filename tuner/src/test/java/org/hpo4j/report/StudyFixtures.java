package org.hpo4j.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hpo4j.annotations.Direction;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.optimizer.registry.Optimizers;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Condition;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;

/** Studies made up for the tests: a Hyperband run with a failure, hostile strings and a running job. */
final class StudyFixtures {
    static final String HOSTILE_CHOICE = "<script>alert(1)</script>";
    static final String HOSTILE_FAILURE = "java.lang.IllegalStateException: bad \"quote\", comma\nsecond line\r\n"
            + "</script><script>alert(2)</script> & \u2028 'single'";
    static final String HOSTILE_NAME = "</script><script>alert(1)</script>";

    private StudyFixtures() {
    }

    static SearchSpace space() {
        return SearchSpace.builder()
                .add(FloatParameter.logUniform("learningRate", 1e-4, 1))
                .add(new IntParameter("hidden", 16, 512, true, null, List.of()))
                .add(CategoricalParameter.of("optimizer", List.of("sgd", "momentum", HOSTILE_CHOICE)))
                .add(FloatParameter.uniform("momentum", 0.5, 0.99)
                        .when(Condition.equalTo("optimizer", "momentum")))
                .add(FloatParameter.uniform("dropout", 0, 0.5))
                .budget("epochs", 1, 27, true)
                .build();
    }

    /** The made-up objective: learning rate matters most, then the optimizer; dropout is noise. */
    static double objective(Configuration c, double budget, SplittableRandom noise) {
        double lr = Math.log10(c.getDouble("learningRate"));
        double v = (lr + 2) * (lr + 2) * 0.5;
        v += c.getString("optimizer").equals("sgd") ? 0.4 : 0;
        v += 0.3 / Math.sqrt(c.getLong("hidden"));
        v += 1.0 / budget;
        return v + 0.02 * noise.nextDouble();
    }

    /**
     * One iteration of the real Hyperband (eta 3, budgets 1..27: brackets 3, 2, 1, 0), evaluations
     * one after the other. Job 5 fails with {@link #HOSTILE_FAILURE}; the first job of the next
     * iteration is left running and the second pending.
     */
    static ReportData hyperband(String name, long seed) {
        SearchSpace space = space();
        Optimizer optimizer = Optimizers.create("hyperband", space, new Fidelity(1, 27), seed);
        SplittableRandom noise = new SplittableRandom(seed);
        List<ReportRow> rows = new ArrayList<>();
        Instant clock = Instant.parse("2026-11-27T10:00:00Z");
        while (true) {
            Job job = optimizer.ask().jobToRun().orElseThrow(() -> new AssertionError("sequential Hyperband never waits"));
            if (job.configId().iteration() > 0) {
                rows.add(ReportRow.running(job, clock));
                rows.add(ReportRow.pending(optimizer.ask().jobToRun().orElseThrow()));
                break;
            }
            Instant start = clock;
            clock = clock.plus(Duration.ofMillis((long) (job.budget() * 100)));
            double cost = job.budget() - job.previousBudget();
            if (job.id() == 5) {
                optimizer.tell(job, Result.failed(HOSTILE_FAILURE));
                rows.add(ReportRow.failed(job, HOSTILE_FAILURE, start, clock, cost));
            } else {
                // one value per epoch, continuing from the rung it was promoted from
                List<IntermediateValue> curve = new ArrayList<>();
                for (int epoch = (int) job.previousBudget() + 1; epoch <= job.budget(); epoch++) {
                    curve.add(new IntermediateValue(epoch, objective(job.configuration(), epoch, noise)));
                }
                double value = curve.get(curve.size() - 1).value();
                optimizer.tell(job, Result.of(value));
                rows.add(ReportRow.finished(job, value, start, clock, cost).withIntermediate(curve));
            }
        }
        return new ReportData(name, Direction.MINIMIZE, "hyperband", seed, space, rows);
    }

    /** Random search, maximizing, every job at the largest budget; job 3 fails. */
    static ReportData randomSearch(String name, long seed, int jobs) {
        SearchSpace space = space();
        Optimizer optimizer = Optimizers.create("random", space, new Fidelity(1, 27), seed);
        SplittableRandom noise = new SplittableRandom(seed);
        List<ReportRow> rows = new ArrayList<>();
        Instant clock = Instant.parse("2026-11-27T12:00:00Z");
        for (int i = 0; i < jobs; i++) {
            Job job = optimizer.ask().jobToRun().orElseThrow();
            Instant start = clock;
            clock = clock.plusSeconds(2);
            if (job.id() == 3) {
                optimizer.tell(job, Result.failed(HOSTILE_FAILURE));
                rows.add(ReportRow.failed(job, HOSTILE_FAILURE, start, clock, 1));
            } else {
                double accuracy = 1 - objective(job.configuration(), job.budget(), noise) / 4;
                optimizer.tell(job, Result.of(accuracy));
                rows.add(ReportRow.finished(job, accuracy, start, clock, 1));
            }
        }
        return new ReportData(name, Direction.MAXIMIZE, "random", seed, space, rows);
    }

    /**
     * MO-ASHA on {@code objectives} objectives (error, then size, then latency, then memory, all
     * minimized except a maximized accuracy as the second), with a bound on the latency component
     * that about a third of the configurations break; job 3 fails.
     */
    static ReportData severalObjectives(String name, long seed, int jobs, int objectives) {
        SearchSpace space = space();
        List<org.hpo4j.trial.Goal> goals = new ArrayList<>(List.of(
                new org.hpo4j.trial.Goal("error", Direction.MINIMIZE), new org.hpo4j.trial.Goal("accuracy", Direction.MAXIMIZE),
                new org.hpo4j.trial.Goal("sizeMb", Direction.MINIMIZE), new org.hpo4j.trial.Goal("memoryMb", Direction.MINIMIZE)));
        org.hpo4j.trial.Criteria criteria = new org.hpo4j.trial.Criteria(goals.subList(0, objectives),
                List.of(new org.hpo4j.trial.Constraint("latencyMs", org.hpo4j.trial.Constraint.Kind.AT_MOST, 20)));
        Optimizer optimizer = Optimizers.create("mo-asha", space, new Fidelity(1, 27), seed);
        SplittableRandom noise = new SplittableRandom(seed);
        List<ReportRow> rows = new ArrayList<>();
        Instant clock = Instant.parse("2026-11-27T12:00:00Z");
        for (int i = 0; i < jobs; i++) {
            Job job = optimizer.ask().jobToRun().orElseThrow();
            Instant start = clock;
            clock = clock.plusSeconds(2);
            double cost = job.budget() / 27;
            if (job.id() == 3) {
                optimizer.tell(job, Result.failed(HOSTILE_FAILURE));
                rows.add(ReportRow.failed(job, HOSTILE_FAILURE, start, clock, cost));
                continue;
            }
            double error = objective(job.configuration(), job.budget(), noise);
            double latency = 5 + 30 * noise.nextDouble();
            List<Double> all = List.of(error, 1 - error / 4 + 0.3 * noise.nextDouble(), 40 * noise.nextDouble() + 1 / (error + 0.1),
                    100 * noise.nextDouble());
            List<Double> values = all.subList(0, objectives);
            Result raw = Result.of(values, List.of(latency));
            double[] minimized = criteria.minimized(new org.hpo4j.trial.Score(values, List.of(latency)));
            optimizer.tell(job, Result.of(java.util.Arrays.stream(minimized).boxed().toList(),
                    List.of(criteria.constraints().get(0).violation(latency))));
            rows.add(ReportRow.finished(job, error, start, clock, cost).withValues(raw.objectives(), raw.constraints()));
        }
        return new ReportData(name, Direction.MINIMIZE, "mo-asha", seed, space, rows, criteria);
    }
}
