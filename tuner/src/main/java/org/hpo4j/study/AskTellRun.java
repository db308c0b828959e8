package org.hpo4j.study;

import java.util.Optional;
import org.hpo4j.execute.CallerExecutor;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;

/**
 * The run behind {@link Study#ask()} and {@link Study#tell}: a {@link LocalRun} whose executor is the
 * caller, so that asked trials are stored, settled and told exactly as jobs run on threads are.
 */
final class AskTellRun {
    private final TrialLoop loop;
    private final CallerExecutor caller;
    private final LocalRun run;

    /** Starts the run: a stored study is opened and replayed. */
    AskTellRun(TrialLoop loop) {
        this.loop = loop;
        this.caller = new CallerExecutor(loop.clock);
        this.run = new LocalRun(loop, caller);
    }

    /** The next trial; empty when the optimizer waits for trials still out or the run is over. */
    Optional<Trial> ask() {
        if (run.stopping()) {
            return Optional.empty();
        }
        Optional<Job> job = run.submitNext(null);
        return job.map(j -> new Trial(j, caller.context(j.id())));
    }

    /** Records the outcome of a trial that is out. */
    void tell(Trial trial, Result result) {
        caller.complete(trial.job().id(), result);
        try {
            run.complete(caller.take());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("study '" + loop.name + "' was interrupted", e);
        }
    }
}
