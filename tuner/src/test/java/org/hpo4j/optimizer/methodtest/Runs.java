package org.hpo4j.optimizer.methodtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Condition;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;

/** Shared test fixtures for the optimizer methods: spaces, functions and ask/tell loops. */
public final class Runs {
    private Runs() {
    }

    /** {@code x0..x(d-1)} uniform in [-5, 5]. */
    public static SearchSpace box(int d) {
        SearchSpace.Builder b = SearchSpace.builder();
        for (int i = 0; i < d; i++) {
            b.add(FloatParameter.uniform("x" + i, -5, 5));
        }
        return b.build();
    }

    /** A shifted quadratic over {@link #box}: minimum 0 at x_i = 1.3 - 0.7 i. */
    public static double quadratic(Configuration c) {
        double s = 0;
        for (String name : c.names()) {
            int i = Integer.parseInt(name.substring(1));
            double d = c.getDouble(name) - (1.3 - 0.7 * i);
            s += d * d;
        }
        return s;
    }

    /**
     * A conditional space: {@code kind} in {a, b, c}; {@code xa} only for a, {@code xb} and
     * {@code nb} only for b, {@code c} has nothing; {@code lr} log-uniform always.
     */
    public static SearchSpace conditional() {
        return SearchSpace.builder()
                .add(CategoricalParameter.of("kind", List.of("a", "b", "c")))
                .add(FloatParameter.uniform("xa", 0, 1).when(Condition.equalTo("kind", "a")))
                .add(FloatParameter.uniform("xb", 0, 1).when(Condition.equalTo("kind", "b")))
                .add(IntParameter.uniform("nb", 1, 8).when(Condition.equalTo("kind", "b")))
                .add(FloatParameter.logUniform("lr", 1e-4, 1))
                .build();
    }

    /** Minimum 0 at kind=b, xb=0.3, nb=6, lr=1e-2; kind a is worse, c is flat at 1.5. */
    public static double conditionalObjective(Configuration c) {
        double lr = Math.log10(c.getDouble("lr")) + 2;
        String kind = c.getString("kind");
        if (kind.equals("a")) {
            double d = c.getDouble("xa") - 0.7;
            return 0.5 + d * d + 0.1 * lr * lr;
        }
        if (kind.equals("b")) {
            double d = c.getDouble("xb") - 0.3;
            double n = (c.getLong("nb") - 6) / 8.0;
            return d * d + n * n + 0.1 * lr * lr;
        }
        return 1.5;
    }

    /** Checks that exactly the parameters whose conditions hold are active. */
    public static boolean respectsConditions(SearchSpace space, Configuration c) {
        try {
            return space.configuration(c.asMap()).equals(c);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Runs {@code n} evaluations one at a time and returns the best value found. Configurations
     * for which {@code f} returns NaN are told as failures.
     */
    public static double sequential(Optimizer o, int n, ToDoubleFunction<Configuration> f) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            Optional<Job> job = o.ask().jobToRun();
            if (job.isEmpty()) {
                break;
            }
            double v = f.applyAsDouble(job.get().configuration());
            Result r = Double.isNaN(v) ? Result.failed("test failure") : Result.of(v);
            o.tell(job.get(), r);
            if (!r.isFailure()) {
                best = Math.min(best, v);
            }
        }
        return best;
    }

    /**
     * Runs {@code n} evaluations keeping {@code parallel} jobs outstanding, telling the oldest
     * first, and returns every job handed out.
     */
    public static List<Job> batched(Optimizer o, int n, int parallel, ToDoubleFunction<Configuration> f) {
        List<Job> all = new ArrayList<>();
        List<Job> running = new ArrayList<>();
        while (all.size() < n) {
            while (running.size() < parallel && all.size() < n) {
                Optional<Job> job = o.ask().jobToRun();
                if (job.isEmpty()) {
                    break;
                }
                running.add(job.get());
                all.add(job.get());
            }
            if (running.isEmpty()) {
                break;
            }
            Job done = running.remove(0);
            double v = f.applyAsDouble(done.configuration());
            o.tell(done, Double.isNaN(v) ? Result.failed("test failure") : Result.of(v));
        }
        for (Job j : running) {
            o.tell(j, Result.of(f.applyAsDouble(j.configuration())));
        }
        return all;
    }

    /** The configurations of {@code n} jobs asked and told sequentially, for determinism checks. */
    public static List<Configuration> trace(Optimizer o, int n, ToDoubleFunction<Configuration> f) {
        List<Configuration> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Optional<Job> job = o.ask().jobToRun();
            if (job.isEmpty()) {
                break;
            }
            out.add(job.get().configuration());
            double v = f.applyAsDouble(job.get().configuration());
            o.tell(job.get(), Double.isNaN(v) ? Result.failed("test failure") : Result.of(v));
        }
        return out;
    }
}
