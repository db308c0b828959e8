package org.hpo4j.trial;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What an objective may use while it evaluates one job. An {@code @Objective} method that takes
 * one parameter of this type receives it.
 *
 * <h2>Checkpoints</h2>
 * Successive halving evaluates a configuration at a small budget and promotes the best to larger
 * ones. An objective that {@linkplain #saveCheckpoint saves} its training state at the end of an
 * evaluation and {@linkplain #loadCheckpoint loads} it at the start of the next one continues
 * from {@link #previousBudget()} instead of training again from zero:
 * <pre>{@code
 * State s = ctx.loadCheckpoint(State.class).orElseGet(State::fresh);  // at epoch previousBudget(), or 0
 * while (s.epoch < ctx.budget()) { s.trainOneEpoch(); }
 * ctx.saveCheckpoint(s);
 * }</pre>
 * The checkpoint folder belongs to the configuration (its {@code Job.ConfigId}) and is shared by
 * every worker of the machine. A load that finds the state counts as a continuation: the study
 * then charges only the budget added, {@code (budget - previousBudget) / maxBudget}, and records
 * that it did. An objective that never loads is charged its full budget, as before. A study with
 * checkpoints switched off ({@code hpo.checkpoints=false}) loads nothing and saves nothing.
 */
public interface TrialContext {

    /** The job's number within the study. */
    int jobId();

    /** The budget of this evaluation (e.g. epochs); the {@code @Budget} field is set to it too. */
    double budget();

    /**
     * The budget this configuration already reached in an earlier evaluation, 0 if none; with a
     * checkpoint an objective may continue from there instead of starting over.
     */
    double previousBudget();

    /** A seed for the evaluation's own randomness, derived from the study seed and the job. */
    long seed();

    /**
     * Reports an intermediate value (e.g. validation error after an epoch) at a step (e.g. the
     * epoch). Stored with the evaluation; stoppers may use it.
     */
    void report(double step, double value);

    /**
     * Whether the study asks this evaluation to stop early; an objective that checks it returns its
     * current value when it is true.
     */
    boolean shouldStop();

    /** A folder of this evaluation's own for files; created on first use. */
    Path workDirectory();

    /**
     * The folder this configuration's checkpoints live in, shared by all its evaluations (created
     * on first use), for objectives that write files of their own; empty when the study keeps no
     * checkpoints. Files written here directly do not tell the study that the evaluation continued:
     * it charges the full budget unless a {@code loadCheckpoint} call found a state.
     */
    default Optional<Path> checkpointDirectory() {
        return Optional.empty();
    }

    /**
     * Saves the training state reached at this evaluation's {@link #budget()}, for a promotion of
     * the same configuration to continue from. Written atomically (a killed worker leaves the old
     * checkpoint or the new one, never a torn one). Does nothing when the study keeps no checkpoints.
     *
     * @throws java.io.UncheckedIOException when the state cannot be serialized or written
     */
    default void saveCheckpoint(Serializable state) {
    }

    /** Saves the training state reached at this evaluation's budget as bytes; see {@link #saveCheckpoint(Serializable)}. */
    default void saveCheckpointBytes(byte[] state) {
    }

    /**
     * The state this configuration saved at {@link #previousBudget()}, if there is one: then this
     * evaluation continues from there and is charged only the budget it adds.
     *
     * @return empty for a first evaluation, when nothing was saved at the previous budget, or when
     *     the study keeps no checkpoints
     * @throws IllegalStateException when the checkpoint holds another type or cannot be read back
     */
    default <T> Optional<T> loadCheckpoint(Class<T> type) {
        return Optional.empty();
    }

    /** The bytes this configuration saved at {@link #previousBudget()}; see {@link #loadCheckpoint(Class)}. */
    default Optional<byte[]> loadCheckpointBytes() {
        return Optional.empty();
    }
}
