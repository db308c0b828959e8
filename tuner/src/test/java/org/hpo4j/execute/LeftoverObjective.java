package org.hpo4j.execute;

import java.util.List;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.trial.TrialContext;

/**
 * An objective that leaves things behind in its JVM: it counts evaluations in a static field
 * ("count") or starts a non-daemon thread that never ends ("thread"). Public with a no-arg
 * constructor so worker JVMs can create it.
 */
public class LeftoverObjective implements WorkerObjective {
    public static final SearchSpace SPACE = SearchSpace.builder()
            .add(CategoricalParameter.of("mode", List.of("count", "thread")))
            .build();

    static int evaluations;

    @Override
    public SearchSpace space() {
        return SPACE;
    }

    @Override
    public double evaluate(Configuration c, TrialContext context) throws Exception {
        if (c.getString("mode").equals("thread")) {
            Thread spinner = new Thread(() -> {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "user-spinner-" + context.jobId());
            spinner.start();
        }
        return ++evaluations;
    }
}
