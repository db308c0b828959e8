package org.hpo4j.tune;

import org.hpo4j.trial.TrialContext;

/**
 * Two objectives and a constraint that half the space breaks: error falls with x and with the
 * budget, size rises as x falls, latency is 10 + 20 y ms and must stay at most 20 (y <= 0.5).
 */
public class Tradeoff {
    double x = 0.5;
    double y = 0.5;
    int epochs = 9;

    /** What the objective returns (the processor would read its @Minimize / @AtMost marks). */
    public record Score(double error, double sizeMb, double latencyMs) {
    }

    public Score train(TrialContext context) {
        return new Score(1 - x + 0.5 / epochs + 0.1 * y, 10 * x * x + y, 10 + 20 * y);
    }
}
