package org.hpo4j.tune;

/** An objective that returns a system property of the JVM it runs in: shows what reached a worker. */
public class JvmProbe {
    /** The property the objective reads. */
    public static final String PROPERTY = "hpo4j.probe.value";

    double x = 0;

    public double value() {
        return Double.parseDouble(System.getProperty(PROPERTY, "NaN")) + 0 * x;
    }
}
