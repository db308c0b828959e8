package org.hpo4j.execute;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.hpo4j.study.CheckpointFolder;
import org.hpo4j.study.TrialContext;

/** The {@link TrialContext} of one task, wherever it runs. */
final class TaskContext implements TrialContext {
    /** Where reported values go: a listener in this JVM, the protocol in a worker. */
    interface Sink {
        void report(double step, double value);

        /** The evaluation loaded the checkpoint saved at {@code fromBudget}. */
        default void continued(double fromBudget) {
        }
    }

    private final int jobId;
    private final double budget;
    private final double previousBudget;
    private final long seed;
    private final Path workDirectory;
    private final Sink sink;
    private final BooleanSupplier stop;
    private final CheckpointFolder checkpoints;

    /** A context; {@code checkpoints} is {@code null} when the study keeps none. */
    TaskContext(int jobId, double budget, double previousBudget, long seed, Path workDirectory, Sink sink,
                BooleanSupplier stop, CheckpointFolder checkpoints) {
        this.checkpoints = checkpoints;
        this.jobId = jobId;
        this.budget = budget;
        this.previousBudget = previousBudget;
        this.seed = seed;
        this.workDirectory = workDirectory;
        this.sink = sink;
        this.stop = stop;
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
    public void report(double step, double value) {
        sink.report(step, value);
    }

    @Override
    public boolean shouldStop() {
        return stop.getAsBoolean();
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
    double continuedFrom() {
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
        return checkpoints == null ? Optional.empty() : loaded(checkpoints.load(type));
    }

    @Override
    public Optional<byte[]> loadCheckpointBytes() {
        return checkpoints == null ? Optional.empty() : loaded(checkpoints.loadBytes());
    }

    /** Tells the sink that the evaluation continues from a checkpoint (a worker sends it to its coordinator). */
    private <T> Optional<T> loaded(Optional<T> state) {
        if (state.isPresent()) {
            sink.continued(checkpoints.continuedFrom());
        }
        return state;
    }
}
