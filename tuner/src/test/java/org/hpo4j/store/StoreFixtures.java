package org.hpo4j.store;

import java.util.List;
import org.hpo4j.annotations.Direction;
import org.hpo4j.optimizer.Job;
import org.hpo4j.trial.Constraint;
import org.hpo4j.trial.Criteria;
import org.hpo4j.trial.Goal;

/**
 * Studies and jobs for the tests of one store's own behaviour (files, schema, connections). What
 * every store does is checked by hpo4j-testkit's {@code StudyStoreContract}, run over each store.
 */
final class StoreFixtures {
    static final StudyDefinition STUDY = new StudyDefinition("mlp", "lr FloatParameter [0.001, 1.0] (log)\n",
            Direction.MINIMIZE, "random", 42, "minBudget=1.0 maxBudget=9.0 eta=3.0 seed=42");

    /** Two objectives (one maximized) and a bound on a third component. */
    static final StudyDefinition SEVERAL = new StudyDefinition("mo", "lr FloatParameter [0.001, 1.0] (log)\n",
            Direction.MINIMIZE, "parego", 42, "minBudget=1.0 maxBudget=9.0 eta=3.0 seed=42",
            new Criteria(List.of(new Goal("error", Direction.MINIMIZE), new Goal("accuracy", Direction.MAXIMIZE)),
                    List.of(new Constraint("latencyMs", Constraint.Kind.AT_MOST, 20))));

    private StoreFixtures() {
    }

    static NewJob job(int id) {
        return new NewJob(id, new Job.ConfigId(id, 0, 0), 0, 9.0, 0.0, "{\"lr\":" + (0.001 * (id + 1)) + "}");
    }
}
