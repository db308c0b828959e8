package org.hpo4j.store;

/**
 * An intermediate value an evaluation reported.
 *
 * @param jobId the job
 * @param attempt the attempt that reported it
 * @param step where in the evaluation (e.g. the epoch)
 * @param value the value there
 * @param reportedAt when (epoch ms)
 */
public record StoredReport(int jobId, int attempt, double step, double value, long reportedAt) {
}
