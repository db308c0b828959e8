package org.hpo4j.store;

import org.hpo4j.optimizer.Job;

/**
 * A job as the optimizer handed it out, about to be stored.
 *
 * @param jobId the optimizer's job id, unique within the study
 * @param configId the configuration's identity (iteration, bracket, index)
 * @param rung the successive-halving rung
 * @param budget the budget of this evaluation
 * @param previousBudget the budget the configuration already reached, 0 if none
 * @param configuration the configuration as {@link ConfigurationCodec} JSON
 */
public record NewJob(int jobId, Job.ConfigId configId, int rung, double budget, double previousBudget,
                     String configuration) {

    /** The stored form of an optimizer's job. */
    public static NewJob of(Job job) {
        return new NewJob(job.id(), job.configId(), job.rung(), job.budget(), job.previousBudget(),
                ConfigurationCodec.encode(job.configuration()));
    }
}
