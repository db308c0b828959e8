package org.hpo4j.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.hpo4j.tune.JvmOptions;
import org.hpo4j.tune.ResultFiles;
import org.hpo4j.tune.TuneException;
import org.hpo4j.tune.TuneRequest;
import org.hpo4j.tune.TuneSummary;
import org.hpo4j.tune.Tuner;

/**
 * Tunes the hyperparameters of the project's {@code @Objective} class and writes the best
 * configuration as a properties file that {@code Hpo.load} reads at run time. Compiles the project
 * first.
 */
@Mojo(name = "tune", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class TuneMojo extends AbstractMojo {

    /** Binary name of the class to tune; needed only when the project has several. */
    @Parameter(property = "hpo.objective")
    String objective;

    /**
     * The optimizer: hyper-gp, bohb, async-bohb, hyperband, random, or any other name the runtime's
     * registry knows. Unset: hyper-gp, with one worker or many and on a PostgreSQL store.
     */
    @Parameter(property = "hpo.optimizer")
    String optimizer;

    /** The seed: the same seed (with one evaluation at a time) gives the same study and file. */
    @Parameter(property = "hpo.seed", defaultValue = "0")
    long seed;

    /** The study's name; default the class's {@code @StudyName}, else its simple name. */
    @Parameter(property = "hpo.study")
    String study;

    /** Where the study is stored (a file database, or a JDBC URL); default the built-in store. */
    @Parameter(property = "hpo.storage")
    String storage;

    /**
     * The id of a {@code <server>} in {@code settings.xml} whose username and password log in to a
     * PostgreSQL {@code hpo.storage}; without it they come from the environment.
     */
    @Parameter(property = "hpo.storageServer")
    String storageServer;

    @org.apache.maven.plugins.annotations.Component
    org.apache.maven.settings.crypto.SettingsDecrypter decrypter;

    /** How many evaluations run at once. */
    @Parameter(property = "hpo.parallelism", defaultValue = "1")
    int parallelism;

    /** Stop after this many Hyperband iterations (every bracket once each). */
    @Parameter(property = "hpo.iterations")
    Integer iterations;

    /** Stop after this many evaluations. */
    @Parameter(property = "hpo.maxEvaluations")
    Integer maxEvaluations;

    /** Stop once the budgets of all evaluations add up to this (e.g. total epochs). */
    @Parameter(property = "hpo.maxCost")
    Double maxCost;

    /** Stop after this wall time: 90s, 10m, 2h, PT1H30M or a number of seconds. */
    @Parameter(property = "hpo.timeLimit")
    String timeLimit;

    /** Seconds one evaluation may take before it is stopped and recorded as failed. */
    @Parameter(property = "hpo.evaluationTimeout")
    Double evaluationTimeout;

    /**
     * For an objective of several objectives: the rule that picks the configuration written, e.g.
     * {@code min error where latencyMs <= 20} or {@code weights error=1, latencyMs=0.01}; default
     * the best first objective among the feasible evaluations (README, "Several objectives").
     */
    @Parameter(property = "hpo.select")
    String select;

    /** Discard a stored study of the same name instead of continuing it. */
    @Parameter(property = "hpo.fresh", defaultValue = "false")
    boolean fresh;

    /**
     * Earlier studies to start from, comma-separated: study stores ({@code .hpo/Old.db},
     * {@code other.db#study}) and tuned {@code .properties} files. Their best configurations run
     * first; model-based optimizers also learn from their evaluations, at half weight.
     */
    @Parameter(property = "hpo.warmStart")
    String warmStart;

    /**
     * Stop evaluations early whose learning curve (values reported through
     * {@code TrialContext.report}) is unlikely to beat the best so far.
     */
    @Parameter(property = "hpo.curveStopping", defaultValue = "false")
    boolean curveStopping;

    /** The properties file to write; default {@code src/main/resources/hpo/<class>.properties}. */
    @Parameter(property = "hpo.output")
    File output;

    /**
     * Successive halving's reduction factor: each rung keeps 1/eta of the configurations (default
     * 3). Only for optimizers with brackets; the others refuse it.
     */
    @Parameter(property = "hpo.eta")
    Double eta;

    /** Smallest budget of an evaluation; default the {@code @Budget} annotation's min. */
    @Parameter(property = "hpo.minBudget")
    Double minBudget;

    /** Largest budget of an evaluation; default the {@code @Budget} annotation's max. */
    @Parameter(property = "hpo.maxBudget")
    Double maxBudget;

    /** Whether the properties file gets a date line; without it equal runs write equal files. */
    @Parameter(property = "hpo.writeDate", defaultValue = "true")
    boolean writeDate;

    /**
     * Whether promoted configurations may continue from their checkpoints (an objective that calls
     * {@code TrialContext.loadCheckpoint}); false makes every evaluation train from scratch.
     */
    @Parameter(property = "hpo.checkpoints", defaultValue = "true")
    boolean checkpoints;

    /**
     * Where checkpoints live, one folder per study; default {@code target/hpo/<study>/checkpoints}.
     * Every worker must see it: a shared directory for studies on several machines.
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
     * Whether checkpoints stay after the study; by default those of configurations that reached the
     * largest budget are deleted as the study goes and the rest when it ends.
     */
    @Parameter(property = "hpo.keepCheckpoints", defaultValue = "false")
    boolean keepCheckpoints;

    /** Seconds a PostgreSQL store keeps trying to reach an unreachable database (restart, outage); default 300. */
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

    /**
     * Replace the properties file even when it holds a better result of the same class than this
     * study's; without it such a file is kept and the new result goes to {@code <name>.new.properties}.
     */
    @Parameter(property = "hpo.overwrite", defaultValue = "false")
    boolean overwrite;

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

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("hpo:tune skipped (hpo.skip)");
            return;
        }
        List<Path> classpath = ProjectClasses.runtimeClasspath(project);
        TuneRequest request;
        try {
            request = request(ProjectClasses.workerClasspath(pluginArtifacts, classpath),
                    !session.getRequest().isInteractiveMode() || System.console() == null);
        } catch (TuneException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        TuneSummary summary = ProjectClasses.withLoader(classpath, loader -> {
            String[] credentials = StorageCredentials.of(session.getSettings(), decrypter, storageServer);
            try {
                return new Tuner(System.out).storeCredentials(credentials[0], credentials[1]).selection(select)
                        .run(request, loader);
            } catch (TuneException e) {
                throw e;
            } catch (RuntimeException e) {
                // a bug or an unexpected state: still one line naming the cause, the trace under -e
                throw new MojoExecutionException("hpo:tune failed: " + e, e);
            }
        });
        if (!summary.output().getFileName().toString().endsWith(ResultFiles.NEW_SUFFIX)) {
            // a kept better file stays the one the program loads
            copyToOutputDirectory(summary.output());
        }
        if (summary.interrupted()) {
            // not a success: a build that goes on (to train, say) would use a result of an unfinished study
            throw new MojoFailureException("hpo:tune was interrupted after " + summary.evaluations() + " evaluations;"
                    + " the best so far (budget " + TuneSummary.number(summary.budget()) + ") is in " + summary.output()
                    + ", marked as interrupted. Run the same command again to resume the study.");
        }
    }

    /** The request built from the parameters. */
    TuneRequest request(List<Path> classpath, boolean batchMode) {
        return TuneRequest.builder()
                .objective(objective)
                .optimizer(optimizer)
                .seed(seed)
                .study(study)
                .storage(storage)
                .parallelism(parallelism)
                .iterations(iterations)
                .maxEvaluations(maxEvaluations)
                .maxCost(maxCost)
                .timeLimit(timeLimit)
                .evaluationTimeout(evaluationTimeout)
                .fresh(fresh)
                .output(output == null ? null : output.toPath())
                .eta(eta)
                .minBudget(minBudget)
                .maxBudget(maxBudget)
                .baseDirectory(project.getBasedir().toPath())
                .classpath(classpath)
                .batchMode(batchMode)
                .writeDate(writeDate)
                .warmStart(warmStart)
                .curveStopping(curveStopping)
                .checkpoints(checkpoints)
                .checkpointDir(checkpointDir == null ? null : checkpointDir.toPath())
                .outputLimit(outputLimit)
                .freshWorkerEvery(freshWorkerEvery)
                .keepCheckpoints(keepCheckpoints)
                .storeOutage(storeOutage)
                .jvmArgs(JvmOptions.parse(jvmArgs))
                .overwrite(overwrite)
                .build();
    }

    /**
     * A file written into a resource folder also goes to the output folder, so that running the
     * program right after tuning (without another build) loads it.
     */
    private void copyToOutputDirectory(Path written) throws MojoExecutionException {
        if (written == null) {
            return;
        }
        for (org.apache.maven.model.Resource resource : project.getResources()) {
            Path dir = Path.of(resource.getDirectory()).toAbsolutePath().normalize();
            Path file = written.toAbsolutePath().normalize();
            if (file.startsWith(dir) && resource.getTargetPath() == null) {
                Path target = Path.of(project.getBuild().getOutputDirectory()).resolve(dir.relativize(file).toString());
                try {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new MojoExecutionException("cannot copy " + file + " to " + target, e);
                }
                return;
            }
        }
    }
}
