package org.hpo4j.execute;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.hpo4j.optimizer.Result;

/**
 * Runs evaluations in long-lived worker JVMs ({@link WorkerMain}), one evaluation after another per
 * worker, so the JVM start-up is paid once per worker. A worker that times out is killed; a worker
 * that dies ({@code System.exit}, a crash, an {@code OutOfMemoryError}) fails its evaluation with
 * the cause; either way a new worker takes its place.
 */
public final class ForkedWorkerExecutor extends QueuedExecutor {
    private static final Task STOP = new Task(-1, 0, null, 0, 0, 0, null);

    private final Settings settings;
    private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final List<Slot> slots = new ArrayList<>();
    private final ScheduledExecutorService watchdog;
    private final Thread shutdownHook;
    private volatile boolean closed;

    /** Everything that decides how workers are started; see {@link Builder}. */
    private record Settings(String objectiveClass, String classpath, int workers, List<String> jvmArgs,
                            Duration timeout, Duration startupTimeout, String javaExecutable,
                            String expectedSpace, Consumer<String> workerOutput, int outputLimit,
                            int freshWorkerEvery, Set<String> passedSecrets) {
    }

    private ForkedWorkerExecutor(Settings settings) {
        super(settings.workers);
        this.settings = settings;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hpo-worker-timeout");
            t.setDaemon(true);
            return t;
        });
        for (int i = 1; i <= settings.workers; i++) {
            Slot slot = new Slot(i);
            slots.add(slot);
            slot.thread.start();
        }
        // workers end with their coordinator on their own (stdin closes); this only makes it prompt
        shutdownHook = new Thread(this::killAll, "hpo-worker-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A builder for workers that run {@code objectiveClass} (a {@link WorkerObjective} or an annotated class). */
    public static Builder builder(String objectiveClass) {
        return new Builder(objectiveClass);
    }

    @Override
    public int parallelism() {
        return settings.workers;
    }


    @Override
    public void submit(Task task) {
        if (closed) {
            throw new IllegalStateException("executor is closed");
        }
        done.reserve();
        queue.add(task);
    }

    @Override
    public void requestStop(int jobId) {
        for (Slot slot : slots) {
            Task task = slot.current;
            WorkerProcess w = slot.worker;
            if (task != null && task.jobId() == jobId && w != null) {
                w.requestStop(jobId);
            }
        }
    }




    @Override
    public void close() {
        closed = true;
        for (int i = 0; i < slots.size(); i++) {
            queue.add(STOP);
        }
        for (Slot slot : slots) {
            try {
                slot.thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        killAll();
        watchdog.shutdownNow();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already; the hook runs anyway
        }
    }

    private void killAll() {
        for (Slot slot : slots) {
            WorkerProcess w = slot.worker;
            if (w != null) {
                w.process.destroyForcibly();
            }
        }
    }

    /** One worker place: a thread that keeps a worker JVM alive and feeds it tasks. */
    private final class Slot {
        final int number;
        final Thread thread;
        volatile WorkerProcess worker;
        /** The task the worker runs now, null when idle. */
        volatile Task current;
        String startupFailure;
        /** How many evaluations the current worker JVM ran. */
        int evaluationsOfWorker;

        Slot(int number) {
            this.number = number;
            this.thread = new Thread(this::loop, "hpo-worker-" + number);
            this.thread.setDaemon(true);
        }

        private void loop() {
            while (true) {
                boolean tried = false;
                if (worker == null && !closed) {
                    // start ahead of the next task, so a replacement's start-up overlaps the wait
                    startWorker();
                    tried = true;
                }
                Task task;
                try {
                    task = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                if (task == STOP) {
                    stopWorker();
                    return;
                }
                if (worker != null && !worker.process.isAlive()) {
                    // it died while idle (killed from outside, say): not this task's fault
                    retire(worker);
                    tried = false;
                }
                if (worker == null && !tried) {
                    startWorker();
                }
                long start = System.currentTimeMillis();
                WorkerProcess w = worker;
                String name = w == null ? "worker-" + number : w.name;
                current = task;
                WorkerProcess.Outcome outcome = w == null
                        ? new WorkerProcess.Outcome(Result.failed("worker " + number + " failed to start: "
                                + startupFailure), 0, false)
                        : w.run(task, listener, settings.timeout, watchdog);
                current = null;
                if (outcome.retire()) {
                    retire(w);
                }
                if (worker != null && settings.freshWorkerEvery > 0 && ++evaluationsOfWorker >= settings.freshWorkerEvery) {
                    // static state and leftover threads of the user's code end with the JVM
                    stopWorker();
                }
                done.add(new Completion(task, outcome.result(), name, start, System.currentTimeMillis(),
                        outcome.continuedFrom()));
            }
        }

        private void startWorker() {
            List<String> command = new ArrayList<>();
            command.add(settings.javaExecutable);
            command.addAll(settings.jvmArgs);
            command.add("-D" + Failures.LIMIT_PROPERTY + "=" + settings.outputLimit);
            command.add("-cp");
            command.add(settings.classpath);
            command.add(WorkerMain.class.getName());
            command.add(settings.objectiveClass);
            WorkerProcess.Startup startup = WorkerProcess.start(number, command, settings.passedSecrets,
                    settings.workerOutput, settings.outputLimit, settings.startupTimeout, watchdog,
                    settings.expectedSpace, settings.objectiveClass);
            startupFailure = startup.failure();
            if (startup.worker() != null) {
                worker = startup.worker();
                evaluationsOfWorker = 0;
            }
        }

        /** Ends a worker that cannot go on; the loop starts another. */
        private void retire(WorkerProcess w) {
            w.kill();
            worker = null;
        }

        private void stopWorker() {
            WorkerProcess w = worker;
            if (w != null) {
                w.shutdown();
                worker = null;
            }
        }
    }

    /** Removes the secrets of {@link WorkerProcess#SECRETS} from a worker's environment, but those in {@code passed}. */
    static void withholdSecrets(Map<String, String> environment, Set<String> passed) {
        WorkerProcess.withholdSecrets(environment, passed);
    }

    /** Configures a {@link ForkedWorkerExecutor}. */
    public static final class Builder {
        private final String objectiveClass;
        private String classpath = System.getProperty("java.class.path");
        private int workers = 1;
        private final List<String> jvmArgs = new ArrayList<>();
        private Duration timeout;
        private Duration startupTimeout = Duration.ofSeconds(60);
        private String javaExecutable = defaultJava();
        private String expectedSpace;
        private Consumer<String> workerOutput = System.err::println;
        private int outputLimit = Failures.DEFAULT_LIMIT;
        private int freshWorkerEvery;
        private final Set<String> passedSecrets = new java.util.TreeSet<>();

        private Builder(String objectiveClass) {
            this.objectiveClass = Objects.requireNonNull(objectiveClass, "objective class");
        }

        /** The {@code java} of this JVM's {@code java.home}, else the command that started this process. */
        private static String defaultJava() {
            String exe = WorkerProcess.isWindows() ? "java.exe" : "java";
            Path java = Path.of(System.getProperty("java.home"), "bin", exe);
            if (java.toFile().canExecute()) {
                return java.toString();
            }
            return ProcessHandle.current().info().command().orElse(exe);
        }

        /** The workers' class path: the project's classes, its dependencies and hpo4j-runtime. Default: this JVM's. */
        public Builder classpath(String path) {
            this.classpath = Objects.requireNonNull(path, "classpath");
            return this;
        }

        /** The class path as entries. */
        public Builder classpath(List<Path> entries) {
            return classpath(String.join(java.io.File.pathSeparator, entries.stream().map(Path::toString).toList()));
        }

        /** How many workers run at once (parallelism); default 1. */
        public Builder workers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, got " + count);
            }
            this.workers = count;
            return this;
        }

        /** The workers' maximum heap, as {@code -Xmx} takes it ({@code 512m}, {@code 4g}). */
        public Builder maxHeap(String size) {
            if (!size.matches("\\d+[kKmMgG]?")) {
                throw new IllegalArgumentException("worker heap size '" + size + "' is not like 512m or 4g");
            }
            jvmArgs.add("-Xmx" + size);
            return this;
        }

        /** More options for the worker JVMs ({@code -D...}, {@code -XX:...}). */
        public Builder jvmArgs(List<String> args) {
            jvmArgs.addAll(args);
            return this;
        }

        /** How long one evaluation may take; {@code null} or zero for no limit (the default). */
        public Builder timeout(Duration limit) {
            this.timeout = limit == null || limit.isZero() ? null : limit;
            return this;
        }

        /** How long a worker may take to start (default 60 s). */
        public Builder startupTimeout(Duration limit) {
            this.startupTimeout = Objects.requireNonNull(limit);
            return this;
        }

        /** The {@code java} command; default the one running this JVM. */
        public Builder javaExecutable(String command) {
            this.javaExecutable = Objects.requireNonNull(command);
            return this;
        }

        /** The study's {@code SearchSpace.describe()}; a worker whose space differs refuses to work. */
        public Builder expectedSpace(String fingerprint) {
            this.expectedSpace = fingerprint;
            return this;
        }

        /** Where the workers' standard error (and what they print) goes, line by line; default this JVM's stderr. */
        public Builder workerOutput(Consumer<String> sink) {
            this.workerOutput = Objects.requireNonNull(sink);
            return this;
        }

        /** The workers' output into {@code stream}. */
        public Builder workerOutput(PrintStream stream) {
            return workerOutput(stream::println);
        }

        /**
         * How many characters of a worker's output and of a failure cause are kept
         * ({@code hpo.outputLimit}, default {@value Failures#DEFAULT_LIMIT}); longer ones keep
         * their start and end, marked as cut.
         */
        public Builder outputLimit(int characters) {
            this.outputLimit = Failures.checkLimit(characters);
            return this;
        }

        /**
         * Starts a fresh worker JVM after this many evaluations ({@code hpo.freshWorkerEvery}; 1:
         * every evaluation in a fresh JVM, so no static state or thread carries over); 0 (the
         * default) keeps each worker for the whole study, saving a JVM start per evaluation.
         */
        public Builder freshWorkerEvery(int evaluations) {
            if (evaluations < 0) {
                throw new IllegalArgumentException("hpo.freshWorkerEvery: must be 0 or more, got " + evaluations);
            }
            this.freshWorkerEvery = evaluations;
            return this;
        }

        /**
         * Passes a database password variable ({@code HPO_DB_PASSWORD} or {@code PGPASSWORD}) on to
         * the worker JVMs, for an objective that reads it itself; by default they do not inherit them.
         */
        public Builder passSecret(String variable) {
            if (!WorkerProcess.SECRETS.contains(variable)) {
                throw new IllegalArgumentException(variable + " is passed to workers anyway; only " + WorkerProcess.SECRETS + " are withheld");
            }
            passedSecrets.add(variable);
            return this;
        }

        /** Starts the workers (in the background) and returns the executor. */
        public ForkedWorkerExecutor build() {
            return new ForkedWorkerExecutor(new Settings(objectiveClass, classpath, workers, List.copyOf(jvmArgs),
                    timeout, startupTimeout, javaExecutable, expectedSpace, workerOutput, outputLimit, freshWorkerEvery,
                    Set.copyOf(passedSecrets)));
        }
    }
}
