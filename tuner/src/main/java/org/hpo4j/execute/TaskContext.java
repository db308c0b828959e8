package org.hpo4j.execute;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.hpo4j.objective.CheckpointFolder;
import org.hpo4j.objective.InProcessTrialContext;
import org.hpo4j.trial.TrialContext;

/**
 * The {@link TrialContext} of one task, wherever it runs. Work folder, stop signal and checkpoints are those
 * of an {@link InProcessTrialContext}; only reports and checkpoint loads also go to the {@link Sink}.
 */
final class TaskContext implements TrialContext {
    /** Where reported values go: a listener in this JVM, the protocol in a worker. */
    interface Sink {
        void report(double step, double value);

        /** The evaluation loaded the checkpoint saved at {@code fromBudget}. */
        default void continued(double fromBudget) {
        }
    }

    private final InProcessTrialContext local;
    private final Sink sink;

    /** A context; {@code checkpoints} is {@code null} when the study keeps none. */
    TaskContext(int jobId, double budget, double previousBudget, long seed, Path workDirectory, Sink sink,
                BooleanSupplier stop, CheckpointFolder checkpoints) {
        this.local = new InProcessTrialContext(jobId, budget, previousBudget, seed, workDirectory, stop, checkpoints);
        this.sink = sink;
    }

    @Override
    public int jobId() {
        return local.jobId();
    }

    @Override
    public double budget() {
        return local.budget();
    }

    @Override
    public double previousBudget() {
        return local.previousBudget();
    }

    @Override
    public long seed() {
        return local.seed();
    }

    /** Sends the value to the sink only: the in-process context's own list of reports stays unused. */
    @Override
    public void report(double step, double value) {
        sink.report(step, value);
    }

    @Override
    public boolean shouldStop() {
        return local.shouldStop();
    }

    @Override
    public Path workDirectory() {
        return local.workDirectory();
    }

    /** The budget a loaded checkpoint continued from, 0 when the evaluation started from scratch. */
    double continuedFrom() {
        return local.continuedFrom();
    }

    @Override
    public Optional<Path> checkpointDirectory() {
        return local.checkpointDirectory();
    }

    @Override
    public void saveCheckpoint(Serializable state) {
        local.saveCheckpoint(state);
    }

    @Override
    public void saveCheckpointBytes(byte[] state) {
        local.saveCheckpointBytes(state);
    }

    @Override
    public <T> Optional<T> loadCheckpoint(Class<T> type) {
        return loaded(local.loadCheckpoint(type));
    }

    @Override
    public Optional<byte[]> loadCheckpointBytes() {
        return loaded(local.loadCheckpointBytes());
    }

    /** Tells the sink that the evaluation continues from a checkpoint (a worker sends it to its coordinator). */
    private <T> Optional<T> loaded(Optional<T> state) {
        if (state.isPresent()) {
            sink.continued(local.continuedFrom());
        }
        return state;
    }
}
