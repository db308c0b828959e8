package org.hpo4j.execute;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hpo4j.optimizer.Ask;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.Configuration;

/** Hands out a fixed list of configurations at budget 9, then is finished. */
final class ListOptimizer implements Optimizer {
    private final List<Configuration> configurations;
    private final Set<Integer> outstanding = new HashSet<>();
    private int next;

    ListOptimizer(List<Configuration> configurations) {
        this.configurations = configurations;
    }

    @Override
    public Ask ask() {
        if (next >= configurations.size()) {
            return isFinished() ? Ask.FINISHED : Ask.WAIT;
        }
        int id = next++;
        outstanding.add(id);
        return Ask.run(new Job(id, new Job.ConfigId(id, 0, 0), configurations.get(id), 9, 0, 0));
    }

    @Override
    public void tell(Job job, Result result) {
        if (!outstanding.remove(job.id())) {
            throw new IllegalArgumentException("job " + job.id() + " told twice or never asked");
        }
    }

    @Override
    public boolean isFinished() {
        return next >= configurations.size();
    }
}
