package org.hpo4j.optimizer;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@link Optimizer#ask()}: run a job, wait for results of jobs still outstanding,
 * or finished.
 *
 * <p>Callers tell the cases apart with {@code instanceof} ({@code if (answer instanceof Ask.Run run)})
 * or with {@link #jobToRun()} and {@link #isFinished()}.
 */
public sealed interface Ask permits Ask.Run, Ask.Wait, Ask.Finished {

    /** Wait: nothing can start until a job still outstanding is told. */
    Ask WAIT = new Wait();

    /** Finished: the optimizer will never hand out another job. */
    Ask FINISHED = new Finished();

    /** Run {@code job}. */
    static Ask run(Job job) {
        return new Run(job);
    }

    /** The job to run; empty for {@link Wait} and {@link Finished}. */
    default Optional<Job> jobToRun() {
        return Optional.empty();
    }

    /** Whether this is {@link Finished}. */
    default boolean isFinished() {
        return false;
    }

    /**
     * Run this job.
     *
     * @param job the job handed out
     */
    record Run(Job job) implements Ask {
        public Run {
            Objects.requireNonNull(job, "job");
        }

        @Override
        public Optional<Job> jobToRun() {
            return Optional.of(job);
        }
    }

    /** Wait for the result of a job still outstanding, then ask again. */
    record Wait() implements Ask {
    }

    /** Finished: every later ask answers the same. */
    record Finished() implements Ask {
        @Override
        public boolean isFinished() {
            return true;
        }
    }
}
