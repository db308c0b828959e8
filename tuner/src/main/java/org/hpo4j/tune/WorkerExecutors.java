package org.hpo4j.tune;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hpo4j.execute.Executor;
import org.hpo4j.execute.ForkedWorkerExecutor;
import org.hpo4j.execute.InProcessExecutor;
import org.hpo4j.execute.InjectedObjective;
import org.hpo4j.objective.Objective;

/** Who runs the evaluations of {@code hpo:tune} and {@code hpo:worker}: the same executor for both. */
final class WorkerExecutors {
    private WorkerExecutors() {
    }

    /**
     * {@code parallelism} long-lived worker JVMs on {@code classpath} (isolation from crashes, leaks
     * and {@code System.exit}); threads of this JVM when no class path is known (the tuner used as a
     * library).
     *
     * @param timeoutSeconds seconds one evaluation may take ({@code hpo.evaluationTimeout}); {@code null} for no limit
     * @param jvmArgs options of the worker JVMs ({@code hpo.jvmArgs}), checked here
     * @param freshWorkerEvery start a fresh worker JVM after this many evaluations; {@code null} or 0 never
     */
    static Executor create(String className, ObjectiveClasses.Loaded<?> loaded, List<Path> classpath, int parallelism,
                           Double timeoutSeconds, List<String> jvmArgs, int outputLimit, Integer freshWorkerEvery) {
        Duration timeout = timeoutSeconds == null ? null : Duration.ofMillis(Math.round(timeoutSeconds * 1000));
        if (classpath.isEmpty()) {
            return new InProcessExecutor(objective(loaded), parallelism, timeout);
        }
        return ForkedWorkerExecutor.builder(className)
                .classpath(classpath)
                .workers(parallelism)
                .timeout(timeout)
                .jvmArgs(JvmOptions.check(jvmArgs))
                .expectedSpace(loaded.injector().space().describe())
                .outputLimit(outputLimit)
                .freshWorkerEvery(freshWorkerEvery == null ? 0 : Math.max(0, freshWorkerEvery))
                .build();
    }

    /** The objective of a study over a class ({@link InjectedObjective}). */
    static <T> Objective objective(ObjectiveClasses.Loaded<T> loaded) {
        return new InjectedObjective<>(loaded.injector(), loaded::newInstance);
    }
}
