package org.hpo4j.execute;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hpo4j.optimizer.Result;
import org.hpo4j.store.ConfigurationCodec;

/**
 * Runs evaluations in long-lived worker JVMs ({@link WorkerMain}), one evaluation after another per
 * worker, so the JVM start-up is paid once per worker. A worker that times out is killed; a worker
 * that dies ({@code System.exit}, a crash, an {@code OutOfMemoryError}) fails its evaluation with
 * the cause; either way a new worker takes its place.
 */
public final class ForkedWorkerExecutor implements Executor {
    private static final Task STOP = new Task(-1, 0, null, 0, 0, 0, null);
    /** Lines of a worker's standard error kept to explain a crash (within the output limit). */
    private static final int TAIL_LINES = 5;
    /** Lines of a worker's output echoed to the console at once, and per second after that. */
    static final int ECHO_BURST = 200;
    static final int ECHO_PER_SECOND = 50;
    /** Characters of one echoed line; the captured tail keeps up to the output limit. */
    static final int ECHO_LINE = 2000;

    private final Settings settings;
    private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final CompletionQueue done;
    private final List<Slot> slots = new ArrayList<>();
    private final ScheduledExecutorService watchdog;
    private final Thread shutdownHook;
    private volatile ReportListener listener = (task, step, value) -> { };
    private volatile boolean closed;

    /** Everything that decides how workers are started; see {@link Builder}. */
    private record Settings(String objectiveClass, String classpath, int workers, List<String> jvmArgs,
                            Duration timeout, Duration startupTimeout, String javaExecutable,
                            String expectedSpace, Consumer<String> workerOutput, int outputLimit,
                            int freshWorkerEvery, Set<String> passedSecrets) {
    }

    private ForkedWorkerExecutor(Settings settings) {
        this.settings = settings;
        this.done = new CompletionQueue(settings.workers);
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
    public int outstanding() {
        return done.outstanding();
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
            Worker w = slot.worker;
            if (task != null && task.jobId() == jobId && w != null) {
                try {
                    synchronized (w.in) {
                        WorkerProtocol.begin(w.in, WorkerProtocol.STOP);
                        w.in.writeInt(jobId);
                        w.in.flush();
                    }
                } catch (IOException e) {
                    // the worker is gone; its task ends as a failure on its own
                }
            }
        }
    }

    @Override
    public Completion take() throws InterruptedException {
        return done.take();
    }

    @Override
    public Optional<Completion> poll(Duration wait) throws InterruptedException {
        return done.poll(wait);
    }

    @Override
    public void reportsTo(ReportListener reportListener) {
        this.listener = Objects.requireNonNull(reportListener, "listener");
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
            Worker w = slot.worker;
            if (w != null) {
                w.process.destroyForcibly();
            }
        }
    }

    /** A running worker JVM. */
    private static final class Worker {
        final Process process;
        final DataOutputStream in;
        final DataInputStream out;
        final Deque<String> tail = new ArrayDeque<>();
        private int tailChars;
        private final EchoLimit echo = new EchoLimit(ECHO_BURST, ECHO_PER_SECOND);
        private final String prefix;
        private final Consumer<String> console;
        final String name;
        volatile boolean timedOut;

        Worker(Process process, String name, String prefix, Consumer<String> console) {
            this.process = process;
            this.name = name;
            this.prefix = prefix;
            this.console = console;
            this.in = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
            this.out = new DataInputStream(new BufferedInputStream(process.getInputStream()));
        }

        synchronized void remember(String line, int limit) {
            tail.addLast(line);
            tailChars += line.length() + 1;
            while (tail.size() > TAIL_LINES || (tailChars > limit && tail.size() > 1)) {
                tailChars -= tail.removeFirst().length() + 1;
            }
        }

        /** Echoes a line of output to the console, unless the worker prints faster than the echo's rate. */
        synchronized void echo(String line) {
            long dropped = echo.tryAcquire(System.nanoTime());
            if (dropped != EchoLimit.REFUSED) {
                sayDropped(dropped);
                console.accept(prefix + Failures.bound(line, ECHO_LINE));
            }
        }

        /** Says how many lines were not echoed since the last one that was (at the end of an evaluation). */
        synchronized void flushEcho() {
            sayDropped(echo.takeDropped());
        }

        private void sayDropped(long dropped) {
            if (dropped > 0) {
                console.accept(prefix + "[" + dropped + " lines not shown: more than " + ECHO_PER_SECOND
                        + " lines per second]");
            }
        }

        synchronized String tail() {
            return String.join("\n", tail);
        }

        synchronized void forget() {
            tail.clear();
            tailChars = 0;
        }
    }

    /** One worker place: a thread that keeps a worker JVM alive and feeds it tasks. */
    private final class Slot {
        final int number;
        final Thread thread;
        volatile Worker worker;
        /** The task the worker runs now, null when idle. */
        volatile Task current;
        String startupFailure;
        /** The budget the current task's objective continued from (a CONTINUED frame), 0 if none. */
        double continuedFrom;
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
                String name = worker == null ? "worker-" + number : worker.name;
                current = task;
                continuedFrom = 0;
                Result result = worker == null
                        ? Result.failed("worker " + number + " failed to start: " + startupFailure)
                        : run(task);
                current = null;
                if (worker != null && settings.freshWorkerEvery > 0 && ++evaluationsOfWorker >= settings.freshWorkerEvery) {
                    // static state and leftover threads of the user's code end with the JVM
                    stopWorker();
                }
                done.add(new Completion(task, result, name, start, System.currentTimeMillis(), continuedFrom));
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
            Process process;
            try {
                ProcessBuilder builder = new ProcessBuilder(command);
                withholdSecrets(builder.environment(), settings.passedSecrets);
                process = builder.start();
            } catch (IOException e) {
                startupFailure = "cannot run " + settings.javaExecutable + ": " + e.getMessage();
                return;
            }
            Worker w = new Worker(process, "worker-" + number + " (pid " + process.pid() + ")", "[worker-" + number + "] ",
                    settings.workerOutput);
            Thread err = new Thread(() -> drain(w), "hpo-worker-" + number + "-stderr");
            err.setDaemon(true);
            err.start();
            ScheduledFuture<?> startupTimer = watchdog.schedule(() -> {
                w.timedOut = true;
                process.destroyForcibly();
            }, settings.startupTimeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                byte type = WorkerProtocol.nextType(w.out);
                if (type == WorkerProtocol.STARTUP_FAILED) {
                    startupFailure = WorkerProtocol.readString(w.out);
                    process.destroyForcibly();
                    return;
                }
                if (type != WorkerProtocol.READY) {
                    throw new IOException("unexpected frame " + type + " instead of READY");
                }
                String space = WorkerProtocol.readString(w.out);
                w.out.readLong();
                if (settings.expectedSpace != null && !settings.expectedSpace.equals(space)) {
                    startupFailure = "the worker's search space of " + settings.objectiveClass
                            + " differs from the study's (recompile, or start a fresh study):\nworker:\n" + space
                            + "study:\n" + settings.expectedSpace;
                    process.destroyForcibly();
                    return;
                }
                startupFailure = null;
                w.forget();
                worker = w;
                evaluationsOfWorker = 0;
            } catch (IOException e) {
                process.destroyForcibly();
                startupFailure = w.timedOut
                        ? "no answer within " + settings.startupTimeout.toSeconds() + " s"
                        : "worker ended before it was ready (" + exitDescription(process) + ")" + tailOf(w);
            } finally {
                startupTimer.cancel(false);
            }
        }

        private Result run(Task task) {
            Worker w = worker;
            ScheduledFuture<?> timer = null;
            try {
                synchronized (w.in) {
                    WorkerProtocol.begin(w.in, WorkerProtocol.RUN);
                    w.in.writeInt(task.jobId());
                    w.in.writeLong(task.seed());
                    w.in.writeDouble(task.budget());
                    w.in.writeDouble(task.previousBudget());
                    WorkerProtocol.writeString(w.in, task.workDirectory().toAbsolutePath().toString());
                    WorkerProtocol.writeString(w.in, task.checkpointDirectory() == null ? ""
                            : task.checkpointDirectory().toAbsolutePath().toString());
                    WorkerProtocol.writeString(w.in, task.checkpointDigest() == null ? "" : task.checkpointDigest());
                    WorkerProtocol.writeString(w.in, ConfigurationCodec.encode(task.configuration()));
                    w.in.flush();
                }
                if (settings.timeout != null) {
                    timer = watchdog.schedule(() -> {
                        if (w.process.isAlive()) {
                            w.timedOut = true;
                            w.process.destroyForcibly();
                        }
                    }, settings.timeout.toMillis(), TimeUnit.MILLISECONDS);
                }
                while (true) {
                    byte type = WorkerProtocol.nextType(w.out);
                    if (type == WorkerProtocol.REPORT) {
                        int jobId = w.out.readInt();
                        double step = w.out.readDouble();
                        double value = w.out.readDouble();
                        if (jobId == task.jobId()) {
                            listener.report(task, step, value);
                        }
                    } else if (type == WorkerProtocol.CONTINUED) {
                        int jobId = w.out.readInt();
                        double from = w.out.readDouble();
                        if (jobId == task.jobId()) {
                            continuedFrom = from;
                        }
                    } else if (type == WorkerProtocol.RESULT) {
                        w.out.readInt();
                        return Result.of(w.out.readDouble());
                    } else if (type == WorkerProtocol.SCORE) {
                        w.out.readInt();
                        java.util.List<Double> objectives = WorkerProtocol.readValues(w.out);
                        return Result.of(objectives, WorkerProtocol.readValues(w.out));
                    } else if (type == WorkerProtocol.FAILED) {
                        w.out.readInt();
                        String cause = Failures.bound(WorkerProtocol.readString(w.out), settings.outputLimit);
                        if (w.out.readBoolean()) {
                            retire(w);
                        }
                        return Result.failed(cause);
                    } else {
                        throw new IOException("unexpected frame type " + type);
                    }
                }
            } catch (IOException e) {
                boolean alive = w.process.isAlive();
                retire(w);
                int code = exitCode(w.process);
                // a worker that ended on its own just as the timer fired keeps its own exit code
                if (w.timedOut && (code == KILLED || code == -1 || isWindows())) {
                    return Result.failed(Failures.timeout(settings.timeout));
                }
                if (WorkerProtocol.isEnd(e) || !alive) {
                    return Result.failed("worker exited with code " + code + tailOf(w));
                }
                return Result.failed("lost contact with " + w.name + ": " + e.getMessage() + tailOf(w));
            } finally {
                if (timer != null && !timer.cancel(false) && worker == w) {
                    // the timer fired as the result came in: the worker is being killed, do not reuse it
                    retire(w);
                }
                w.flushEcho();
                w.forget();
            }
        }

        /** Ends a worker that cannot go on; the loop starts another. */
        private void retire(Worker w) {
            w.process.destroyForcibly();
            try {
                w.process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }

        private void stopWorker() {
            Worker w = worker;
            if (w == null) {
                return;
            }
            try {
                synchronized (w.in) {
                    WorkerProtocol.begin(w.in, WorkerProtocol.SHUTDOWN);
                    w.in.flush();
                }
                if (!w.process.waitFor(1, TimeUnit.SECONDS)) {
                    w.process.destroyForcibly();
                }
            } catch (IOException | InterruptedException e) {
                w.process.destroyForcibly();
            }
            worker = null;
        }

        private void drain(Worker w) {
            try (Reader r = new InputStreamReader(w.process.getErrorStream(), StandardCharsets.UTF_8)) {
                BoundedLines.read(r, settings.outputLimit, line -> {
                    w.remember(line, settings.outputLimit);
                    w.echo(line);
                });
            } catch (IOException e) {
                // the worker is gone; nothing more to read
            }
            w.flushEcho();
        }
    }

    /**
     * The environment variables of database passwords, which hpo4j reads in the coordinator and the
     * {@code hpo:worker} process; the worker JVMs that run evaluations never open the study store.
     */
    static final Set<String> SECRETS = Set.of("HPO_DB_PASSWORD", "PGPASSWORD");

    /** Removes the {@link #SECRETS} from a worker's environment, but those the objective needs ({@code passed}). */
    static void withholdSecrets(Map<String, String> environment, Set<String> passed) {
        for (String name : SECRETS) {
            if (!passed.contains(name)) {
                environment.remove(name);
            }
        }
    }

    /** The exit code of a process ended by SIGKILL ({@link Process#destroyForcibly}) on Unix. */
    private static final int KILLED = 128 + 9;

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }

    private static int exitCode(Process p) {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String exitDescription(Process p) {
        return p.isAlive() ? "still running" : "exit code " + exitCode(p);
    }

    private String tailOf(Worker w) {
        return tailOf(w, settings.outputLimit);
    }

    private static String tailOf(Worker w, int limit) {
        // the stderr reader may lag the exit by a moment
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String tail = Failures.bound(w.tail(), limit);
        return tail.isEmpty() ? "" : "\nlast output of the worker:\n" + tail;
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
            String exe = isWindows() ? "java.exe" : "java";
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
            if (!SECRETS.contains(variable)) {
                throw new IllegalArgumentException(variable + " is passed to workers anyway; only " + SECRETS + " are withheld");
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
