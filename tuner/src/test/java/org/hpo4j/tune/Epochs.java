package org.hpo4j.tune;

import java.util.concurrent.atomic.AtomicInteger;
import org.hpo4j.trial.TrialContext;

/**
 * A budgeted objective that continues from its checkpoint and counts the epochs it trains. Each
 * epoch takes {@value #EPOCH_MILLIS} milliseconds when that system property is set (0 otherwise):
 * slow enough to be interrupted.
 */
public class Epochs {
    static final AtomicInteger TRAINED = new AtomicInteger();
    /** The system property with the milliseconds each epoch takes. */
    static final String EPOCH_MILLIS = "hpo4j.test.epochMillis";

    double x = 0;
    int epochs = 9;

    public double train(TrialContext context) throws InterruptedException {
        int done = context.loadCheckpoint(Integer.class).orElse(0);
        long millis = Long.getLong(EPOCH_MILLIS, 0);
        for (int e = done; e < epochs; e++) {
            TRAINED.incrementAndGet();
            Thread.sleep(millis);
        }
        context.saveCheckpoint(epochs);
        return (x - 1) * (x - 1) + 1.0 / epochs;
    }
}
