package org.hpo4j.optimizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hpo4j.space.Configuration;

/**
 * Seeds any optimizer with configurations from earlier studies: hands them out first, then
 * delegates.
 *
 * <p>The seeded configurations run at the full budget ({@code maxBudget}), also in front of
 * bracket optimizers (successive halving, Hyperband, BOHB and their asynchronous variants): they
 * are the best of earlier studies, so what matters is their value where it counts, and a bottom-rung
 * evaluation would mostly be discarded by the first cut. They carry {@link Job.ConfigId}
 * {@code (-1, 0, i)} so reports tell them apart from the delegate's configurations.
 *
 * <p>When the delegate is {@link WarmStartable}, it is given the prior observations (with their
 * weight) before its first job, and the result of every seeded job (with weight 1: it was measured
 * in this study) when it comes back. Other delegates never see the seeded jobs. The delegate's
 * jobs are renumbered to follow the seeds, so ids stay 0, 1, 2, ... as {@link Optimizer} requires.
 * Deterministic: the seeds come in the order given, and the delegate sees the same calls for the
 * same sequence of results.
 */
public final class WarmStart implements Optimizer {
    private final Optimizer delegate;
    private final List<Configuration> seeds;
    private final double maxBudget;
    private final Map<Integer, Job> delegated = new HashMap<>();
    private final Map<Integer, Job> seeded = new HashMap<>();
    private int nextSeed;
    private int nextId;

    /**
     * A warm-started optimizer.
     *
     * @param delegate the optimizer that proposes everything after the seeds
     * @param seeds configurations valid in the delegate's space, evaluated first in this order
     * @param maxBudget the budget the seeds are evaluated at
     * @param observations earlier evaluations for a {@link WarmStartable} delegate's model; ignored
     *     by other delegates
     * @param weight how much each observation counts, in {@code (0, 1]}
     */
    public WarmStart(Optimizer delegate, List<Configuration> seeds, double maxBudget,
                     List<PriorObservation> observations, double weight) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.seeds = List.copyOf(seeds);
        if (!(maxBudget > 0) || Double.isInfinite(maxBudget)) {
            throw new IllegalArgumentException("the budget of warm-start seeds must be positive and finite, got " + maxBudget);
        }
        this.maxBudget = maxBudget;
        WarmStartable.checkWeight(weight);
        if (delegate instanceof WarmStartable w && !observations.isEmpty()) {
            w.warmStart(List.copyOf(observations), weight);
        }
    }

    /** The optimizer that proposes after the seeds. */
    public Optimizer delegate() {
        return delegate;
    }

    @Override
    public Ask ask() {
        if (nextSeed < seeds.size()) {
            int index = nextSeed++;
            Job job = new Job(nextId++, new Job.ConfigId(-1, 0, index), seeds.get(index), maxBudget, 0, 0);
            seeded.put(job.id(), job);
            return Ask.run(job);
        }
        Ask inner = delegate.isFinished() ? Ask.FINISHED : delegate.ask();
        if (inner instanceof Ask.Run run) {
            Job j = run.job();
            Job outer = new Job(nextId++, j.configId(), j.configuration(), j.budget(), j.previousBudget(), j.rung());
            delegated.put(outer.id(), j);
            return Ask.run(outer);
        }
        // a delegate that is finished (or never started) while seeds are still running waits for them:
        // their results may still matter to the study, and finished must be final
        return inner.isFinished() && seeded.isEmpty() ? Ask.FINISHED : Ask.WAIT;
    }

    @Override
    public void tell(Job job, Result result) {
        Job seed = seeded.remove(job.id());
        if (seed != null) {
            if (!result.isFailure() && delegate instanceof WarmStartable w) {
                w.warmStart(List.of(new PriorObservation(seed.configuration(), seed.budget(), result.value())), 1.0);
            }
            return;
        }
        Job inner = delegated.remove(job.id());
        if (inner == null) {
            throw new IllegalArgumentException("job " + job.id() + " was not handed out or was already told");
        }
        delegate.tell(inner, result);
    }

    @Override
    public boolean isFinished() {
        return nextSeed >= seeds.size() && seeded.isEmpty() && delegate.isFinished();
    }

    /** The seeds, for messages. */
    public List<Configuration> seeds() {
        return new ArrayList<>(seeds);
    }
}
