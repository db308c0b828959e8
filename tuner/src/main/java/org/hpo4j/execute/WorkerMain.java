package org.hpo4j.execute;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import org.hpo4j.inject.Injector;
import org.hpo4j.inject.Injectors;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.store.ConfigurationCodec;
import org.hpo4j.objective.CheckpointFolder;
import org.hpo4j.objective.Objective;
import org.hpo4j.optimizer.Result;

/**
 * The main class of a worker JVM: {@code java -cp <classpath> org.hpo4j.execute.WorkerMain <class>}.
 * It runs one evaluation after another as its coordinator asks ({@link WorkerProtocol}) and exits
 * when told to or when its coordinator goes away.
 *
 * <p>{@code <class>} is either a {@link WorkerObjective} or a class annotated for hpo4j with an
 * {@code @Objective} method: then each evaluation gets a fresh instance, with the configuration and
 * the budget injected into its fields by the generated {@code Injector}.
 */
public final class WorkerMain {
    private final DataOutputStream out;
    private final SearchSpace space;
    private final Objective objective;

    private WorkerMain(DataOutputStream out, SearchSpace space, Objective objective) {
        this.out = out;
        this.space = space;
        this.objective = objective;
    }

    /** Runs the worker; see the class comment. */
    public static void main(String[] args) throws IOException {
        // the protocol owns the real stdout and stdin; the user's code prints to stderr and reads nothing
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        System.setIn(new ByteArrayInputStream(new byte[0]));
        // Ctrl-C in a terminal reaches the whole process group; the coordinator ends its workers itself
        Interruptions.ignoreCtrlC();
        if (args.length != 1) {
            startupFailed(out, "usage: WorkerMain <objective class>");
            return;
        }
        WorkerMain worker;
        try {
            worker = create(args[0], out);
        } catch (Throwable t) {
            startupFailed(out, "cannot load objective " + args[0] + ": " + Failures.describe(t));
            return;
        }
        synchronized (out) {
            WorkerProtocol.begin(out, WorkerProtocol.READY);
            WorkerProtocol.writeString(out, worker.space.describe());
            out.writeLong(ProcessHandle.current().pid());
            out.flush();
        }
        worker.serve(in);
    }

    private static void startupFailed(DataOutputStream out, String cause) throws IOException {
        WorkerProtocol.begin(out, WorkerProtocol.STARTUP_FAILED);
        WorkerProtocol.writeString(out, cause);
        out.flush();
        System.exit(2);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static WorkerMain create(String className, DataOutputStream out) throws ReflectiveOperationException {
        Class<?> type = Class.forName(className, true, ClassLoader.getSystemClassLoader());
        if (WorkerObjective.class.isAssignableFrom(type)) {
            WorkerObjective objective = (WorkerObjective) type.getDeclaredConstructor().newInstance();
            return new WorkerMain(out, objective.space(), objective);
        }
        Injector injector = Injectors.forClass(type);
        if (!injector.hasObjective()) {
            throw new IllegalArgumentException(className + " has no @Objective method to evaluate");
        }
        java.lang.reflect.Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(className + " needs a constructor without parameters:"
                    + " each evaluation gets a fresh instance", e);
        }
        constructor.setAccessible(true);
        Objective objective = new InjectedObjective<Object>(injector, () -> constructor.newInstance());
        return new WorkerMain(out, injector.space(), objective);
    }

    /** One frame from the coordinator: a task, or null to stop. */
    private record Request(int jobId, long seed, double budget, double previousBudget, String workDirectory,
                           String checkpointDirectory, String checkpointDigest, String configuration) {
    }

    /** The job the coordinator asked to stop early; job ids are never reused, so the last one suffices. */
    private volatile int stopJob = -1;

    private void serve(DataInputStream in) throws IOException {
        LinkedBlockingQueue<Request> requests = new LinkedBlockingQueue<>();
        // read on a thread of its own so that a coordinator that dies ends the worker even mid-evaluation
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    byte type = WorkerProtocol.nextType(in);
                    if (type == WorkerProtocol.SHUTDOWN) {
                        break;
                    }
                    if (type == WorkerProtocol.STOP) {
                        stopJob = in.readInt();
                        continue;
                    }
                    if (type != WorkerProtocol.RUN) {
                        throw new IOException("unknown frame type " + type);
                    }
                    requests.add(new Request(in.readInt(), in.readLong(), in.readDouble(), in.readDouble(),
                            WorkerProtocol.readString(in), WorkerProtocol.readString(in), WorkerProtocol.readString(in),
                            WorkerProtocol.readString(in)));
                }
                requests.add(new Request(-1, 0, 0, 0, null, null, null, null));
            } catch (IOException e) {
                // the coordinator is gone: nobody wants the result of what runs now
                Runtime.getRuntime().halt(WorkerProtocol.isEnd(e) ? 0 : 4);
            }
        }, "hpo-worker-protocol");
        reader.setDaemon(true);
        reader.start();
        while (true) {
            Request r;
            try {
                r = requests.take();
            } catch (InterruptedException e) {
                return;
            }
            if (r.jobId() < 0) {
                out.flush();
                System.exit(0);
            }
            Set<Thread> before = nonDaemonThreads();
            run(r);
            warnAboutLeftoverThreads(r.jobId(), before);
        }
    }

    private static Set<Thread> nonDaemonThreads() {
        Set<Thread> threads = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.isDaemon() && t.isAlive()) {
                threads.add(t);
            }
        }
        return threads;
    }

    /**
     * Threads an evaluation started and left running carry over to the next evaluation in this JVM
     * (and keep the CPU busy): the user hears of them once, with a way out.
     */
    private static void warnAboutLeftoverThreads(int jobId, Set<Thread> before) {
        Set<Thread> left = nonDaemonThreads();
        left.removeAll(before);
        if (!left.isEmpty()) {
            List<String> names = left.stream().map(Thread::getName).sorted().limit(5).toList();
            System.err.println("hpo4j: warning: the evaluation of job " + jobId + " left " + left.size()
                    + " non-daemon thread(s) running (" + String.join(", ", names) + (left.size() > 5 ? ", ..." : "")
                    + "); they go on into the next evaluations of this worker JVM. Stop them before the objective"
                    + " returns, or start a fresh worker for each evaluation with -Dhpo.freshWorkerEvery=1");
        }
    }

    private void run(Request r) throws IOException {
        Result result;
        try {
            Configuration configuration = ConfigurationCodec.decode(space, r.configuration());
            CheckpointFolder checkpoints = r.checkpointDirectory().isEmpty() ? null
                    : new CheckpointFolder(Path.of(r.checkpointDirectory()), r.budget(), r.previousBudget(),
                    r.configuration(), r.checkpointDigest().isEmpty() ? null : r.checkpointDigest());
            TaskContext context = new TaskContext(r.jobId(), r.budget(), r.previousBudget(), r.seed(),
                    Path.of(r.workDirectory()), new TaskContext.Sink() {
                        @Override
                        public void report(double step, double v) {
                            WorkerMain.this.report(r.jobId(), step, v);
                        }

                        @Override
                        public void continued(double fromBudget) {
                            WorkerMain.this.continued(r.jobId(), fromBudget);
                        }
                    }, () -> stopJob == r.jobId(), checkpoints);
            result = objective.result(configuration, context);
        } catch (Throwable t) {
            // after an OutOfMemoryError (or another VirtualMachineError) this JVM is suspect: report, then leave
            boolean fatal = t instanceof VirtualMachineError;
            // bounded here too: a cause of many MB would cross the pipe, be stored twice and reported
            String cause = Failures.bound(Failures.describe(t), Failures.limitOfThisJvm());
            synchronized (out) {
                WorkerProtocol.begin(out, WorkerProtocol.FAILED);
                out.writeInt(r.jobId());
                WorkerProtocol.writeString(out, cause);
                out.writeBoolean(fatal);
                out.flush();
            }
            if (fatal) {
                System.exit(1);
            }
            return;
        }
        synchronized (out) {
            if (result.isFailure()) {
                // NaN or infinity in one of several values: the coordinator learns which
                WorkerProtocol.begin(out, WorkerProtocol.FAILED);
                out.writeInt(r.jobId());
                WorkerProtocol.writeString(out, result.failure());
                out.writeBoolean(false);
            } else if (result.isMultiObjective() || !result.constraints().isEmpty()) {
                WorkerProtocol.begin(out, WorkerProtocol.SCORE);
                out.writeInt(r.jobId());
                WorkerProtocol.writeValues(out, result.objectives());
                WorkerProtocol.writeValues(out, result.constraints());
            } else {
                WorkerProtocol.begin(out, WorkerProtocol.RESULT);
                out.writeInt(r.jobId());
                out.writeDouble(result.value());
            }
            out.flush();
        }
    }

    private void continued(int jobId, double fromBudget) {
        try {
            synchronized (out) {
                WorkerProtocol.begin(out, WorkerProtocol.CONTINUED);
                out.writeInt(jobId);
                out.writeDouble(fromBudget);
                out.flush();
            }
        } catch (IOException e) {
            Runtime.getRuntime().halt(4);
        }
    }

    private void report(int jobId, double step, double value) {
        try {
            synchronized (out) {
                WorkerProtocol.begin(out, WorkerProtocol.REPORT);
                out.writeInt(jobId);
                out.writeDouble(step);
                out.writeDouble(value);
                out.flush();
            }
        } catch (IOException e) {
            Runtime.getRuntime().halt(4);
        }
    }
}
