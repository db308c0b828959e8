package org.hpo4j.tune;

/** A maximized objective without a budget field: the peak is at x = 1. */
public class Peak {
    double x = -4;

    public double height() {
        return -(x - 1) * (x - 1);
    }
}
