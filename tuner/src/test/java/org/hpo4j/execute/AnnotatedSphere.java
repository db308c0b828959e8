package org.hpo4j.execute;

import org.hpo4j.annotations.Budget;
import org.hpo4j.annotations.Objective;
import org.hpo4j.annotations.Uniform;

/** An annotated class as a user writes it; its injector is written by hand here (the processor is not in this module). */
public class AnnotatedSphere {
    @Uniform(lo = -5, hi = 5)
    double x = 0;
    @Budget(min = 1, max = 9)
    int epochs = 9;

    @Objective
    public double loss() {
        return x * x + epochs;
    }
}
