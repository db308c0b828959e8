package org.hpo4j.benchmarks.simulation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.hpo4j.optimizer.Ask;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Result;

/**
 * Synchronous Hyperband or BOHB with strict rung barriers, for the simulation's comparison: a
 * bracket starts only once every job of the previous one has come back, as in the original
 * Hyperband run on parallel workers. Our {@code hyperband} and {@code bohb} (like HpBandSter) start
 * the next bracket instead of waiting; this wrapper takes that away so the benchmark shows what
 * barriers cost.
 *
 * <p>It holds back jobs of a new bracket (told apart by their iteration and bracket) while jobs of
 * the current bracket are running. The wrapped optimizer gives older brackets priority, so once
 * nothing runs, asking it once more either continues the current bracket at its next rung or shows
 * that the bracket is done; then the held jobs go out. A held job was drawn when it was asked for,
 * so a model saw slightly fewer results than it would with the barrier built in; the wrapper asks
 * for no more while one is held and jobs are running.
 */
final class OneBracketAtATime implements Optimizer {
    /** Appended to an optimizer's name on the simulation's command line to run it this way. */
    static final String SUFFIX = ":barriers";

    private final Optimizer inner;
    private final Set<Integer> running = new HashSet<>();
    private final Deque<Job> held = new ArrayDeque<>();
    private Job.ConfigId currentBracket;

    OneBracketAtATime(Optimizer inner) {
        this.inner = inner;
    }

    @Override
    public Ask ask() {
        if (!held.isEmpty() && sameBracket(held.peekFirst().configId(), currentBracket)) {
            return handOut(held.removeFirst());
        }
        if (held.isEmpty() || running.isEmpty()) {
            Optional<Job> next = inner.ask().jobToRun();
            if (next.isPresent()) {
                if (currentBracket == null || sameBracket(next.get().configId(), currentBracket)) {
                    return handOut(next.get());
                }
                held.addLast(next.get());
            }
        }
        if (running.isEmpty() && !held.isEmpty()) {
            return handOut(held.removeFirst());
        }
        if (isFinished()) {
            return Ask.FINISHED;
        }
        return Ask.WAIT;
    }

    private Ask handOut(Job job) {
        currentBracket = job.configId();
        running.add(job.id());
        return Ask.run(job);
    }

    @Override
    public void tell(Job job, Result result) {
        running.remove(job.id());
        inner.tell(job, result);
    }

    @Override
    public boolean isFinished() {
        return held.isEmpty() && inner.isFinished();
    }

    private static boolean sameBracket(Job.ConfigId a, Job.ConfigId b) {
        return a.iteration() == b.iteration() && a.bracket() == b.bracket();
    }
}
