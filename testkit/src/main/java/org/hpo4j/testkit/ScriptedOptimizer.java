package org.hpo4j.testkit;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hpo4j.optimizer.Ask;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.Configuration;

/**
 * Asks for the given configurations in their order, each once at budget 1, then is finished: a
 * study whose jobs a contract knows in advance.
 */
final class ScriptedOptimizer implements Optimizer {
    private final List<Configuration> script;
    private final Set<Integer> out = new HashSet<>();
    private int asked;

    ScriptedOptimizer(List<Configuration> script) {
        this.script = List.copyOf(script);
    }

    @Override
    public Ask ask() {
        if (isFinished()) {
            return Ask.FINISHED;
        }
        int id = asked++;
        out.add(id);
        return Ask.run(new Job(id, new Job.ConfigId(id, 0, 0), script.get(id), 1, 0, 0));
    }

    @Override
    public void tell(Job job, Result result) {
        if (!out.remove(job.id())) {
            throw new IllegalArgumentException("job " + job.id() + " was not handed out, or was told already");
        }
    }

    @Override
    public boolean isFinished() {
        return asked == script.size();
    }
}
