package org.hpo4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.hpo4j.annotations.Direction;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.OptimizerSettings;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.store.InMemoryStore;
import org.hpo4j.store.NewJob;
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
                .optimizer("hyperband", OptimizerSettings.of(1, 9, 4).withMaxIterations(1)).seed(4)
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
            Study study = Study.builder(space).name("live").optimizer("random", OptimizerSettings.of(1, 3, 1))
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
        assertEquals(27, StudyReports.maxBudget(OptimizerSettings.of(1, 81, 0).toString(), space));
        SearchSpace noBudget = SearchSpace.builder().add(FloatParameter.uniform("x", 0, 1)).build();
        assertEquals(81, StudyReports.maxBudget(OptimizerSettings.of(1, 81, 0).toString(), noBudget));
        assertTrue(Double.isNaN(StudyReports.maxBudget("something else", noBudget)));
    }
}
