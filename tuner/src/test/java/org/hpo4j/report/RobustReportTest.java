package org.hpo4j.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An outlier does not wash out the colour scale; importance says when it is too thin to trust. */
class RobustReportTest {
    /** {@code rows} with the value of the first finished one replaced by {@code outlier}. */
    private static ReportData withOutlier(ReportData data, double outlier) {
        List<ReportRow> rows = new ArrayList<>(data.rows());
        for (int i = 0; i < rows.size(); i++) {
            ReportRow r = rows.get(i);
            if (r.state() == EvaluationState.FINISHED && r.budget() == 27) {
                rows.set(i, new ReportRow(r.jobId(), r.configId(), r.rung(), r.budget(), r.previousBudget(), r.configuration(),
                        r.state(), outlier, r.failure(), r.start(), r.end(), r.cost(), r.intermediate()));
                break;
            }
        }
        return new ReportData(data.studyName(), data.direction(), data.optimizer(), data.seed(), data.space(), rows);
    }

    @Test
    void theColourScaleSpansQuantilesSoAnOutlierDoesNotFlattenIt() {
        ReportData plain = randomValues();
        double[] before = PageData.colourRange(plain);
        double[] after = PageData.colourRange(withOutlier(plain, 29.2));
        assertTrue(after[1] < 29.2, "the outlier is beyond the scale: " + after[1]);
        assertTrue(after[1] <= before[1] * 1.5 + 1e-9 && after[0] >= before[0] - 1e-9,
                "the scale barely moves: " + before[0] + ".." + before[1] + " -> " + after[0] + ".." + after[1]);
        String page = ReportWriter.html(withOutlier(plain, 29.2));
        assertTrue(page.contains("\"colourRange\":[" + after[0]) || page.contains("\"colourRange\": [" + after[0]), "in the page data");
        assertTrue(page.contains("The colours span the 5 % to 95 % quantiles"), "and the page says so");
        ReportData three = ExportsTest.threeRows();
        ReportData nothingFinished = new ReportData("empty", three.direction(), three.optimizer(), three.seed(),
                three.space(), three.rows().stream().filter(r -> r.state() != EvaluationState.FINISHED).toList());
        assertArrayEquals(new double[] {0, 1}, PageData.colourRange(nothingFinished), 0.0);
    }

    private static ReportData randomValues() {
        return StudyFixtures.hyperband("outliers", 3);
    }

    @Test
    void importanceOnFewEvaluationsIsMarkedUnreliableAndSaysWhatItRestsOn() {
        ReportData data = StudyFixtures.hyperband("thin", 7);
        ImportanceEstimate est = Importance.estimate(data).orElseThrow();
        String page = ReportWriter.html(data);
        assertTrue(page.contains("From a random forest fitted to the " + est.evaluations() + " finished evaluations"), page);
        assertTrue(page.contains("The main effects add up to "), "the total explained is stated");
        int needed = Math.max(30, 10 * data.space().size());
        if (est.evaluations() < needed) {
            assertFalse(est.reliable());
            assertTrue(page.contains("<strong>Unreliable:</strong> " + est.evaluations() + " evaluations for "
                    + data.space().size() + " parameters") && page.contains("(here " + needed + ")"), page);
        } else {
            assertTrue(est.reliable());
            assertFalse(page.contains("importance-unreliable"));
        }
        ImportanceEstimate ten = new ImportanceEstimate(27, 10, est.parameters());
        assertFalse(ten.reliable(), "10 evaluations are never enough");
        assertTrue(new ImportanceEstimate(27, needed, est.parameters()).reliable());
    }
}
