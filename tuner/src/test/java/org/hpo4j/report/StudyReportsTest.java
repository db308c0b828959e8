package org.hpo4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.hpo4j.annotations.Direction;
import org.hpo4j.curves.CurveStopper;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.store.InMemoryStore;
import org.hpo4j.store.NewJob;
import org.hpo4j.store.StudySettings;
import org.hpo4j.store.StudyStore;
import org.hpo4j.objective.Objective;
import org.hpo4j.study.StoppingRule;
import org.hpo4j.study.Study;
import org.hpo4j.study.StudyResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyReportsTest {
    /** Reports one value per epoch; fails for the hostile choice with much dropout. */
    private static final Objective OBJECTIVE = (c, context) -> {
        if (c.getString("optimizer").equals(StudyFixtures.HOSTILE_CHOICE) && c.getDouble("dropout") > 0.2) {
            throw new IllegalStateException(StudyFixtures.HOSTILE_FAILURE);
        }
        SplittableRandom noise = new SplittableRandom(context.seed());
        double value = Double.NaN;
        for (int epoch = (int) context.previousBudget() + 1; epoch <= context.budget(); epoch++) {
            value = StudyFixtures.objective(c, epoch, noise);
            context.report(epoch, value);
        }
        return value;
    };

    private static Study study(StudyStore store, Path work) {
        return Study.builder(StudyFixtures.space()).name("adapter").direction(Direction.MINIMIZE)
                .optimizer("hyperband", new Fidelity(1, 9), 4, HyperbandSettings.defaults().withMaxIterations(1)).seed(4)
                .store(store).workDirectory(work).build();
    }

    @Test
    void aStudyAndItsStoreGiveTheSameReport(@TempDir Path work) {
        try (InMemoryStore store = new InMemoryStore()) {
            Study study = study(store, work);
            StudyResult result = study.optimize(OBJECTIVE, StoppingRule.maxEvaluations(1000));
            ReportData fromStudy = StudyReports.of(study, result);
            assertEquals("adapter", fromStudy.studyName());
            assertEquals("hyperband", fromStudy.optimizer());
            assertEquals(4, fromStudy.seed());
            assertEquals(result.evaluations().size(), fromStudy.rows().size());
            assertTrue(fromStudy.count(EvaluationState.FAILED) > 0, "the objective should fail somewhere");
            ReportRow failed = fromStudy.rows().stream().filter(r -> r.state() == EvaluationState.FAILED)
                    .findFirst().orElseThrow();
            assertTrue(failed.failure().contains(StudyFixtures.HOSTILE_FAILURE), failed.failure());
            ReportRow promoted = fromStudy.rows().stream()
                    .filter(r -> r.state() == EvaluationState.FINISHED && r.rung() > 0).findFirst().orElseThrow();
            assertEquals(promoted.budget() - promoted.previousBudget(), promoted.intermediate().size());
            // the space's budget (1..27) is the cost unit, as Study charges it
            assertEquals(promoted.budget() / 27, promoted.cost(), 1e-12);

            ReportData fromStore = StudyReports.fromStore(store, "adapter", StudyFixtures.space());
            assertEquals(fromStudy.rows().size(), fromStore.rows().size());
            for (int i = 0; i < fromStudy.rows().size(); i++) {
                ReportRow a = fromStudy.rows().get(i);
                ReportRow b = fromStore.rows().get(i);
                assertEquals(List.of(a.jobId(), a.configId(), a.rung(), a.budget(), a.previousBudget(),
                        a.configuration(), a.state(), a.value(), String.valueOf(a.failure()), a.end(), a.cost(),
                        a.intermediate()),
                        List.of(b.jobId(), b.configId(), b.rung(), b.budget(), b.previousBudget(), b.configuration(),
                                b.state(), b.value(), String.valueOf(b.failure()), b.end(), b.cost(), b.intermediate()),
                        "job " + a.jobId());
            }
            assertEquals(ReportWriter.html(fromStudy).length() > 0, true);
        }
    }

    @Test
    void pendingAndRunningJobsOfAStoredStudyAreShown() {
        SearchSpace space = SearchSpace.builder().add(FloatParameter.uniform("x", 0, 1)).build();
        try (InMemoryStore store = new InMemoryStore()) {
            Study study = Study.builder(space).name("live").optimizer("random", new Fidelity(1, 3), 1)
                    .store(store).build();
            store.open(study.definition());
            Job first = new Job(0, new Job.ConfigId(0, 0, 0), space.configuration(java.util.Map.of("x", 0.25)), 3, 0, 0);
            Job second = new Job(1, new Job.ConfigId(1, 0, 0), space.configuration(java.util.Map.of("x", 0.75)), 3, 0, 0);
            store.addJob("live", NewJob.of(first), "worker-1", 1_000, Long.MAX_VALUE - 1);
            store.report("live", 0, 1, 1, 0.5, 1_500);
            store.addJob("live", NewJob.of(second), null, 2_000, 0);
            ReportData data = StudyReports.fromStore(store, "live", space);
            assertEquals(List.of(EvaluationState.RUNNING, EvaluationState.PENDING),
                    data.rows().stream().map(ReportRow::state).toList());
            assertEquals(List.of(new IntermediateValue(1, 0.5)), data.rows().get(0).intermediate());
            assertEquals(1_000, data.rows().get(0).start().toEpochMilli());
            assertTrue(ReportWriter.html(data).contains("No evaluation has finished yet."));
        }
    }

    @Test
    void aMissingStudyOrAChangedSpaceIsNamed(@TempDir Path work) {
        try (InMemoryStore store = new InMemoryStore()) {
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> StudyReports.fromStore(store, "nothing", StudyFixtures.space()));
            assertTrue(missing.getMessage().contains("no study 'nothing'"), missing.getMessage());

            Study study = study(store, work);
            study.optimize(OBJECTIVE, StoppingRule.maxEvaluations(3));
            SearchSpace other = SearchSpace.builder().add(FloatParameter.uniform("learningRate", 0, 1)).build();
            IllegalArgumentException changed = assertThrows(IllegalArgumentException.class,
                    () -> StudyReports.fromStore(store, "adapter", other));
            assertTrue(changed.getMessage().contains("another search space") && changed.getMessage().contains("learningRate"),
                    changed.getMessage());
        }
    }

    @Test
    void theCostUnitIsTheSpacesLargestBudgetElseTheStoredSettings() {
        SearchSpace space = StudyFixtures.space();
        StudySettings settings = StudySettings.of(new StudySettings.Budgets(1, 81, 3, 0));
        assertEquals(27, StudyReports.maxBudget(settings, space));
        SearchSpace noBudget = SearchSpace.builder().add(FloatParameter.uniform("x", 0, 1)).build();
        assertEquals(81, StudyReports.maxBudget(settings, noBudget));
        assertTrue(Double.isNaN(StudyReports.maxBudget(StudySettings.NONE, noBudget)));
    }

    /** A learning curve that continues from its checkpoint and returns early when asked to. */
    private static final Objective CURVE = (c, context) -> {
        double rate = c.getDouble("rate");
        double floor = c.getDouble("floor");
        int epoch = context.loadCheckpoint(Integer.class).orElse(0);
        double value = 1;
        while (epoch < context.budget()) {
            epoch++;
            value = floor + (1 - floor) * Math.exp(-rate * epoch);
            context.report(epoch, value);
            if (context.shouldStop()) {
                return value;
            }
        }
        context.saveCheckpoint(epoch);
        return value;
    };

    @Test
    void hpoReportChargesAStoredStudyAsTheStudyDidWithCheckpointsAndEarlyStops(@TempDir Path work) {
        SearchSpace space = SearchSpace.builder().add(FloatParameter.uniform("rate", 0.05, 0.6))
                .add(FloatParameter.uniform("floor", 0, 1)).budget("epochs", 1, 54, true).build();
        try (InMemoryStore store = new InMemoryStore()) {
            Study study = Study.builder(space).name("curves").seed(3).store(store).workDirectory(work)
                    .optimizer("hyperband", new Fidelity(2, 54), 3).stopper(CurveStopper.defaults(Direction.MINIMIZE))
                    .build();
            StudyResult result = study.optimize(CURVE, StoppingRule.maxCost(12));
            assertTrue(result.evaluations().stream().anyMatch(e -> e.continued()), "a promotion continued");
            assertTrue(result.evaluations().stream().anyMatch(e -> e.stoppedEarly()), "an evaluation stopped early");

            ReportData tuned = StudyReports.of(study, result);
            ReportData reported = StudyReports.fromStore(store, "curves", space);
            assertEquals(result.totalCost(), total(tuned), 1e-12);
            assertEquals(total(tuned), total(reported), 1e-12, "hpo:report's total is hpo:tune's");
            assertEquals(byJob(tuned), byJob(reported));
        }
    }

    private static double total(ReportData data) {
        return data.rows().stream().mapToDouble(ReportRow::cost).sum();
    }

    /** Each row's job, state, value and cost, by job id. */
    private static java.util.Map<Integer, String> byJob(ReportData data) {
        java.util.Map<Integer, String> rows = new java.util.TreeMap<>();
        for (ReportRow r : data.rows()) {
            rows.put(r.jobId(), r.state() + " " + r.value() + " cost " + r.cost());
        }
        return rows;
    }
}
