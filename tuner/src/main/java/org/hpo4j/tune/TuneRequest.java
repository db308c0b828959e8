package org.hpo4j.tune;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hpo4j.store.StorageLocation;

/**
 * Everything a tuning run is told: what {@code mvn hpo:tune} passes from its {@code hpo.*}
 * parameters. Optional settings are {@code null} when not given. Build with {@link #builder()};
 * {@link Tuner} checks the values and names the offending {@code hpo.*} property.
 *
 * @param objective binary name of the class to tune ({@code hpo.objective}); {@code null} when the
 *     class path holds exactly one
 * @param optimizer the optimizer's registry name ({@code hpo.optimizer}); {@code null} or blank:
 *     {@link #defaultOptimizer(int, String)}
 * @param seed the study's seed ({@code hpo.seed})
 * @param study the study's name ({@code hpo.study}); {@code null}: the class's {@code @StudyName}
 *     or simple name
 * @param storage where the study is kept ({@code hpo.storage}); {@code null}: the default store
 * @param parallelism how many evaluations run at once ({@code hpo.parallelism})
 * @param iterations number of Hyperband iterations ({@code hpo.iterations})
 * @param maxEvaluations stop after this many evaluations ({@code hpo.maxEvaluations})
 * @param maxCost stop once this many full evaluations are spent ({@code hpo.maxCost}); an evaluation
 *     at budget {@code b} costs {@code b / maxBudget}
 * @param timeLimit stop after this wall time ({@code hpo.timeLimit}): {@code 90s}, {@code 10m},
 *     {@code 2h}, an ISO-8601 duration or a number of seconds
 * @param evaluationTimeout seconds one evaluation may take ({@code hpo.evaluationTimeout})
 * @param fresh whether to discard a stored study of the same name ({@code hpo.fresh})
 * @param output the properties file to write ({@code hpo.output}); {@code null}:
 *     {@code <baseDirectory>/src/main/resources/hpo/<class>.properties}
 * @param eta successive halving's reduction factor ({@code hpo.eta}), for optimizers with brackets only;
 *     {@code null}: not given (they use 3)
 * @param minBudget smallest budget ({@code hpo.minBudget}); {@code null}: the class's {@code @Budget}
 * @param maxBudget largest budget ({@code hpo.maxBudget}); {@code null}: the class's {@code @Budget}
 * @param baseDirectory the project's folder; relative paths and the default output start there
 * @param classpath the project's class path (output folders and jars), for runs in other JVMs
 * @param batchMode one line per finished evaluation instead of a live progress line
 * @param writeDate whether the properties file gets a date line (off makes equal runs byte-equal)
 * @param warmStart earlier studies to seed the study from ({@code hpo.warmStart}): a comma-separated
 *     list of study stores ({@code path.db}, {@code path.db#study}) and tuned {@code .properties}
 *     files; {@code null} for none
 * @param curveStopping whether evaluations whose reported learning curve is unlikely to beat the
 *     incumbent are stopped early ({@code hpo.curveStopping})
 * @param checkpoints whether objectives may continue promoted configurations from their checkpoints
 *     ({@code hpo.checkpoints}, default true); off, every evaluation trains from scratch
 * @param checkpointDir the folder under which the study's checkpoints live ({@code hpo.checkpointDir},
 *     relative to the base directory); {@code null}: {@code target/hpo/<study>/checkpoints}. Every
 *     worker must see it (a shared directory for studies on several machines)
 * @param outputLimit how many characters of a failure cause and of a worker's captured output are
 *     kept ({@code hpo.outputLimit}); {@code null}: {@value org.hpo4j.execute.Failures#DEFAULT_LIMIT}
 * @param freshWorkerEvery start a fresh worker JVM after this many evaluations
 *     ({@code hpo.freshWorkerEvery}; 1: every evaluation in a fresh JVM); {@code null} or 0: reuse
 *     workers for the whole study
 * @param storeOutage seconds a PostgreSQL store keeps trying to reach an unreachable database
 *     ({@code hpo.storeOutage}); {@code null}: 300
 * @param keepCheckpoints whether checkpoints stay after the study ({@code hpo.keepCheckpoints});
 *     by default those of configurations that cannot be promoted any more are deleted as the study
 *     goes, and the rest when it ends
 * @param jvmArgs options of the worker JVMs ({@code hpo.jvmArgs}: heap, system properties,
 *     {@code java.library.path}, agents), see {@link JvmOptions#parse}; empty for none
 * @param overwrite whether the result replaces an existing properties file of the same class that
 *     holds a better one ({@code hpo.overwrite}); otherwise it goes to {@code <name>.new.properties}
 */
public record TuneRequest(String objective, String optimizer, long seed, String study, String storage,
                          int parallelism, Integer iterations, Integer maxEvaluations, Double maxCost,
                          String timeLimit, Double evaluationTimeout, boolean fresh, Path output, Double eta,
                          Double minBudget, Double maxBudget, Path baseDirectory, List<Path> classpath,
                          boolean batchMode, boolean writeDate, String warmStart, boolean curveStopping,
                          boolean checkpoints, Path checkpointDir, Integer outputLimit, Integer freshWorkerEvery,
                          Double storeOutage, boolean keepCheckpoints, List<String> jvmArgs,
                          boolean overwrite) {

    /**
     * The optimizer used when none is named: {@code hyper-gp} ({@link org.hpo4j.optimizer.gp.HyperGp}),
     * asynchronous Hyperband with a Gaussian process over configuration and budget that moves effort
     * to larger budgets where small ones mislead (BENCHMARKS.md compares it with the others).
     */
    public static final String DEFAULT_OPTIMIZER = "hyper-gp";

    /**
     * The optimizer used when none is named and the study has more than one worker: the same
     * {@value #DEFAULT_OPTIMIZER}, which never holds a worker back at a rung barrier.
     */
    public static final String DEFAULT_PARALLEL_OPTIMIZER = DEFAULT_OPTIMIZER;

    /**
     * The optimizer of a request that names none: {@value #DEFAULT_OPTIMIZER} with one worker, with
     * several evaluations at once and with a PostgreSQL store that {@code hpo:worker} processes
     * join, since it is asynchronous. {@code bohb} and {@code async-bohb}, the earlier defaults for
     * one and for several workers, keep their behaviour when named.
     *
     * @param parallelism how many evaluations this process runs at once
     * @param storage the {@code hpo.storage} value, {@code null} for the default store
     */
    public static String defaultOptimizer(int parallelism, String storage) {
        boolean shared;
        try {
            shared = StorageLocation.parse(storage).shared();
        } catch (IllegalArgumentException unknown) {
            shared = false; // named when the store is opened
        }
        return parallelism > 1 || shared ? DEFAULT_PARALLEL_OPTIMIZER : DEFAULT_OPTIMIZER;
    }

    public TuneRequest {
        classpath = classpath == null ? List.of() : List.copyOf(classpath);
        jvmArgs = jvmArgs == null ? List.of() : List.copyOf(jvmArgs);
        if (baseDirectory == null) {
            baseDirectory = Path.of("").toAbsolutePath();
        }
        if (optimizer == null || optimizer.isBlank()) {
            optimizer = defaultOptimizer(parallelism, storage);
        }
    }

    /**
     * A request with the default output limit, reused workers, checkpoints deleted at the end, no
     * worker JVM options and no overwriting of a better properties file.
     */
    public TuneRequest(String objective, String optimizer, long seed, String study, String storage,
                       int parallelism, Integer iterations, Integer maxEvaluations, Double maxCost,
                       String timeLimit, Double evaluationTimeout, boolean fresh, Path output, Double eta,
                       Double minBudget, Double maxBudget, Path baseDirectory, List<Path> classpath,
                       boolean batchMode, boolean writeDate, String warmStart, boolean curveStopping,
                       boolean checkpoints, Path checkpointDir) {
        this(objective, optimizer, seed, study, storage, parallelism, iterations, maxEvaluations, maxCost, timeLimit,
                evaluationTimeout, fresh, output, eta, minBudget, maxBudget, baseDirectory, classpath, batchMode,
                writeDate, warmStart, curveStopping, checkpoints, checkpointDir, null, null, null, false, List.of(), false);
    }

    /** A request without warm start and curve stopping, with checkpoints in their default folder. */
    public TuneRequest(String objective, String optimizer, long seed, String study, String storage,
                       int parallelism, Integer iterations, Integer maxEvaluations, Double maxCost,
                       String timeLimit, Double evaluationTimeout, boolean fresh, Path output, Double eta,
                       Double minBudget, Double maxBudget, Path baseDirectory, List<Path> classpath,
                       boolean batchMode, boolean writeDate) {
        this(objective, optimizer, seed, study, storage, parallelism, iterations, maxEvaluations, maxCost, timeLimit,
                evaluationTimeout, fresh, output, eta, minBudget, maxBudget, baseDirectory, classpath, batchMode,
                writeDate, null, false, true, null, null, null, null, false, List.of(), false);
    }

    /**
     * A builder with the defaults: the optimizer chosen by {@link #defaultOptimizer(int, String)},
     * seed 0, parallelism 1, no eta, batch mode, a date line.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The time limit as a duration, {@code null} when none is given.
     *
     * @throws TuneException naming {@code hpo.timeLimit} when the text is not a duration
     */
    public Duration timeLimitDuration() {
        return RequestChecks.duration(timeLimit);
    }

    /** Collects the settings of a {@link TuneRequest}. */
    public static final class Builder {
        private String objective;
        private String optimizer;
        private long seed;
        private String study;
        private String storage;
        private int parallelism = 1;
        private Integer iterations;
        private Integer maxEvaluations;
        private Double maxCost;
        private String timeLimit;
        private Double evaluationTimeout;
        private boolean fresh;
        private Path output;
        private Double eta;
        private Double minBudget;
        private Double maxBudget;
        private Path baseDirectory;
        private List<Path> classpath = List.of();
        private boolean batchMode = true;
        private boolean writeDate = true;
        private String warmStart;
        private boolean curveStopping;
        private boolean checkpoints = true;
        private Path checkpointDir;
        private Integer outputLimit;
        private Integer freshWorkerEvery;
        private boolean keepCheckpoints;
        private Double storeOutage;
        private List<String> jvmArgs = List.of();
        private boolean overwrite;

        private Builder() {
        }

        /** See {@link TuneRequest#objective()}. */
        public Builder objective(String v) {
            objective = v;
            return this;
        }

        /** See {@link TuneRequest#optimizer()}. */
        public Builder optimizer(String v) {
            optimizer = v;
            return this;
        }

        /** See {@link TuneRequest#seed()}. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** See {@link TuneRequest#study()}. */
        public Builder study(String v) {
            study = v;
            return this;
        }

        /** See {@link TuneRequest#storage()}. */
        public Builder storage(String v) {
            storage = v;
            return this;
        }

        /** See {@link TuneRequest#parallelism()}. */
        public Builder parallelism(int v) {
            parallelism = v;
            return this;
        }

        /** See {@link TuneRequest#iterations()}. */
        public Builder iterations(Integer v) {
            iterations = v;
            return this;
        }

        /** See {@link TuneRequest#maxEvaluations()}. */
        public Builder maxEvaluations(Integer v) {
            maxEvaluations = v;
            return this;
        }

        /** See {@link TuneRequest#maxCost()}. */
        public Builder maxCost(Double v) {
            maxCost = v;
            return this;
        }

        /** See {@link TuneRequest#timeLimit()}. */
        public Builder timeLimit(String v) {
            timeLimit = v;
            return this;
        }

        /** See {@link TuneRequest#evaluationTimeout()}. */
        public Builder evaluationTimeout(Double v) {
            evaluationTimeout = v;
            return this;
        }

        /** See {@link TuneRequest#fresh()}. */
        public Builder fresh(boolean v) {
            fresh = v;
            return this;
        }

        /** See {@link TuneRequest#output()}. */
        public Builder output(Path v) {
            output = v;
            return this;
        }

        /** See {@link TuneRequest#eta()}. */
        public Builder eta(Double v) {
            eta = v;
            return this;
        }

        /** See {@link TuneRequest#minBudget()}. */
        public Builder minBudget(Double v) {
            minBudget = v;
            return this;
        }

        /** See {@link TuneRequest#maxBudget()}. */
        public Builder maxBudget(Double v) {
            maxBudget = v;
            return this;
        }

        /** See {@link TuneRequest#baseDirectory()}. */
        public Builder baseDirectory(Path v) {
            baseDirectory = v;
            return this;
        }

        /** See {@link TuneRequest#classpath()}. */
        public Builder classpath(List<Path> v) {
            classpath = v;
            return this;
        }

        /** See {@link TuneRequest#batchMode()}. */
        public Builder batchMode(boolean v) {
            batchMode = v;
            return this;
        }

        /** See {@link TuneRequest#writeDate()}. */
        public Builder writeDate(boolean v) {
            writeDate = v;
            return this;
        }

        /** See {@link TuneRequest#warmStart()}. */
        public Builder warmStart(String v) {
            warmStart = v;
            return this;
        }

        /** See {@link TuneRequest#curveStopping()}. */
        public Builder curveStopping(boolean v) {
            curveStopping = v;
            return this;
        }

        /** See {@link TuneRequest#checkpoints()}. */
        public Builder checkpoints(boolean v) {
            checkpoints = v;
            return this;
        }

        /** See {@link TuneRequest#checkpointDir()}. */
        public Builder checkpointDir(Path v) {
            checkpointDir = v;
            return this;
        }

        /** See {@link TuneRequest#outputLimit()}. */
        public Builder outputLimit(Integer v) {
            outputLimit = v;
            return this;
        }

        /** See {@link TuneRequest#freshWorkerEvery()}. */
        public Builder freshWorkerEvery(Integer v) {
            freshWorkerEvery = v;
            return this;
        }

        /** See {@link TuneRequest#storeOutage()}. */
        public Builder storeOutage(Double v) {
            storeOutage = v;
            return this;
        }

        /** See {@link TuneRequest#keepCheckpoints()}. */
        public Builder keepCheckpoints(boolean v) {
            keepCheckpoints = v;
            return this;
        }

        /** See {@link TuneRequest#jvmArgs()}. */
        public Builder jvmArgs(List<String> v) {
            jvmArgs = v;
            return this;
        }

        /** See {@link TuneRequest#overwrite()}. */
        public Builder overwrite(boolean v) {
            overwrite = v;
            return this;
        }

        /** The request; {@link Tuner} checks it. */
        public TuneRequest build() {
            return new TuneRequest(objective, optimizer, seed, study, storage, parallelism, iterations, maxEvaluations,
                    maxCost, timeLimit, evaluationTimeout, fresh, output, eta, minBudget, maxBudget, baseDirectory,
                    classpath, batchMode, writeDate, warmStart, curveStopping, checkpoints, checkpointDir, outputLimit,
                    freshWorkerEvery, storeOutage, keepCheckpoints, jvmArgs, overwrite);
        }
    }
}
