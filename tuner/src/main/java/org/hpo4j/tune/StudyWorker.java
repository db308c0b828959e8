package org.hpo4j.tune;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hpo4j.distributed.RemoteWorker;
import org.hpo4j.execute.Executor;
import org.hpo4j.execute.Failures;
import org.hpo4j.inject.StudyNames;
import org.hpo4j.store.StudyStore;

/**
 * What {@code mvn hpo:worker} does, without Maven: finds the objective class on a class path, joins
 * its study in a shared store and runs evaluations until the coordinator ({@code hpo:tune} on the
 * same store) marks the study finished.
 */
public final class StudyWorker {
    /**
     * How often an idle worker looks for pending jobs: a few queries per look, so a hundred idle
     * workers cost the database some hundreds of small transactions a second.
     */
    static final Duration POLL = Duration.ofMillis(500);

    private final PrintStream console;

    /** A worker printing what it does to {@code console}. */
    public StudyWorker(PrintStream console) {
        this.console = console;
    }

    /**
     * What a worker is told.
     *
     * @param objective binary name of the class ({@code hpo.objective}); {@code null} when the class
     *     path holds exactly one
     * @param study the study to join ({@code hpo.study}); {@code null}: the class's {@code @StudyName}
     *     or simple name, as {@code hpo:tune} names it
     * @param storage the shared store ({@code hpo.storage}), a {@code jdbc:postgresql:} URL
     * @param user the database user, {@code null} for the URL's or the environment's
     * @param password the database password, {@code null} for the URL's or the environment's
     * @param parallelism how many evaluations this worker runs at once ({@code hpo.parallelism})
     * @param evaluationTimeout seconds one evaluation may take, {@code null} for no limit
     * @param leaseSeconds how long a claim holds without a heartbeat ({@code hpo.lease}); a killed
     *     worker's job runs again this long after its last heartbeat
     * @param baseDirectory the project's folder; jobs get folders under {@code target/hpo}
     * @param classpath the project's class path: evaluations then run in long-lived worker JVMs, as
     *     {@code hpo:tune} runs them; empty for threads of this JVM
     * @param checkpointDir the folder under which the study's checkpoints live
     *     ({@code hpo.checkpointDir}, the coordinator's, shared by every machine); {@code null}:
     *     {@code target/hpo/<study>/checkpoints}, which only workers on the coordinator's machine share
     * @param outputLimit how many characters of a failure cause and of a worker's output are kept
     *     ({@code hpo.outputLimit}); {@code null}: {@value Failures#DEFAULT_LIMIT}
     * @param freshWorkerEvery start a fresh worker JVM after this many evaluations
     *     ({@code hpo.freshWorkerEvery}, 1: always); {@code null} or 0: keep workers
     * @param storeOutage seconds the worker keeps trying to reach an unreachable database
     *     ({@code hpo.storeOutage}); {@code null}: 300
     * @param jvmArgs options of the worker JVMs this worker forks ({@code hpo.jvmArgs}), see
     *     {@link JvmOptions#parse}; unused without a class path
     */
    public record Request(String objective, String study, String storage, String user, String password,
                          int parallelism, Double evaluationTimeout, double leaseSeconds, Path baseDirectory,
                          List<Path> classpath, Path checkpointDir, Integer outputLimit, Integer freshWorkerEvery,
                          Double storeOutage, List<String> jvmArgs) {

        /** A request with the default output limit, fresh-worker rule, outage tolerance and no worker JVM options. */
        public Request(String objective, String study, String storage, String user, String password,
                       int parallelism, Double evaluationTimeout, double leaseSeconds, Path baseDirectory,
                       List<Path> classpath, Path checkpointDir) {
            this(objective, study, storage, user, password, parallelism, evaluationTimeout, leaseSeconds,
                    baseDirectory, classpath, checkpointDir, null, null, null, List.of());
        }

        /** A request with the default checkpoint folder and no worker JVM options. */
        public Request(String objective, String study, String storage, String user, String password,
                       int parallelism, Double evaluationTimeout, double leaseSeconds, Path baseDirectory,
                       List<Path> classpath) {
            this(objective, study, storage, user, password, parallelism, evaluationTimeout, leaseSeconds,
                    baseDirectory, classpath, null, null, null, null, List.of());
        }

        /** The store, with this request's login and outage tolerance. */
        public StoreAccess store() {
            return new StoreAccess(storage, user, password, storeOutage);
        }

        public Request {
            classpath = classpath == null ? List.of() : List.copyOf(classpath);
            jvmArgs = jvmArgs == null ? List.of() : List.copyOf(jvmArgs);
        }
    }

    /**
     * Joins the study and works until it is finished.
     *
     * @throws TuneException for bad settings, naming the {@code hpo.*} property, or an unusable
     *     objective class
     */
    public RemoteWorker.Summary run(Request r, ClassLoader loader) throws InterruptedException {
        if (!r.store().shared()) {
            throw new TuneException("hpo.storage: hpo:worker joins a study in a shared database; give a"
                    + " jdbc:postgresql://host/database URL (the same as the coordinator's hpo:tune)");
        }
        if (r.parallelism() < 1) {
            throw new TuneException("hpo.parallelism: must be at least 1, got " + r.parallelism());
        }
        if (!(r.leaseSeconds() >= 1)) {
            throw new TuneException("hpo.lease: must be at least 1 second, got " + r.leaseSeconds());
        }
        if (r.evaluationTimeout() != null && !(r.evaluationTimeout() > 0)) {
            throw new TuneException("hpo.evaluationTimeout: must be a positive number of seconds, got "
                    + r.evaluationTimeout());
        }
        if (r.outputLimit() != null) {
            try {
                Failures.checkLimit(r.outputLimit());
            } catch (IllegalArgumentException e) {
                throw new TuneException(e.getMessage(), e);
            }
        }
        int outputLimit = r.outputLimit() != null ? r.outputLimit() : Failures.DEFAULT_LIMIT;
        String className = ObjectiveClasses.choose(ObjectiveClasses.list(loader), r.objective());
        ObjectiveClasses.Loaded<?> loaded = ObjectiveClasses.load(className, loader);
        String study;
        try {
            study = StudyNames.resolve(r.study(), loaded.injector());
        } catch (IllegalArgumentException e) {
            throw new TuneException(e.getMessage(), e);
        }
        Path base = r.baseDirectory() != null ? r.baseDirectory() : Path.of("").toAbsolutePath();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try (StudyStore store = r.store().open(base.resolve("target/hpo"), study, false,
                note -> console.println("[hpo] " + note));
             Executor executor = WorkerExecutors.create(className, loaded, r.classpath(), r.parallelism(),
                     r.evaluationTimeout(), r.jvmArgs(), outputLimit, r.freshWorkerEvery())) {
            RemoteWorker worker = new RemoteWorker(store, study, loaded.injector().space(), executor,
                    base.resolve("target/hpo"), Duration.ofMillis(Math.round(r.leaseSeconds() * 1000)),
                    POLL, console).outputLimit(outputLimit);
            // SIGTERM (a Kubernetes pod or Slurm job stopped): hand the running evaluations back at
            // once rather than a lease later
            Thread release = new Thread(worker::release, "hpo-worker-release");
            Runtime.getRuntime().addShutdownHook(release);
            if (r.checkpointDir() != null) {
                worker.checkpointDirectory(base.resolve(r.checkpointDir()).resolve(study));
            }
            try {
                return worker.run();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(release);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or has run
                }
            }
        } catch (IllegalStateException e) {
            throw new TuneException(e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
