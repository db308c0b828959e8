package it.trade;

import org.hpo4j.annotations.AtMost;
import org.hpo4j.annotations.Budget;
import org.hpo4j.annotations.Minimize;
import org.hpo4j.annotations.Objective;
import org.hpo4j.annotations.Uniform;

/**
 * Two objectives and a bound that half the space breaks: error falls with x and the budget, size
 * rises with x, latency is 10 + 20 y ms and must stay at most 20 (y <= 0.5).
 */
public class Tradeoff {
    @Uniform(lo = 0, hi = 1)
    double x = 0.5;

    @Uniform(lo = 0, hi = 1)
    double y = 0.5;

    @Budget(min = 1, max = 9)
    int epochs = 9;

    public record Score(@Minimize double error, @Minimize double sizeMb, @AtMost(20) double latencyMs) {
    }

    @Objective
    public Score train() {
        return new Score(1 - x + 0.5 / epochs + 0.1 * y, 10 * x * x + y, 10 + 20 * y);
    }
}
