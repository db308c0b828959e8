package org.hpo4j.tune;

/** {@link TradeoffInjector} with latency at most 5 ms, below every configuration's 10. */
public final class UnreachableInjector extends TradeoffInjector {
    @Override
    double latencyBound() {
        return 5;
    }

    @Override
    public String studyName() {
        return "Unreachable";
    }
}
