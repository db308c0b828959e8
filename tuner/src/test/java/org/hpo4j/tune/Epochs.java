package org.hpo4j.tune;

import java.util.concurrent.atomic.AtomicInteger;
import org.hpo4j.trial.TrialContext;

/** A budgeted objective that continues from its checkpoint and counts the epochs it trains. */
public class Epochs {
    static final AtomicInteger TRAINED = new AtomicInteger();
    /** How long an epoch takes ({@code -Dhpo4j.test.epochMillis}), for a process that is to be killed mid-study. */
    static final long EPOCH_MILLIS = Long.getLong("hpo4j.test.epochMillis", 0);

    double x = 0;
    int epochs = 9;

    public double train(TrialContext context) {
        int done = context.loadCheckpoint(Integer.class).orElse(0);
        for (int e = done; e < epochs; e++) {
            TRAINED.incrementAndGet();
            if (EPOCH_MILLIS > 0) {
                try {
                    Thread.sleep(EPOCH_MILLIS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        context.saveCheckpoint(epochs);
        return (x - 1) * (x - 1) + 1.0 / epochs;
    }
}
