package org.hpo4j.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.hpo4j.dashboard.DashboardAddress;
import org.hpo4j.tune.JvmOptions;
import org.hpo4j.tune.StoreAccess;
import org.hpo4j.tune.TuneRequest;
import org.hpo4j.tune.TuneSummary;
import org.hpo4j.tune.Tuner;

/**
 * Tunes the hyperparameters of the project's {@code @Objective} class and writes the best
 * configuration as a properties file that {@code Hpo.load} reads at run time. Compiles the project
 * first. Stopping rules, budgets and the rest: README, "Plugin goals and parameters".
 */
@Mojo(name = "tune", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class TuneMojo extends EvaluationMojo {
    // the parameters tune alone has; those of every store goal and of worker JVMs are in the base classes
    /** The optimizer: hyper-gp (the default), bohb, async-bohb, hyperband, random, or another registry name. */
    @Parameter(property = "hpo.optimizer") String optimizer;
    /** The seed: the same seed (with one evaluation at a time) gives the same study and file. */
    @Parameter(property = "hpo.seed", defaultValue = "0") long seed;
    /** Stop after this many Hyperband iterations (every bracket once each). */
    @Parameter(property = "hpo.iterations") Integer iterations;
    /** Stop after this many evaluations. */
    @Parameter(property = "hpo.maxEvaluations") Integer maxEvaluations;
    /** Stop once the budgets of all evaluations add up to this many full evaluations. */
    @Parameter(property = "hpo.maxCost") Double maxCost;
    /** Stop after this wall time: 90s, 10m, 2h, PT1H30M or a number of seconds. */
    @Parameter(property = "hpo.timeLimit") String timeLimit;
    /** Several objectives: the rule that picks the result, e.g. {@code min error where latencyMs <= 20}. */
    @Parameter(property = "hpo.select") String select;
    /** Discard a stored study of the same name (kept as a timestamped backup) instead of continuing it. */
    @Parameter(property = "hpo.fresh", defaultValue = "false") boolean fresh;
    /** Earlier studies to start from, comma-separated: stores ({@code .hpo/Old.db}, {@code a.db#s}), properties files. */
    @Parameter(property = "hpo.warmStart") String warmStart;
    /** Stop evaluations early whose reported learning curve is unlikely to beat the best so far. */
    @Parameter(property = "hpo.curveStopping", defaultValue = "false") boolean curveStopping;
    /** The properties file to write; default {@code src/main/resources/hpo/<class>.properties}. */
    @Parameter(property = "hpo.output") File output;
    /** Successive halving's reduction factor (default 3), for optimizers with brackets; the others refuse it. */
    @Parameter(property = "hpo.eta") Double eta;
    /** Smallest budget of an evaluation; default the {@code @Budget} annotation's min. */
    @Parameter(property = "hpo.minBudget") Double minBudget;
    /** Largest budget of an evaluation; default the {@code @Budget} annotation's max. */
    @Parameter(property = "hpo.maxBudget") Double maxBudget;
    /** Whether the properties file gets a date line; without it equal runs write equal files. */
    @Parameter(property = "hpo.writeDate", defaultValue = "true") boolean writeDate;
    /** Whether promoted configurations may continue from their checkpoints; false: every evaluation from scratch. */
    @Parameter(property = "hpo.checkpoints", defaultValue = "true") boolean checkpoints;
    /** Whether checkpoints stay after the study; by default deleted once nothing can continue from them. */
    @Parameter(property = "hpo.keepCheckpoints", defaultValue = "false") boolean keepCheckpoints;
    /** Replace the properties file even when it holds a better result; else the new one is {@code <name>.new.properties}. */
    @Parameter(property = "hpo.overwrite", defaultValue = "false") boolean overwrite;
    /** Serve the live dashboard on this port while tuning (0: a free one; the address is printed); unset: none. */
    @Parameter(property = "hpo.dashboard") Integer dashboard;
    /** The dashboard's address: 127.0.0.1 (this machine only) unless set; 0.0.0.0 for every network. */
    @Parameter(property = "hpo.dashboardHost", defaultValue = DashboardAddress.DEFAULT_HOST) String dashboardHost;
    public TuneMojo() {
        super("tune");
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        List<Path> classpath = ProjectClasses.runtimeClasspath(project);
        StoreAccess store = storeAccess();
        TuneSummary summary = withProjectClasses(classpath, loader -> new Tuner(System.out).selection(select)
                .storeCredentials(store.user(), store.password()).dashboard(dashboardHost, dashboard)
                .run(request(workerClasspath(classpath), batchMode()), loader));
        if (!summary.keptBetterFile()) { // the program then loads it at once, without another build
            ProjectClasses.copyToOutputDirectory(project, summary.output());
        }
        if (summary.interrupted()) { // not a success: a build that goes on would use an unfinished study's result
            throw new MojoFailureException(summary.interruptedMessage());
        }
    }

    /** The request built from the parameters. */
    TuneRequest request(List<Path> classpath, boolean batchMode) {
        return TuneRequest.builder().objective(objective).optimizer(optimizer).seed(seed).study(study).storage(storage)
                .parallelism(parallelism).iterations(iterations).maxEvaluations(maxEvaluations).maxCost(maxCost)
                .timeLimit(timeLimit).evaluationTimeout(evaluationTimeout).fresh(fresh).output(path(output)).eta(eta)
                .minBudget(minBudget).maxBudget(maxBudget).baseDirectory(baseDirectory()).classpath(classpath)
                .batchMode(batchMode).writeDate(writeDate).warmStart(warmStart).curveStopping(curveStopping)
                .checkpoints(checkpoints).checkpointDir(path(checkpointDir)).outputLimit(outputLimit)
                .freshWorkerEvery(freshWorkerEvery).keepCheckpoints(keepCheckpoints).storeOutage(storeOutage)
                .jvmArgs(JvmOptions.parse(jvmArgs)).overwrite(overwrite).build();
    }
}
