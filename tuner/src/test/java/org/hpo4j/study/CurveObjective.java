package org.hpo4j.study;

import java.util.Random;
import org.hpo4j.execute.WorkerObjective;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.trial.TrialContext;

/**
 * A training loop for curve-stopping tests, runnable in a worker JVM: the validation error after
 * each epoch falls from 1 towards {@code floor} at {@code rate}, with a little noise; it reports
 * every epoch and returns early when asked to.
 */
public class CurveObjective implements WorkerObjective {
    static final int EPOCHS = 50;
    static final SearchSpace SPACE = SearchSpace.builder()
            .add(FloatParameter.uniform("rate", 0.05, 0.6))
            .add(FloatParameter.uniform("floor", 0, 1))
            .budget("epochs", 1, EPOCHS, true)
            .build();

    @Override
    public SearchSpace space() {
        return SPACE;
    }

    @Override
    public double evaluate(Configuration c, TrialContext ctx) {
        return train(c, ctx);
    }

    static double train(Configuration c, TrialContext ctx) {
        double rate = c.getDouble("rate");
        double floor = c.getDouble("floor");
        Random noise = new Random(ctx.seed());
        double value = 1;
        for (int epoch = 1; epoch <= ctx.budget(); epoch++) {
            value = floor + (1 - floor) * Math.exp(-rate * epoch) + 0.002 * noise.nextGaussian();
            ctx.report(epoch, value);
            if (ctx.shouldStop()) {
                break;
            }
        }
        return value;
    }

    /**
     * The same loop at 50 ms per epoch, as a worker JVM runs it: a stop request travels to the
     * worker while it trains, as with real epochs.
     */
    public static class Slow extends CurveObjective {
        @Override
        public double evaluate(Configuration c, TrialContext ctx) {
            return train(c, new SlowContext(ctx));
        }
    }

    private record SlowContext(TrialContext inner) implements TrialContext {
        @Override
        public int jobId() {
            return inner.jobId();
        }

        @Override
        public double budget() {
            return inner.budget();
        }

        @Override
        public double previousBudget() {
            return inner.previousBudget();
        }

        @Override
        public long seed() {
            return inner.seed();
        }

        @Override
        public void report(double step, double value) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inner.report(step, value);
        }

        @Override
        public boolean shouldStop() {
            return inner.shouldStop();
        }

        @Override
        public java.nio.file.Path workDirectory() {
            return inner.workDirectory();
        }
    }
}
