package org.hpo4j.execute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.hpo4j.study.TrialContext;

/** The {@link TrialContext} of one task, wherever it runs. */
final class TaskContext implements TrialContext {
    /** Where reported values go: a listener in this JVM, the protocol in a worker. */
    interface Sink {
        void report(double step, double value);
    }

    private final int jobId;
    private final double budget;
    private final double previousBudget;
    private final long seed;
    private final Path workDirectory;
    private final Sink sink;
    private final BooleanSupplier stop;

    TaskContext(int jobId, double budget, double previousBudget, long seed, Path workDirectory, Sink sink,
                BooleanSupplier stop) {
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
}
