package org.hpo4j.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.hpo4j.distributed.RemoteWorker;
import org.hpo4j.tune.JvmOptions;
import org.hpo4j.tune.StudyWorker;
import org.hpo4j.tune.TuneException;

/**
 * Joins a study that {@code hpo:tune} coordinates in a PostgreSQL database and runs its evaluations
 * until the study is finished: start it on as many machines as you like, and stop it at any time
 * (a stopped worker's evaluation runs again elsewhere once its lease runs out). Compiles the
 * project first, since it runs the project's objective class.
 */
@Mojo(name = "worker", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class WorkerMojo extends AbstractMojo {

    /** Binary name of the objective class; needed only when the project has several. */
    @Parameter(property = "hpo.objective")
    String objective;

    /** The study to join; default the class's {@code @StudyName}, else its simple name. */
    @Parameter(property = "hpo.study")
    String study;

    /** The coordinator's database: {@code jdbc:postgresql://host[:port]/database}. */
    @Parameter(property = "hpo.storage", required = true)
    String storage;

    /**
     * The id of a {@code <server>} in {@code settings.xml} whose username and (possibly encrypted)
     * password log in to the database; without it they come from the environment
     * ({@code HPO_DB_USER}/{@code HPO_DB_PASSWORD} or {@code PGUSER}/{@code PGPASSWORD}).
     */
    @Parameter(property = "hpo.storageServer")
    String storageServer;

    /** How many evaluations this worker runs at once. */
    @Parameter(property = "hpo.parallelism", defaultValue = "1")
    int parallelism;

    /** Seconds one evaluation may take before it is stopped and recorded as failed. */
    @Parameter(property = "hpo.evaluationTimeout")
    Double evaluationTimeout;

    /**
     * Seconds a claimed evaluation stays this worker's without a heartbeat; when the worker dies its
     * evaluation runs again elsewhere this long after its last heartbeat.
     */
    @Parameter(property = "hpo.lease", defaultValue = "60")
    double lease;

    /**
     * Where the study's checkpoints live, as given to the coordinator's {@code hpo:tune}: a
     * directory every machine sees; default {@code target/hpo/<study>/checkpoints}.
     */
    @Parameter(property = "hpo.checkpointDir")
    File checkpointDir;

    /**
     * How many characters of a failure cause and of a worker's captured output are kept (default
     * 65536); longer ones keep their start and end, marked as cut.
     */
    @Parameter(property = "hpo.outputLimit")
    Integer outputLimit;

    /** Starts a fresh worker JVM after this many evaluations (1: always); default 0, workers are kept. */
    @Parameter(property = "hpo.freshWorkerEvery")
    Integer freshWorkerEvery;

    /** Seconds the worker keeps trying to reach an unreachable database (restart, outage); default 300. */
    @Parameter(property = "hpo.storeOutage")
    Double storeOutage;

    /**
     * Options of the worker JVMs that run the evaluations, as {@code java} takes them: heap
     * ({@code -Xmx4g}), system properties the objective reads ({@code -Dxgb.nthread=2}),
     * {@code -Djava.library.path=...}, agents ({@code -javaagent:...}). White space separates
     * options; quotes keep one with spaces together. A {@code -D} given to {@code mvn} itself only
     * reaches Maven's JVM, not the workers.
     */
    @Parameter(property = "hpo.jvmArgs")
    String jvmArgs;

    /** Skips the goal. */
    @Parameter(property = "hpo.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /** The plugin's dependencies (hpo4j-tuner and what it needs), for the worker JVMs' class path. */
    @Parameter(defaultValue = "${plugin.artifacts}", readonly = true, required = true)
    List<Artifact> pluginArtifacts;

    @Component
    SettingsDecrypter decrypter;

    /** {@code hpo.jvmArgs} as options; a bad one fails the goal with its message. */
    private List<String> jvmOptions() throws MojoFailureException {
        try {
            return JvmOptions.parse(jvmArgs);
        } catch (TuneException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("hpo:worker skipped (hpo.skip)");
            return;
        }
        String[] credentials = StorageCredentials.of(session.getSettings(), decrypter, storageServer);
        List<Path> classpath = ProjectClasses.runtimeClasspath(project);
        StudyWorker.Request request = new StudyWorker.Request(objective, study, storage, credentials[0],
                credentials[1], parallelism, evaluationTimeout, lease, project.getBasedir().toPath(),
                ProjectClasses.workerClasspath(pluginArtifacts, classpath), checkpointDir == null ? null : checkpointDir.toPath(),
                outputLimit, freshWorkerEvery, storeOutage, jvmOptions());
        RemoteWorker.Summary summary = ProjectClasses.withLoader(classpath, loader -> {
            try {
                return new StudyWorker(System.out).run(request, loader);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MojoExecutionException("hpo:worker was interrupted", e);
            }
        });
        getLog().info("hpo:worker ran " + (summary.finished() + summary.failed()) + " evaluations ("
                + summary.failed() + " failed)");
    }
}
