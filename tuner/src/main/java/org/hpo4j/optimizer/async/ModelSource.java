package org.hpo4j.optimizer.async;

import org.hpo4j.optimizer.BohbModel;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.Configuration;

/** New configurations proposed by BOHB's model, which learns from every result. */
final class ModelSource implements ConfigurationSource {
    private final BohbModel model;

    ModelSource(BohbModel model) {
        this.model = model;
    }

    @Override
    public Configuration next(double budget) {
        return model.propose();
    }

    @Override
    public void warmStart(java.util.List<org.hpo4j.optimizer.PriorObservation> observations, double weight) {
        model.warmStart(observations, weight);
    }

    @Override
    public void observe(Job job, Result result) {
        model.observe(job, result);
    }
}
