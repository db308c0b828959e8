package org.hpo4j.execute;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.hpo4j.optimizer.Result;
import org.hpo4j.store.ConfigurationCodec;
import org.hpo4j.objective.CheckpointFolder;
import org.hpo4j.objective.Objective;

/**
 * Runs evaluations on threads of this JVM: fast, for light objectives and tests. It cannot survive
 * {@code System.exit} or a crash of the JVM, and a timed-out evaluation can only be interrupted
 * (its thread is abandoned if it ignores that); use {@link ForkedWorkerExecutor} for such code.
 */
public final class InProcessExecutor extends QueuedExecutor {
    private final Objective objective;
    private final int threads;
    private final Duration timeout;
    private final Clock clock;
    // threads are created as needed: one abandoned by a timeout must not take a slot for good
    private final ExecutorService pool;
    private final ScheduledExecutorService watchdog;
    private final AtomicInteger threadNumber = new AtomicInteger();

    /**
     * An executor that runs {@code objective} on up to {@code threads} threads.
     *
     * @param timeout how long one evaluation may take; {@code null} or zero for no limit
     */
    public InProcessExecutor(Objective objective, int threads, Duration timeout) {
        this(objective, threads, timeout, Clock.systemUTC());
    }

    /**
     * An executor that runs {@code objective} on up to {@code threads} threads and times the
     * evaluations with {@code clock} (a study's clock, so that evaluations and time limits agree).
     *
     * @param timeout how long one evaluation may take; {@code null} or zero for no limit
     */
    public InProcessExecutor(Objective objective, int threads, Duration timeout, Clock clock) {
        super(checkThreads(threads));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.objective = Objects.requireNonNull(objective, "objective");
        this.threads = threads;
        this.timeout = timeout == null || timeout.isZero() ? null : timeout;
        this.pool = Executors.newCachedThreadPool(r -> daemon(r, "hpo-eval-" + threadNumber.incrementAndGet()));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "hpo-eval-timeout"));
    }

    private static int checkThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + threads);
        }
        return threads;
    }

    /** An executor with no timeout. */
    public InProcessExecutor(Objective objective, int threads) {
        this(objective, threads, null);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The stop signal of each running task, by job id. */
    private final java.util.Map<Integer, AtomicBoolean> stopSignals = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public int parallelism() {
        return threads;
    }


    @Override
    public void submit(Task task) {
        done.reserve();
        AtomicBoolean ended = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        stopSignals.put(task.jobId(), stop);
        long start = clock.millis();
        TaskContext context = new TaskContext(task.jobId(), task.budget(), task.previousBudget(), task.seed(),
                task.workDirectory(), (step, value) -> {
                    if (!ended.get()) {
                        listener.report(task, step, value);
                    }
                }, stop::get, checkpoints(task));
        Future<?> future = pool.submit(() -> {
            String worker = Thread.currentThread().getName();
            Result result;
            try {
                result = objective.result(task.configuration(), context);
            } catch (Throwable t) {
                result = Result.failed(Failures.describe(t));
            }
            stopSignals.remove(task.jobId(), stop);
            if (ended.compareAndSet(false, true)) {
                done.add(new Completion(task, result, worker, start, clock.millis(),
                        context.continuedFrom()));
            }
        });
        if (timeout != null) {
            watchdog.schedule(() -> {
                if (ended.compareAndSet(false, true)) {
                    stop.set(true);
                    future.cancel(true);
                    done.add(new Completion(task, Result.failed(Failures.timeout(timeout)), "in-process", start,
                            clock.millis(), context.continuedFrom()));
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The checkpoints of a task's configuration; {@code null} when the study keeps none. */
    static CheckpointFolder checkpoints(Task task) {
        return task.checkpointDirectory() == null ? null : new CheckpointFolder(task.checkpointDirectory(),
                task.budget(), task.previousBudget(), ConfigurationCodec.encode(task.configuration()),
                task.checkpointDigest());
    }

    @Override
    public void requestStop(int jobId) {
        AtomicBoolean stop = stopSignals.get(jobId);
        if (stop != null) {
            stop.set(true);
        }
    }




    @Override
    public void close() {
        pool.shutdownNow();
        watchdog.shutdownNow();
    }
}
