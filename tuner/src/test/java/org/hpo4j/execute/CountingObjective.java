package org.hpo4j.execute;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.trial.TrialContext;

/**
 * A "training run" that counts the epochs it actually trains, per configuration: in a static map
 * in this JVM and, when the system property {@value #LOG_PROPERTY} names a file, as one line
 * {@code <configuration> <epochs>} per evaluation appended to it (for worker JVMs). With
 * checkpoints it continues from the state saved at the previous budget; the value depends only on
 * the configuration and the epoch reached, so restarting and continuing give the same values.
 * Public with a no-arg constructor so worker JVMs can create it.
 */
public class CountingObjective implements WorkerObjective {
    /** The system property naming the file epochs are logged to. */
    public static final String LOG_PROPERTY = "hpo4j.test.epochLog";

    public static final SearchSpace SPACE = SearchSpace.builder()
            .add(FloatParameter.uniform("x", 0, 1))
            .add(FloatParameter.uniform("y", 0, 1))
            .build();

    /** Epochs trained per configuration (its {@code toString()}) in this JVM. */
    public static final Map<String, Integer> EPOCHS = new ConcurrentHashMap<>();

    /** The training state kept between evaluations of one configuration. */
    public static final class State implements Serializable {
        private static final long serialVersionUID = 1L;
        public int epoch;
        public String owner;
    }

    private final boolean useCheckpoints;

    /** Uses checkpoints. */
    public CountingObjective() {
        this(true);
    }

    public CountingObjective(boolean useCheckpoints) {
        this.useCheckpoints = useCheckpoints;
    }

    /** The same objective that ignores checkpoints and always trains from scratch. */
    public static final class Restarting extends CountingObjective {
        public Restarting() {
            super(false);
        }
    }

    @Override
    public SearchSpace space() {
        return SPACE;
    }

    @Override
    public double evaluate(Configuration c, TrialContext context) {
        String key = c.toString();
        State state = null;
        if (useCheckpoints) {
            state = context.loadCheckpoint(State.class).orElse(null);
            if (state != null && (state.epoch != context.previousBudget() || !state.owner.equals(key))) {
                throw new IllegalStateException("loaded the state of " + state.owner + " at epoch " + state.epoch
                        + " for " + key + " continuing from " + context.previousBudget());
            }
        }
        if (state == null) {
            state = new State();
            state.owner = key;
        }
        int trained = 0;
        while (state.epoch < context.budget()) {
            state.epoch++;
            trained++;
        }
        EPOCHS.merge(key, trained, Integer::sum);
        String log = System.getProperty(LOG_PROPERTY);
        if (log != null) {
            try {
                Files.writeString(Path.of(log), key + " " + trained + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (useCheckpoints) {
            context.saveCheckpoint(state);
        }
        double x = c.getDouble("x");
        double y = c.getDouble("y");
        return (x - 0.3) * (x - 0.3) + (y - 0.6) * (y - 0.6) + 1.0 / state.epoch;
    }
}
