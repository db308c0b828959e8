package it.bowl;

import org.hpo4j.annotations.Budget;
import org.hpo4j.annotations.Categorical;
import org.hpo4j.annotations.Conditional;
import org.hpo4j.annotations.IntUniform;
import org.hpo4j.annotations.Objective;
import org.hpo4j.annotations.Uniform;

/** A cheap objective with every kind of parameter and a condition; lower is better. */
public class Bowl {
    @Uniform(lo = -2, hi = 2)
    double x = 1.5;

    @IntUniform(lo = 1, hi = 8)
    int k = 4;

    @Categorical({"plain", "shifted"})
    String shape = "plain";

    @Conditional(on = "shape", equalTo = "shifted")
    @Uniform(lo = 0, hi = 1)
    double shift = 0.5;

    @Budget(min = 1, max = 9)
    int rounds = 9;

    @Objective
    public double loss() {
        double base = (x - 0.3) * (x - 0.3) + 0.1 * (k - 3) * (k - 3);
        return base + ("shifted".equals(shape) ? shift : 0.2) + 1.0 / rounds;
    }
}
