package org.hpo4j.tune;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hpo4j.optimizer.Job;
import org.hpo4j.study.TrialContext;

/** The {@link TrialContext} of one in-process evaluation. */
final class EvaluationContext implements TrialContext {
    private final Job job;
    private final long seed;
    private final Path workRoot;
    private final List<double[]> reports = new ArrayList<>();

    EvaluationContext(Job job, long studySeed, Path workRoot) {
        this.job = job;
        this.seed = mix(studySeed, job.id());
        this.workRoot = workRoot;
    }

    /** SplitMix64 of the study seed and the job id: distinct, well-spread seeds per job. */
    static long mix(long studySeed, long jobId) {
        long z = studySeed + (jobId + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public int jobId() {
        return job.id();
    }

    @Override
    public double budget() {
        return job.budget();
    }

    @Override
    public double previousBudget() {
        return job.previousBudget();
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public void report(double step, double value) {
        reports.add(new double[] {step, value});
    }

    @Override
    public boolean shouldStop() {
        return false;
    }

    @Override
    public Path workDirectory() {
        Path dir = workRoot.resolve("job-" + job.id());
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
