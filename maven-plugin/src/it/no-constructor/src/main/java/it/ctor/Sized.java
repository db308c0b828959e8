package it.ctor;

import org.hpo4j.annotations.Objective;
import org.hpo4j.annotations.Uniform;

/** An objective whose only constructor takes an argument. */
public class Sized {
    private final int size;

    @Uniform(lo = 0, hi = 1)
    double rate = 0.5;

    public Sized(int size) {
        this.size = size;
    }

    @Objective
    public double loss() {
        return rate * size;
    }
}
