package org.hpo4j.execute;

/** Receives intermediate values while tasks run; called from executor threads. */
@FunctionalInterface
public interface ReportListener {
    /** The objective of {@code task} reported {@code value} at {@code step}. */
    void report(Task task, double step, double value);
}
