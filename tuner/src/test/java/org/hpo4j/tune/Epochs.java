package org.hpo4j.tune;

import java.util.concurrent.atomic.AtomicInteger;
import org.hpo4j.trial.TrialContext;

/** A budgeted objective that continues from its checkpoint and counts the epochs it trains. */
public class Epochs {
    static final AtomicInteger TRAINED = new AtomicInteger();

    double x = 0;
    int epochs = 9;

    public double train(TrialContext context) {
        int done = context.loadCheckpoint(Integer.class).orElse(0);
        for (int e = done; e < epochs; e++) {
            TRAINED.incrementAndGet();
        }
        context.saveCheckpoint(epochs);
        return (x - 1) * (x - 1) + 1.0 / epochs;
    }
}
