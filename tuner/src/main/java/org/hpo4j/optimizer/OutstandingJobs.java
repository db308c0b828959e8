package org.hpo4j.optimizer;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an optimizer remembers of each job it handed out until the job's result is told, in the
 * order handed out; telling a job twice, or one never handed out, is an error naming the job.
 *
 * @param <T> what is remembered per job (e.g. its encoded configuration)
 */
public final class OutstandingJobs<T> {
    private final Map<Integer, T> byId = new LinkedHashMap<>();

    /** Remembers {@code value} for the job handed out with id {@code jobId}. */
    public void put(int jobId, T value) {
        byId.put(jobId, value);
    }

    /**
     * Forgets {@code job} and returns what was remembered for it.
     *
     * @throws IllegalArgumentException if the job was not handed out or was already told
     */
    public T told(Job job) {
        T value = byId.remove(job.id());
        if (value == null) {
            throw new IllegalArgumentException("job " + job.id() + " was not handed out or was already told");
        }
        return value;
    }

    /** What is remembered for the running jobs, in the order they were handed out (read-only). */
    public Collection<T> values() {
        return Collections.unmodifiableCollection(byId.values());
    }

    /** Whether no job is running. */
    public boolean isEmpty() {
        return byId.isEmpty();
    }

    /** How many jobs are running. */
    public int size() {
        return byId.size();
    }
}
