package org.hpo4j.execute;

import org.hpo4j.space.SearchSpace;
import org.hpo4j.objective.Objective;

/**
 * An objective a worker JVM can run without an annotated class: a class with a public no-arg
 * constructor implementing this interface, named to {@link ForkedWorkerExecutor} by its class name.
 * One instance serves every evaluation of the worker.
 */
public interface WorkerObjective extends Objective {

    /** The space the worker reads configurations with; must describe the same space as the study's. */
    SearchSpace space();
}
