package org.hpo4j.execute;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hpo4j.optimizer.Result;
import org.hpo4j.trial.TrialContext;

/**
 * An executor that runs nothing itself: the caller evaluates each submitted task (a study's
 * {@code ask}/{@code tell}) with the task's {@link #context}, and hands back the outcome with
 * {@link #complete}. Reports and stop requests go through the same listener and signal as for tasks
 * run on threads, so a study treats both alike. Any number of tasks may be out at once.
 */
public final class CallerExecutor extends QueuedExecutor {
    /** A task handed to the caller and not yet completed. */
    private record Out(Task task, TaskContext context, AtomicBoolean stop, long startedAt) {
    }

    private final Clock clock;
    private final Map<Integer, Out> out = new ConcurrentHashMap<>();

    /** An executor whose completions are timed by {@code clock}. */
    public CallerExecutor(Clock clock) {
        super(Integer.MAX_VALUE);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public int parallelism() {
        return Integer.MAX_VALUE;
    }


    @Override
    public void submit(Task task) {
        done.reserve();
        AtomicBoolean stop = new AtomicBoolean();
        TaskContext context = new TaskContext(task.jobId(), task.budget(), task.previousBudget(), task.seed(),
                task.workDirectory(), (step, value) -> listener.report(task, step, value), stop::get,
                InProcessExecutor.checkpoints(task));
        out.put(task.jobId(), new Out(task, context, stop, clock.millis()));
    }

    /**
     * The context of job {@code jobId}'s task, for the caller's evaluation.
     *
     * @throws IllegalArgumentException when no task of that job is out
     */
    public TrialContext context(int jobId) {
        return find(jobId).context();
    }

    /**
     * Ends the task of job {@code jobId} with {@code result}; {@link #take()} returns it next.
     *
     * @throws IllegalArgumentException when no task of that job is out (never handed out, or completed)
     */
    public void complete(int jobId, Result result) {
        Out o = find(jobId);
        out.remove(jobId);
        done.add(new Completion(o.task(), result, "caller", o.startedAt(), clock.millis(), o.context().continuedFrom()));
    }

    private Out find(int jobId) {
        Out o = out.get(jobId);
        if (o == null) {
            throw new IllegalArgumentException("job " + jobId + " is not out for evaluation: it was never handed out"
                    + " or its result was told already");
        }
        return o;
    }



    @Override
    public void requestStop(int jobId) {
        Out o = out.get(jobId);
        if (o != null) {
            o.stop().set(true);
        }
    }


    @Override
    public void close() {
        out.clear();
    }
}
