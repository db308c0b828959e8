package org.hpo4j.store;

/**
 * An intermediate value an evaluation reported.
 *
 * @param jobId the job
 * @param attempt the attempt that reported it
 * @param step where in the evaluation (e.g. the epoch)
 * @param value the value there
 * @param reportedAt when (epoch ms)
 * @param id the report's number in its store, increasing in the order reports of one attempt were
 *     stored (across attempts and jobs, a later number may have been stored earlier)
 */
public record StoredReport(int jobId, int attempt, double step, double value, long reportedAt, long id) {
}
