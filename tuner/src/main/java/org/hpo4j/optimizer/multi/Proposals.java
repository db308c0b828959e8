package org.hpo4j.optimizer.multi;

import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.Configuration;

/** Where {@link MultiObjectiveAsha} takes its new configurations from: the prior or a model. */
interface Proposals {

    /** The next configuration to start at the bottom of a bracket. */
    Configuration next();

    /** Learns from a result (the prior ignores it). */
    void observe(Job job, Result result);
}
