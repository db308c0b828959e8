package org.hpo4j.execute;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hpo4j.optimizer.Result;
import org.hpo4j.store.ConfigurationCodec;

/**
 * One running worker JVM ({@link WorkerMain}) as its coordinator sees it: the process, the
 * coordinator's half of {@link WorkerProtocol} (start-up handshake, one task at a time, stop
 * requests, shutdown) and the tail of its standard error, which explains a crash. Echoes the
 * worker's output to the console at a bounded rate.
 */
final class WorkerProcess {
    /** Lines of a worker's standard error kept to explain a crash (within the output limit). */
    private static final int TAIL_LINES = 5;
    /** Lines of a worker's output echoed to the console at once, and per second after that. */
    static final int ECHO_BURST = 200;
    static final int ECHO_PER_SECOND = 50;
    /** Characters of one echoed line; the captured tail keeps up to the output limit. */
    static final int ECHO_LINE = 2000;
    /** The exit code of a process ended by SIGKILL ({@link Process#destroyForcibly}) on Unix. */
    private static final int KILLED = 128 + 9;

    /**
     * The environment variables of database passwords, which hpo4j reads in the coordinator and the
     * {@code hpo:worker} process; the worker JVMs that run evaluations never open the study store.
     */
    static final Set<String> SECRETS = Set.of("HPO_DB_PASSWORD", "PGPASSWORD");

    final Process process;
    final String name;
    private final DataOutputStream in;
    private final DataInputStream out;
    private final Deque<String> tail = new ArrayDeque<>();
    private int tailChars;
    private final EchoLimit echo = new EchoLimit(ECHO_BURST, ECHO_PER_SECOND);
    private final String prefix;
    private final Consumer<String> console;
    private final int outputLimit;
    private volatile boolean timedOut;
    /** The budget the running task's objective continued from (a CONTINUED frame), 0 if none. */
    private double continuedFrom;

    private WorkerProcess(Process process, int number, Consumer<String> console, int outputLimit) {
        this.process = process;
        this.name = "worker-" + number + " (pid " + process.pid() + ")";
        this.prefix = "[worker-" + number + "] ";
        this.console = console;
        this.outputLimit = outputLimit;
        this.in = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        this.out = new DataInputStream(new BufferedInputStream(process.getInputStream()));
    }

    /** A started worker, or why there is none. */
    record Startup(WorkerProcess worker, String failure) {
    }

    /** How one task ended: its result, the budget it continued from, and whether its worker must go. */
    record Outcome(Result result, double continuedFrom, boolean retire) {
    }

    /**
     * Starts worker {@code number} with {@code command} and waits for its READY frame.
     *
     * @param passedSecrets the {@link #SECRETS} the objective needs; the others are withheld
     * @param expectedSpace the study's search space, which the worker's must equal; {@code null} for any
     * @param objectiveClass the class the worker runs, for messages
     */
    static Startup start(int number, List<String> command, Set<String> passedSecrets, Consumer<String> console,
                         int outputLimit, Duration startupTimeout, ScheduledExecutorService watchdog,
                         String expectedSpace, String objectiveClass) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            withholdSecrets(builder.environment(), passedSecrets);
            process = builder.start();
        } catch (IOException e) {
            return new Startup(null, "cannot run " + command.get(0) + ": " + e.getMessage());
        }
        WorkerProcess w = new WorkerProcess(process, number, console, outputLimit);
        Thread err = new Thread(w::drain, "hpo-worker-" + number + "-stderr");
        err.setDaemon(true);
        err.start();
        ScheduledFuture<?> startupTimer = watchdog.schedule(() -> {
            w.timedOut = true;
            process.destroyForcibly();
        }, startupTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            byte type = WorkerProtocol.nextType(w.out);
            if (type == WorkerProtocol.STARTUP_FAILED) {
                String failure = WorkerProtocol.readString(w.out);
                process.destroyForcibly();
                return new Startup(null, failure);
            }
            if (type != WorkerProtocol.READY) {
                throw new IOException("unexpected frame " + type + " instead of READY");
            }
            String space = WorkerProtocol.readString(w.out);
            w.out.readLong();
            if (expectedSpace != null && !expectedSpace.equals(space)) {
                process.destroyForcibly();
                return new Startup(null, "the worker's search space of " + objectiveClass
                        + " differs from the study's (recompile, or start a fresh study):\nworker:\n" + space
                        + "study:\n" + expectedSpace);
            }
            w.forget();
            return new Startup(w, null);
        } catch (IOException e) {
            process.destroyForcibly();
            return new Startup(null, w.timedOut
                    ? "no answer within " + startupTimeout.toSeconds() + " s"
                    : "worker ended before it was ready (" + w.exitDescription() + ")" + w.tailText());
        } finally {
            startupTimer.cancel(false);
        }
    }

    /**
     * Runs {@code task}: sends it, passes its reports to {@code listener} and reads frames until its
     * outcome; a crash, a lost connection or {@code timeout} ({@code null} for none) is a failure.
     */
    Outcome run(Task task, ReportListener listener, Duration timeout, ScheduledExecutorService watchdog) {
        ScheduledFuture<?> timer = null;
        continuedFrom = 0;
        Outcome outcome;
        try {
            synchronized (in) {
                WorkerProtocol.writeRun(in, task, ConfigurationCodec.encode(task.configuration()));
            }
            if (timeout != null) {
                timer = watchdog.schedule(() -> {
                    if (process.isAlive()) {
                        timedOut = true;
                        process.destroyForcibly();
                    }
                }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            outcome = readOutcome(task, listener);
        } catch (IOException e) {
            outcome = lost(e, timeout);
        } finally {
            flushEcho();
        }
        if (timer != null && !timer.cancel(false) && !outcome.retire()) {
            // the timer fired as the result came in: the worker is being killed, do not reuse it
            kill();
            outcome = new Outcome(outcome.result(), outcome.continuedFrom(), true);
        }
        forget();
        return outcome;
    }

    /** Reads the frames of the running task up to its result. */
    private Outcome readOutcome(Task task, ReportListener listener) throws IOException {
        while (true) {
            byte type = WorkerProtocol.nextType(out);
            if (type == WorkerProtocol.REPORT) {
                int jobId = out.readInt();
                double step = out.readDouble();
                double value = out.readDouble();
                if (jobId == task.jobId()) {
                    listener.report(task, step, value);
                }
            } else if (type == WorkerProtocol.CONTINUED) {
                int jobId = out.readInt();
                double from = out.readDouble();
                if (jobId == task.jobId()) {
                    continuedFrom = from;
                }
            } else if (type == WorkerProtocol.RESULT) {
                out.readInt();
                return new Outcome(Result.of(out.readDouble()), continuedFrom, false);
            } else if (type == WorkerProtocol.SCORE) {
                out.readInt();
                List<Double> objectives = WorkerProtocol.readValues(out);
                return new Outcome(Result.of(objectives, WorkerProtocol.readValues(out)), continuedFrom, false);
            } else if (type == WorkerProtocol.FAILED) {
                out.readInt();
                String cause = Failures.bound(WorkerProtocol.readString(out), outputLimit);
                boolean fatal = out.readBoolean();
                if (fatal) {
                    kill();
                }
                return new Outcome(Result.failed(cause), continuedFrom, fatal);
            } else {
                throw new IOException("unexpected frame type " + type);
            }
        }
    }

    /** The failure of a task whose worker stopped answering: killed by the timeout, exited, or cut off. */
    private Outcome lost(IOException e, Duration timeout) {
        boolean alive = process.isAlive();
        kill();
        int code = exitCode();
        // a worker that ended on its own just as the timer fired keeps its own exit code
        Result result;
        if (timedOut && (code == KILLED || code == -1 || isWindows())) {
            result = Result.failed(Failures.timeout(timeout));
        } else if (WorkerProtocol.isEnd(e) || !alive) {
            result = Result.failed("worker exited with code " + code + tailText());
        } else {
            result = Result.failed("lost contact with " + name + ": " + e.getMessage() + tailText());
        }
        return new Outcome(result, continuedFrom, true);
    }

    /** Asks the worker to stop the evaluation of {@code jobId} early; a gone worker ends it as a failure anyway. */
    void requestStop(int jobId) {
        try {
            synchronized (in) {
                WorkerProtocol.begin(in, WorkerProtocol.STOP);
                in.writeInt(jobId);
                in.flush();
            }
        } catch (IOException e) {
            // the worker is gone; its task ends as a failure on its own
        }
    }

    /** Asks the worker to end, and kills it when it has not within a second. */
    void shutdown() {
        try {
            synchronized (in) {
                WorkerProtocol.begin(in, WorkerProtocol.SHUTDOWN);
                in.flush();
            }
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }

    /** Kills the worker and waits (up to 10 s) until it is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Removes the {@link #SECRETS} from a worker's environment, but those the objective needs ({@code passed}). */
    static void withholdSecrets(Map<String, String> environment, Set<String> passed) {
        for (String name : SECRETS) {
            if (!passed.contains(name)) {
                environment.remove(name);
            }
        }
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }

    private int exitCode() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String exitDescription() {
        return process.isAlive() ? "still running" : "exit code " + exitCode();
    }

    /** The last lines of the worker's standard error, introduced, or "" when it printed none. */
    private String tailText() {
        // the stderr reader may lag the exit by a moment
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String text = Failures.bound(tail(), outputLimit);
        return text.isEmpty() ? "" : "\nlast output of the worker:\n" + text;
    }

    /** Reads the worker's standard error until it ends: kept as the tail, echoed to the console. */
    private void drain() {
        try (Reader r = new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)) {
            BoundedLines.read(r, outputLimit, line -> {
                remember(line);
                echo(line);
            });
        } catch (IOException e) {
            // the worker is gone; nothing more to read
        }
        flushEcho();
    }

    private synchronized void remember(String line) {
        tail.addLast(line);
        tailChars += line.length() + 1;
        while (tail.size() > TAIL_LINES || (tailChars > outputLimit && tail.size() > 1)) {
            tailChars -= tail.removeFirst().length() + 1;
        }
    }

    /** Echoes a line of output to the console, unless the worker prints faster than the echo's rate. */
    private synchronized void echo(String line) {
        long dropped = echo.tryAcquire(System.nanoTime());
        if (dropped != EchoLimit.REFUSED) {
            sayDropped(dropped);
            console.accept(prefix + Failures.bound(line, ECHO_LINE));
        }
    }

    /** Says how many lines were not echoed since the last one that was (at the end of an evaluation). */
    private synchronized void flushEcho() {
        sayDropped(echo.takeDropped());
    }

    private void sayDropped(long dropped) {
        if (dropped > 0) {
            console.accept(prefix + "[" + dropped + " lines not shown: more than " + ECHO_PER_SECOND
                    + " lines per second]");
        }
    }

    private synchronized String tail() {
        return String.join("\n", tail);
    }

    private synchronized void forget() {
        tail.clear();
        tailChars = 0;
    }
}
