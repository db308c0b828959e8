package org.hpo4j.maven;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.hpo4j.distributed.RemoteWorker;
import org.hpo4j.tune.JvmOptions;
import org.hpo4j.tune.StoreAccess;
import org.hpo4j.tune.StudyWorker;

/**
 * Joins a study that {@code hpo:tune} coordinates in a PostgreSQL database
 * ({@code -Dhpo.storage=jdbc:postgresql://host[:port]/database}) and runs its evaluations until the
 * study is finished: start it on as many machines as you like, and stop it at any time (a stopped
 * worker's evaluation runs again elsewhere once its lease runs out). Compiles the project first,
 * since it runs the project's objective class.
 */
@Mojo(name = "worker", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class WorkerMojo extends EvaluationMojo {

    /**
     * Seconds a claimed evaluation stays this worker's without a heartbeat; when the worker dies its
     * evaluation runs again elsewhere this long after its last heartbeat.
     */
    @Parameter(property = "hpo.lease", defaultValue = "60")
    double lease;

    public WorkerMojo() {
        super("worker");
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        List<Path> classpath = ProjectClasses.runtimeClasspath(project);
        StoreAccess store = storeAccess();
        RemoteWorker.Summary summary = withProjectClasses(classpath, loader -> {
            StudyWorker.Request request = new StudyWorker.Request(objective, study, store.storage(), store.user(),
                    store.password(), parallelism, evaluationTimeout, lease, baseDirectory(),
                    workerClasspath(classpath), path(checkpointDir), outputLimit, freshWorkerEvery, storeOutage,
                    JvmOptions.parse(jvmArgs));
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
