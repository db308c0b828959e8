package org.hpo4j.objective;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.hpo4j.trial.TrialContext;

/**
 * The {@link TrialContext} of an evaluation run in this JVM: reports are collected in memory, the
 * work folder is created on first use.
 */
public final class InProcessTrialContext implements TrialContext {
    private final int jobId;
    private final double budget;
    private final double previousBudget;
    private final long seed;
    private final Path workDirectory;
    private final BooleanSupplier stopSignal;
    private final CheckpointFolder checkpoints;
    private final List<Evaluation.Report> reports = new ArrayList<>();

    /**
     * A context for one job.
     *
     * @param jobId the job's number
     * @param budget the budget handed to the objective
     * @param previousBudget the budget the configuration already reached, 0 if none
     * @param seed the evaluation's own seed
     * @param workDirectory the job's folder; created when the objective first asks for it
     * @param stopSignal says when the study wants the evaluation to stop early
     */
    public InProcessTrialContext(int jobId, double budget, double previousBudget, long seed, Path workDirectory,
                                 BooleanSupplier stopSignal) {
        this(jobId, budget, previousBudget, seed, workDirectory, stopSignal, null);
    }

    /**
     * A context for one job with the checkpoints of its configuration.
     *
     * @param checkpoints the configuration's checkpoints; {@code null} when the study keeps none
     */
    public InProcessTrialContext(int jobId, double budget, double previousBudget, long seed, Path workDirectory,
                                 BooleanSupplier stopSignal, CheckpointFolder checkpoints) {
        this.checkpoints = checkpoints;
        this.jobId = jobId;
        this.budget = budget;
        this.previousBudget = previousBudget;
        this.seed = seed;
        this.workDirectory = workDirectory;
        this.stopSignal = stopSignal;
    }

    /**
     * The seed of job {@code jobId} in a study seeded with {@code studySeed}: a SplitMix64 mix of
     * both, so neighbouring jobs get unrelated streams.
     */
    public static long deriveSeed(long studySeed, int jobId) {
        long z = studySeed + 0x9E3779B97F4A7C15L * (jobId + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public int jobId() {
        return jobId;
    }

    @Override
    public double budget() {
        return budget;
    }

    @Override
    public double previousBudget() {
        return previousBudget;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public synchronized void report(double step, double value) {
        reports.add(new Evaluation.Report(step, value));
    }

    /** The values reported so far, in order. */
    public synchronized List<Evaluation.Report> reports() {
        return List.copyOf(reports);
    }

    @Override
    public boolean shouldStop() {
        return stopSignal.getAsBoolean();
    }

    @Override
    public Path workDirectory() {
        try {
            return Files.createDirectories(workDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the work folder " + workDirectory + " of job " + jobId, e);
        }
    }

    /** The budget a loaded checkpoint continued from, 0 when the evaluation started from scratch. */
    public double continuedFrom() {
        return checkpoints == null ? 0 : checkpoints.continuedFrom();
    }

    @Override
    public Optional<Path> checkpointDirectory() {
        return checkpoints == null ? Optional.empty() : Optional.of(checkpoints.directory());
    }

    @Override
    public void saveCheckpoint(Serializable state) {
        if (checkpoints != null) {
            checkpoints.save(state);
        }
    }

    @Override
    public void saveCheckpointBytes(byte[] state) {
        if (checkpoints != null) {
            checkpoints.save(state);
        }
    }

    @Override
    public <T> Optional<T> loadCheckpoint(Class<T> type) {
        return checkpoints == null ? Optional.empty() : checkpoints.load(type);
    }

    @Override
    public Optional<byte[]> loadCheckpointBytes() {
        return checkpoints == null ? Optional.empty() : checkpoints.loadBytes();
    }
}
