package org.hpo4j.tune;

/** A budgeted objective slow enough to be interrupted: 120 ms per epoch. */
public class Slow {
    double x = 0;
    int epochs = 9;

    public double train() throws InterruptedException {
        Thread.sleep(120L * epochs);
        return (x - 1) * (x - 1) + 1.0 / epochs;
    }
}
