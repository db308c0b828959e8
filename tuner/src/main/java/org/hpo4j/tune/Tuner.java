package org.hpo4j.tune;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hpo4j.annotations.Direction;
import org.hpo4j.execute.Executor;
import org.hpo4j.execute.Failures;
import org.hpo4j.execute.Interruptions;
import org.hpo4j.inject.Injector;
import org.hpo4j.inject.StudyNames;
import org.hpo4j.inject.TunedProperties;
import org.hpo4j.optimizer.HyperbandSchedule;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.optimizer.registry.Optimizers;
import org.hpo4j.report.ParetoFront;
import org.hpo4j.study.NoFeasibleEvaluationException;
import org.hpo4j.study.Selection;
import org.hpo4j.trial.Criteria;
import org.hpo4j.report.Reports;
import org.hpo4j.report.StudyReports;
import org.hpo4j.space.BudgetSpec;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.store.StudyMismatchException;
import org.hpo4j.store.StudyStore;
import org.hpo4j.store.StudyStores;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.study.StoppingRule;
import org.hpo4j.study.Study;
import org.hpo4j.study.StudyBuilder;
import org.hpo4j.study.StudyFailedException;
import org.hpo4j.study.StudyResult;

/**
 * What {@code mvn hpo:tune} does, without Maven: finds the objective class on a class path, runs a
 * study on it, writes the best configuration as a properties file and prints a summary. The Maven
 * plugin only builds the class loader and the {@link TuneRequest}.
 */
public final class Tuner {
    private final PrintStream console;
    private String storeUser;
    private String storePassword;
    private String selection;
    private org.hpo4j.dashboard.DashboardAddress dashboard;

    /** A tuner printing evaluations, progress and the summary to {@code console}. */
    public Tuner(PrintStream console) {
        this.console = console;
    }

    /**
     * The database user and password for a PostgreSQL store (e.g. from a Maven {@code settings.xml}
     * server); {@code null} ones come from the URL or the environment.
     */
    public Tuner storeCredentials(String user, String password) {
        this.storeUser = user;
        this.storePassword = password;
        return this;
    }

    /**
     * Serves the live dashboard of the study while it runs ({@code hpo.dashboard}), at this address;
     * {@code null} for none.
     */
    public Tuner dashboard(org.hpo4j.dashboard.DashboardAddress address) {
        this.dashboard = address;
        return this;
    }

    /** As {@link #dashboard(org.hpo4j.dashboard.DashboardAddress)} on {@code port} ({@code null}: none) at {@code host}. */
    public Tuner dashboard(String host, Integer port) {
        return dashboard(port == null ? null : new org.hpo4j.dashboard.DashboardAddress(host, port));
    }

    /**
     * The rule that picks the configuration of a study of several objectives ({@code hpo.select},
     * {@link Selection}); {@code null} or blank for the default, the best first objective among the
     * feasible evaluations.
     */
    public Tuner selection(String rule) {
        this.selection = rule;
        return this;
    }

    /**
     * Runs the study the request describes on the classes {@code loader} sees and writes the best
     * configuration.
     *
     * @throws TuneException for bad settings, naming the {@code hpo.*} property, or an unusable
     *     objective class, naming it
     */
    public TuneSummary run(TuneRequest request, ClassLoader loader) {
        RequestChecks.check(request);
        String className = ObjectiveClasses.choose(ObjectiveClasses.list(loader), request.objective());
        ObjectiveClasses.Loaded<?> loaded = ObjectiveClasses.load(className, loader);
        Plan plan = plan(request, loaded.injector());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return execute(request, plan, loaded);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Resolves the request against the class: budgets from {@code @Budget} unless overridden, the
     * default stopping rule, the output file.
     *
     * @throws TuneException naming the property at fault (e.g. min budget not below max budget)
     */
    public static Plan plan(TuneRequest r, Injector<?> injector) {
        // the defaults rank by one value; a study of several objectives gets the multi-objective default
        String optimizer = injector.criteria().isMultiObjective() && isDefault(r)
                ? Optimizers.MULTI_OBJECTIVE_DEFAULT : r.optimizer();
        String className = injector.type().getName();
        Optional<BudgetSpec> budget = injector.space().budget();
        if (budget.isEmpty() && Optimizers.bracketed().contains(optimizer) && (r.minBudget() == null || r.maxBudget() == null)) {
            throw new TuneException("class " + className + " has no @Budget field, which optimizer '" + optimizer
                    + "' varies; annotate the fidelity (e.g. @Budget(min = 1, max = 81) int epochs) or use"
                    + " -Dhpo.optimizer=random");
        }
        RequestChecks.check(r);
        double min = r.minBudget() != null ? r.minBudget() : budget.map(BudgetSpec::min).orElse(1.0);
        if (r.eta() != null && !Optimizers.bracketed().contains(optimizer)) {
            throw new TuneException("hpo.eta: optimizer '" + optimizer + "' runs no successive-halving brackets and has"
                    + " no eta; remove hpo.eta or choose one that has: " + String.join(", ", Optimizers.bracketed()));
        }
        double eta = r.eta() != null ? r.eta() : HyperbandSettings.DEFAULT_ETA;
        // without a @Budget an optimizer without brackets runs everything at this maximum, the cost unit
        double max = r.maxBudget() != null ? r.maxBudget() : budget.map(BudgetSpec::max).orElse(eta);
        if (!(min < max)) {
            throw new TuneException("hpo.minBudget (" + number(min) + ") must be less than hpo.maxBudget (" + number(max) + ")"
                    + (budget.isPresent() ? "; @Budget of " + className + " is [" + number(budget.get().min()) + ", "
                    + number(budget.get().max()) + "]" : ""));
        }
        boolean noStop = r.iterations() == null && r.maxEvaluations() == null && r.maxCost() == null && r.timeLimit() == null;
        int iterations = r.iterations() != null ? r.iterations() : noStop ? 1 : 0;
        Optional<HyperbandSettings> brackets = Optimizers.bracketed().contains(optimizer)
                ? Optional.of(new HyperbandSettings(eta, iterations)) : Optional.empty();
        double maxCost = r.maxCost() != null ? r.maxCost() : 0;
        if (r.maxEvaluations() == null && r.maxCost() == null && r.timeLimit() == null) {
            // costs count in full evaluations (budget / max budget), as the study charges them
            double iterationCost = HyperbandSchedule.of(min, max, eta, HyperbandSchedule.Sizing.LI).iterationBudget() / max * iterations;
            // bracket-based optimizers end after their iterations, and the bound is only a safety
            // net (rounded budgets may cost a little more than the formula); optimizers without
            // brackets never end on their own and get exactly the budget of those iterations
            maxCost = Optimizers.bracketed().contains(optimizer) ? iterationCost * 1.5 : iterationCost;
        }
        String study;
        try {
            study = StudyNames.resolve(r.study(), injector);
        } catch (IllegalArgumentException e) {
            throw new TuneException(e.getMessage(), e);
        }
        Path output = r.output() != null ? r.baseDirectory().resolve(r.output())
                : r.baseDirectory().resolve("src/main/resources/hpo/" + className + ".properties");
        return new Plan(className, study, optimizer, new Fidelity(min, max), r.seed(), brackets,
                budget.map(BudgetSpec::name).orElse(null),
                r.maxEvaluations() != null ? r.maxEvaluations() : 0, maxCost, r.timeLimitDuration(), output);
    }

    /** Whether the request's optimizer is one {@link TuneRequest#defaultOptimizer} chooses. */
    private static boolean isDefault(TuneRequest r) {
        return r.optimizer().equals(TuneRequest.DEFAULT_OPTIMIZER) || r.optimizer().equals(TuneRequest.DEFAULT_PARALLEL_OPTIMIZER);
    }

    private <T> TuneSummary execute(TuneRequest request, Plan plan, ObjectiveClasses.Loaded<T> loaded) {
        Injector<T> injector = loaded.injector();
        SearchSpace space = injector.space();
        Direction direction = injector.direction();
        Criteria criteria = injector.criteria();
        // read the rule before anything runs, so that a typo costs no tuning
        Selection rule = criteria.isMultiObjective() ? selection(criteria) : null;
        ProgressPrinter printer = new ProgressPrinter(console, request.batchMode(), direction, plan.budgetName());
        StudyBuilder study = Study.builder(space)
                .name(plan.study())
                .direction(direction);
        if (plan.brackets().isPresent()) {
            study.optimizer(plan.optimizer(), plan.fidelity(), plan.seed(), plan.brackets().get());
        } else {
            study.optimizer(plan.optimizer(), plan.fidelity(), plan.seed());
        }
        study.maxBudget(plan.fidelity().maxBudget())
                .seed(plan.seed())
                .workDirectory(request.baseDirectory().resolve("target/hpo"))
                .checkpoints(request.checkpoints())
                .outputLimit(outputLimit(request))
                .keepCheckpoints(request.keepCheckpoints())
                .listener(printer);
        if (criteria.isMultiObjective()) {
            study.criteria(criteria);
        }
        if (request.warmStart() != null && !request.warmStart().isBlank()) {
            List<org.hpo4j.warmstart.Prior> priors;
            try {
                priors = org.hpo4j.warmstart.Priors.load(request.warmStart(), request.baseDirectory(), space,
                        warning -> console.println("hpo4j: " + warning));
            } catch (IllegalArgumentException e) {
                throw new TuneException("hpo.warmStart: " + e.getMessage(), e);
            }
            console.println("hpo4j: warm start from " + priors.size() + " earlier evaluations");
            study.warmStart(priors);
        }
        if (request.curveStopping()) {
            study.stopper(org.hpo4j.curves.CurveStopper.defaults(direction));
        }
        if (request.checkpointDir() != null) {
            study.checkpointDirectory(request.baseDirectory().resolve(request.checkpointDir()).resolve(plan.study()));
        }
        printer.start(plan, request);
        Instant started = Instant.now();
        StudyResult result;
        StudyStore store = openStore(request, plan);
        if (store.shared()) {
            // this process coordinates and works; hpo:worker processes elsewhere claim jobs too
            console.println("hpo4j: coordinating study " + plan.study() + " in " + store.location()
                    + "; more machines join with: mvn hpo:worker -Dhpo.storage=<the same URL> -Dhpo.study=" + plan.study());
        }
        boolean interrupted;
        try (store; Executor executor = WorkerExecutors.create(plan.className(), loaded, request.classpath(),
                request.parallelism(), request.evaluationTimeout(), request.jvmArgs(), outputLimit(request),
                request.freshWorkerEvery())) {
            Study running = study.store(store).executor(executor).build();
            try (org.hpo4j.dashboard.DashboardServer view = DashboardCommand.beside(dashboard, store, plan, space, console);
                 Interruptions signals = Interruptions.install(() -> {
                printer.end();
                console.println("hpo4j: interrupted: stopping the running evaluations, writing the best so far"
                        + " (press Ctrl-C again to quit at once)");
                running.interrupt();
            })) {
                result = running.optimize(stoppingRule(plan));
            }
            interrupted = running.wasInterrupted();
        } catch (StudyMismatchException e) {
            printer.end();
            throw new TuneException(e.getMessage(), e);
        } catch (StudyFailedException e) {
            printer.end();
            throw new TuneException("every evaluation of " + plan.className() + " failed: " + e.getMessage(), e);
        }
        Duration elapsed = Duration.between(started, Instant.now());
        printer.end();
        writeReport(request, plan, space, criteria, result);

        Evaluation best = rule != null ? chooseFromFront(request, plan, space, criteria, rule, result, printer)
                : result.incumbent().orElseThrow(() -> new TuneException("study " + plan.study()
                + " of " + plan.className() + (interrupted ? " was interrupted before its first evaluation ended;"
                + " the same command resumes it" : " ran no evaluation; loosen the stopping rule")));
        TunedProperties.Provenance provenance = new TunedProperties.Provenance(plan.className(), plan.study(), best.value(),
                direction, best.job().budget(), plan.budgetName(), plan.optimizer(), plan.seed(),
                result.evaluations().size(), request.writeDate() ? Instant.now() : null, plan.fidelity().maxBudget(),
                interrupted);
        Path written = ResultFiles.choose(plan.output(), provenance, request.overwrite(), console);
        try {
            TunedProperties.write(written, space, best.job().configuration(), provenance);
        } catch (IOException ex) {
            throw new TuneException("hpo.output: cannot write " + written + ": " + ex.getMessage(), ex);
        }
        TuneSummary summary = new TuneSummary(plan.className(), plan.study(), plan.optimizer(), plan.seed(),
                best.job().configuration(), best.value(), direction, best.job().budget(), result.evaluations().size(),
                (int) result.failures(), result.totalCost(), elapsed, written, interrupted);
        printer.summary(summary, request.baseDirectory());
        return summary;
    }

    private Selection selection(Criteria criteria) {
        if (selection == null || selection.isBlank()) {
            return Selection.defaultFor(criteria);
        }
        try {
            return Selection.parse(selection, criteria);
        } catch (IllegalArgumentException e) {
            throw new TuneException(e.getMessage(), e);
        }
    }

    /**
     * Writes the Pareto front ({@code pareto.csv}, {@code pareto.json}), shows it and picks the
     * evaluation the rule selects.
     *
     * @throws TuneException when no evaluation is feasible or none meets the rule, naming the
     *     constraints; nothing is written to the properties file then
     */
    private Evaluation chooseFromFront(TuneRequest request, Plan plan, SearchSpace space, Criteria criteria, Selection rule,
                                       StudyResult result, ProgressPrinter printer) {
        Path folder = request.baseDirectory().resolve(ReportCommand.HPO_FOLDER).resolve(plan.study());
        List<Evaluation> front;
        try {
            front = ParetoFront.write(folder, space, criteria, result.evaluations());
        } catch (IOException e) {
            throw new TuneException("cannot write the Pareto front into " + folder + ": " + e.getMessage(), e);
        }
        printer.front(criteria, front, folder.resolve(ParetoFront.CSV));
        try {
            Evaluation chosen = rule.choose(result.evaluations(), criteria);
            console.println("hpo4j: selected job " + chosen.job().id() + " by '" + rule.text()
                    + "' (change with -Dhpo.select, or write another with mvn hpo:select -Dhpo.trial=<job>)");
            return chosen;
        } catch (NoFeasibleEvaluationException e) {
            throw new TuneException("study " + plan.study() + ": " + e.getMessage() + "; no properties file written", e);
        }
    }

    /**
     * The study's store: {@code hpo.storage}, by default SQLite at {@code .hpo/<study>.db}, so that a
     * second run with the same study name resumes it, a killed run loses nothing and {@code mvn clean}
     * keeps it.
     */
    private StudyStore openStore(TuneRequest request, Plan plan) {
        try {
            // a fresh study starts at the new location; an old store is only read where it is
            Path folder = request.fresh() ? request.baseDirectory().resolve(StudyStores.DEFAULT_FOLDER)
                    : StudyStores.defaultDirectory(request.baseDirectory(), plan.study(),
                            note -> console.println("hpo4j: " + note));
            return new StoreAccess(request.storage(), storeUser, storePassword, request.storeOutage())
                    .open(folder, plan.study(), request.fresh(), note -> console.println("hpo4j: " + note));
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new TuneException("hpo.storage: " + e.getMessage(), e);
        }
    }

    private static int outputLimit(TuneRequest request) {
        return request.outputLimit() != null ? request.outputLimit() : Failures.DEFAULT_LIMIT;
    }

    /** The study's report and exports under {@code target/hpo/<study>/}; a failure here only warns. */
    private void writeReport(TuneRequest request, Plan plan, SearchSpace space, Criteria criteria, StudyResult result) {
        Path folder = request.baseDirectory().resolve(ReportCommand.HPO_FOLDER).resolve(plan.study());
        try {
            Path html = Reports.write(StudyReports.of(result, space, plan.optimizer(), plan.seed(), criteria), folder);
            console.println("hpo4j: report " + html);
        } catch (IOException | RuntimeException e) {
            // the tuned properties matter more than the pictures: never fail the run for the report
            console.println("hpo4j: warning: could not write the report in " + folder + ": " + e);
        }
    }

    /** The study's stopping rule: every bound of the plan; none means the optimizer's own end. */
    static StoppingRule stoppingRule(Plan plan) {
        List<StoppingRule> rules = new ArrayList<>();
        if (plan.maxEvaluations() > 0) {
            rules.add(StoppingRule.maxEvaluations(plan.maxEvaluations()));
        }
        if (plan.maxCost() > 0) {
            rules.add(StoppingRule.maxCost(plan.maxCost()));
        }
        if (plan.timeLimit() != null) {
            rules.add(StoppingRule.timeLimit(plan.timeLimit()));
        }
        return rules.isEmpty() ? progress -> false : StoppingRule.anyOf(rules.toArray(new StoppingRule[0]));
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Left-aligned columns, two spaces apart, indented by two. */
    static String table(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < columns; i++) {
                line.append(row[i]);
                if (i < columns - 1) {
                    line.append(" ".repeat(width[i] - row[i].length() + 2));
                }
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }
}
