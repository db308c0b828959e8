package org.hpo4j.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.random.MersenneTwister;
import org.hpo4j.annotations.Direction;
import org.hpo4j.optimizer.Job;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Condition;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;

/** Studies made up for the tests: a Hyperband-shaped run with failures, hostile strings and a running job. */
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
     * A run shaped like Hyperband with eta 3 and budgets 1..27: brackets 3, 2, 1, 0, successive halving
     * within each, evaluations one after the other. Job 5 fails with {@link #HOSTILE_FAILURE}; the last
     * job is still running.
     */
    static ReportData hyperband(String name, long seed) {
        SearchSpace space = space();
        MersenneTwister random = new MersenneTwister(seed);
        SplittableRandom noise = new SplittableRandom(seed);
        List<ReportRow> rows = new ArrayList<>();
        Instant clock = Instant.parse("2026-11-27T10:00:00Z");
        int jobId = 0;
        int iteration = 0;
        for (int s = 3; s >= 0; s--, iteration++) {
            int n = (int) Math.ceil(4.0 * Math.pow(3, s) / (s + 1));
            double budget = 27 / Math.pow(3, s);
            List<Job> rung = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                rung.add(new Job(-1, new Job.ConfigId(iteration, s, i), space.sample(random), budget, 0, 0));
            }
            double previous = 0;
            for (int level = 0; level <= s; level++) {
                List<ReportRow> results = new ArrayList<>();
                for (Job planned : rung) {
                    Job job = new Job(jobId, planned.configId(), planned.configuration(), budget, previous, level);
                    Instant start = clock;
                    clock = clock.plus(Duration.ofMillis((long) (budget * 100)));
                    ReportRow row = jobId == 5
                            ? ReportRow.failed(job, HOSTILE_FAILURE, start, clock, budget - previous)
                            : ReportRow.finished(job, objective(job.configuration(), budget, noise), start, clock,
                            budget - previous);
                    results.add(row);
                    jobId++;
                }
                rows.addAll(results);
                int keep = (int) Math.floor(rung.size() / 3.0);
                results.sort(Comparator.comparingDouble(r -> r.state() == EvaluationState.FINISHED ? r.value()
                        : Double.POSITIVE_INFINITY));
                List<Job> next = new ArrayList<>();
                for (ReportRow r : results.subList(0, keep)) {
                    next.add(new Job(-1, r.configId(), r.configuration(), budget, 0, 0));
                }
                rung = next;
                previous = budget;
                budget *= 3;
            }
        }
        Job last = new Job(jobId, new Job.ConfigId(iteration, 0, 0), space.sample(random), 27, 0, 0);
        rows.add(ReportRow.running(last, clock));
        return new ReportData(name, Direction.MINIMIZE, "hyperband", seed, space, rows);
    }
}
