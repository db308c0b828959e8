package org.hpo4j.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The goals that run evaluations in worker JVMs ({@code hpo:tune} and {@code hpo:worker}): how many
 * at once, how long each may take, where checkpoints live and how the worker JVMs are started.
 */
abstract class EvaluationMojo extends StoreMojo {

    /** How many evaluations run at once: that many long-lived worker JVMs on the project's class path. */
    @Parameter(property = "hpo.parallelism", defaultValue = "1")
    int parallelism;

    /** Seconds one evaluation may take before it is stopped and recorded as failed. */
    @Parameter(property = "hpo.evaluationTimeout")
    Double evaluationTimeout;

    /**
     * Where checkpoints live, one folder per study; default {@code target/hpo/<study>/checkpoints}.
     * Every worker must see it: a shared directory for studies on several machines, the same for
     * {@code hpo:tune} and its {@code hpo:worker}s.
     */
    @Parameter(property = "hpo.checkpointDir")
    File checkpointDir;

    /**
     * How many characters of a failure cause and of a worker's captured output are kept (default
     * 65536); longer ones keep their start and end, marked as cut.
     */
    @Parameter(property = "hpo.outputLimit")
    Integer outputLimit;

    /**
     * Starts a fresh worker JVM after this many evaluations (1: each evaluation in a fresh JVM, so no
     * static state or thread of one evaluation reaches the next); default 0, workers live for the study.
     */
    @Parameter(property = "hpo.freshWorkerEvery")
    Integer freshWorkerEvery;

    /**
     * Options of the worker JVMs that run the evaluations, as {@code java} takes them: heap
     * ({@code -Xmx4g}), system properties the objective reads ({@code -Dxgb.nthread=2}),
     * {@code -Djava.library.path=...}, agents ({@code -javaagent:...}). White space separates
     * options; quotes keep one with spaces together. A {@code -D} given to {@code mvn} itself only
     * reaches Maven's JVM, not the workers.
     */
    @Parameter(property = "hpo.jvmArgs")
    String jvmArgs;

    /** The plugin's dependencies (hpo4j-tuner and what it needs), for the worker JVMs' class path. */
    @Parameter(defaultValue = "${plugin.artifacts}", readonly = true, required = true)
    List<Artifact> pluginArtifacts;

    EvaluationMojo(String goal) {
        super(goal);
    }

    /** The class path of the worker JVMs: the plugin's jars, then the project's {@code classpath}. */
    List<Path> workerClasspath(List<Path> classpath) {
        return ProjectClasses.workerClasspath(pluginArtifacts, classpath);
    }
}
