package org.hpo4j.tune;

/** {@link Tradeoff} with a latency bound no configuration meets. */
public class Unreachable extends Tradeoff {
}
