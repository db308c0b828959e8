package org.hpo4j.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hpo4j.optimizer.Job;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.store.JobState;
import org.hpo4j.store.StoredJob;
import org.hpo4j.store.StudyDefinition;
import org.hpo4j.store.StudySettings;
import org.hpo4j.store.StudyStore;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.study.Study;
import org.hpo4j.study.StudyResult;
import org.hpo4j.study.TrialOutcomes;

/**
 * Builds {@link ReportData} from where studies live: a {@link Study} that just ran, or a
 * {@link StudyStore} that holds one (for {@code hpo:report}, possibly while the study still runs).
 */
public final class StudyReports {
    private StudyReports() {
    }

    /** The report of a study that ran in this JVM: every evaluation of {@code result}, failures included. */
    public static ReportData of(Study study, StudyResult result) {
        StudyDefinition definition = study.definition();
        return of(result, study.space(), definition.optimizer(), definition.seed(), study.criteria());
    }

    /**
     * The report of a study's result. A {@link StudyResult} holds finished evaluations only; jobs
     * still running are not in it.
     */
    public static ReportData of(StudyResult result, SearchSpace space, String optimizer, long seed) {
        return of(result, space, optimizer, seed, org.hpo4j.trial.Criteria.single(result.direction()));
    }

    /** The report of a study's result with its objectives and constraints (several objectives). */
    public static ReportData of(StudyResult result, SearchSpace space, String optimizer, long seed,
                                org.hpo4j.trial.Criteria criteria) {
        List<ReportRow> rows = new ArrayList<>();
        for (Evaluation e : result.evaluations()) {
            rows.add(row(e));
        }
        return new ReportData(result.name(), result.direction(), optimizer, seed, space, rows, criteria);
    }

    /** The row of a finished evaluation, with its intermediate values. */
    private static ReportRow row(Evaluation e) {
        ReportRow row = e.isFailure()
                ? ReportRow.failed(e.job(), e.result().failure(), e.start(), e.end(), e.cost())
                : ReportRow.finished(e.job(), e.value(), e.start(), e.end(), e.cost());
        if (!e.isFailure() && (e.result().isMultiObjective() || !e.result().constraints().isEmpty())) {
            row = row.withValues(e.result().objectives(), e.result().constraints());
        }
        return row.withIntermediate(intermediate(e.reports())).withStoppedEarly(e.stoppedEarly());
    }

    private static List<IntermediateValue> intermediate(List<Evaluation.Report> reports) {
        return reports.stream().map(r -> new IntermediateValue(r.step(), r.value())).toList();
    }

    /**
     * The report of the study called {@code study} in {@code store}: every job it handed out,
     * pending and running ones included, with their intermediate values.
     *
     * @param space the study's search space, as the objective class defines it now
     * @throws IllegalArgumentException when the store has no such study, or holds it with another
     *     search space (naming what changed)
     */
    public static ReportData fromStore(StudyStore store, String study, SearchSpace space) {
        StudyDefinition definition = store.find(study).orElseThrow(() -> new IllegalArgumentException(
                "no study '" + study + "' in " + store.location() + "; run hpo:tune first or set hpo.study"));
        if (!definition.hasSpace(space.describe())) {
            StudyDefinition now = new StudyDefinition(definition.name(), space.describe(), definition.direction(),
                    definition.optimizer(), definition.seed(), definition.settings());
            throw new IllegalArgumentException("study '" + study + "' in " + store.location()
                    + " was run with another search space than the class defines now: "
                    + String.join("; ", now.differencesFrom(definition)));
        }
        // charged as the study charges it, by the same rule: continuations from their checkpoint,
        // evaluations stopped early up to their last report
        TrialOutcomes outcomes = new TrialOutcomes(space, maxBudget(definition.settings(), space));
        List<ReportRow> rows = new ArrayList<>();
        for (StoredJob stored : store.jobs(study)) {
            Job job = stored.toJob(space);
            List<Evaluation.Report> reports = stored.state() == JobState.PENDING ? List.of()
                    : store.reports(study, stored.jobId()).stream().map(r -> new Evaluation.Report(r.step(), r.value()))
                    .toList();
            ReportRow row = switch (stored.state()) {
                case FINISHED, FAILED -> StudyReports.row(outcomes.stored(job, stored.result(), stored, reports));
                case RUNNING -> ReportRow.running(job, stored.startedAt() > 0 ? Instant.ofEpochMilli(stored.startedAt()) : null)
                        .withIntermediate(intermediate(reports));
                case PENDING -> ReportRow.pending(job);
            };
            rows.add(row);
        }
        return new ReportData(definition.name(), definition.direction(), definition.optimizer(), definition.seed(),
                space, rows, definition.criteria());
    }

    /**
     * The budget that counts as one full evaluation, chosen as {@link Study} chooses it: the
     * space's largest budget, else the largest budget of the stored optimizer settings; NaN when
     * neither says (every evaluation then costs 1).
     */
    static double maxBudget(StudySettings settings, SearchSpace space) {
        if (space.budget().isPresent()) {
            return space.budget().get().max();
        }
        return settings.budgets().map(StudySettings.Budgets::max).filter(v -> v > 0 && Double.isFinite(v))
                .orElse(Double.NaN);
    }
}
