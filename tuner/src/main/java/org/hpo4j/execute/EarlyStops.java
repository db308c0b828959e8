package org.hpo4j.execute;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hpo4j.objective.CostRule;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.optimizer.Result;

/**
 * The curve stopper's requests for the tasks one process runs for a shared store, and what becomes
 * of a task that obeyed one: it counts with its last reported value, as an evaluation the study
 * stopped in its own process does ({@code Study}), so that the store keeps the value the optimizer
 * is told.
 *
 * <p>Safe for use from several threads: reports arrive on the executor's threads.
 */
public final class EarlyStops {
    /** What is known of one running attempt. */
    private static final class Watched {
        final int attempt;
        double lastStep = Double.NaN;
        double lastValue = Double.NaN;
        boolean stopRequested;

        Watched(int attempt) {
            this.attempt = attempt;
        }
    }

    private final Map<Integer, Watched> tasks = new ConcurrentHashMap<>();

    /** Notes a value the objective of {@code task} reported. */
    public void reported(Task task, double step, double value) {
        Watched w = tasks.compute(task.jobId(),
                (id, old) -> old == null || old.attempt != task.attempt() ? new Watched(task.attempt()) : old);
        synchronized (w) {
            w.lastStep = step;
            w.lastValue = value;
        }
    }

    /**
     * Asks {@code executor} to stop attempt {@code attempt} of job {@code jobId}, once.
     *
     * @return whether this was the first request for that attempt
     */
    public boolean request(Executor executor, int jobId, int attempt) {
        Watched w = tasks.compute(jobId, (id, old) -> old == null || old.attempt != attempt ? new Watched(attempt) : old);
        synchronized (w) {
            if (w.stopRequested) {
                return false;
            }
            w.stopRequested = true;
        }
        executor.requestStop(jobId);
        return true;
    }

    /**
     * The result to store for a task that ended, forgetting the task: when it was asked to stop and
     * its last report came before its budget, the last reported value (what it stopped at);
     * otherwise the result as the objective returned it. A failure stays a failure.
     */
    public Result settle(Completion completion) {
        Task task = completion.task();
        Watched w = tasks.get(task.jobId());
        if (w == null || w.attempt != task.attempt()) {
            return completion.result();
        }
        tasks.remove(task.jobId(), w);
        List<Evaluation.Report> last;
        boolean stopRequested;
        synchronized (w) {
            last = Double.isNaN(w.lastStep) ? List.of() : List.of(new Evaluation.Report(w.lastStep, w.lastValue));
            stopRequested = w.stopRequested;
        }
        return CostRule.stoppedAt(completion.result(), task.budget(), stopRequested, last)
                .map(r -> Result.of(r.value())).orElse(completion.result());
    }

    /** Whether attempt {@code attempt} of job {@code jobId} was asked to stop and has not been settled. */
    public boolean stopRequested(int jobId, int attempt) {
        Watched w = tasks.get(jobId);
        return w != null && w.attempt == attempt && w.stopRequested;
    }
}
