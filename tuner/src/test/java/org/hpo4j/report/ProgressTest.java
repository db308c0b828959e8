package org.hpo4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hpo4j.annotations.Direction;
import org.hpo4j.optimizer.Job;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static final SearchSpace SPACE = SearchSpace.builder().add(FloatParameter.uniform("x", 0, 1)).build();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static ReportRow row(int id, double budget, double value, int endSecond, double cost) {
        Job job = new Job(id, new Job.ConfigId(0, 0, id), SPACE.configuration(Map.of("x", 0.5)), budget, 0, 0);
        return ReportRow.finished(job, value, T0.plusSeconds(endSecond - 1), T0.plusSeconds(endSecond), cost);
    }

    @Test
    void bestSoFarPerBudgetInOrderOfEnd() {
        // job 2 ends before job 1: order of end, not of id
        List<ReportRow> rows = List.of(row(0, 1, 5, 1, 1), row(1, 1, 3, 4, 1), row(2, 1, 4, 2, 1),
                row(3, 3, 2, 6, 3), row(4, 3, 2.5, 8, 3));
        List<Progress.Trace> traces = Progress.traces(new ReportData("p", Direction.MINIMIZE, "random", 1, SPACE, rows));
        assertEquals(2, traces.size());
        Progress.Trace low = traces.get(0);
        assertEquals(1, low.budget());
        assertEquals(List.of(new Progress.Point(1, 1, 5, 0), new Progress.Point(2, 2, 4, 2),
                new Progress.Point(3, 4, 3, 1), new Progress.Point(9, 8, 3, -1)), low.points());
        Progress.Trace high = traces.get(1);
        assertEquals(List.of(new Progress.Point(6, 6, 2, 3), new Progress.Point(9, 8, 2, -1)), high.points());
    }

    @Test
    void maximizingKeepsTheLargestAndUnknownCostCountsTheBudget() {
        List<ReportRow> rows = List.of(row(0, 2, 5, 1, Double.NaN), row(1, 2, 3, 2, Double.NaN),
                row(2, 2, 7, 3, Double.NaN));
        List<Progress.Point> points = Progress.traces(
                new ReportData("p", Direction.MAXIMIZE, "random", 1, SPACE, rows)).get(0).points();
        assertEquals(List.of(5.0, 7.0, 7.0), points.stream().map(Progress.Point::best).toList());
        assertEquals(List.of(2.0, 6.0, 6.0), points.stream().map(Progress.Point::cost).toList());
        assertTrue(new ReportData("p", Direction.MAXIMIZE, "random", 1, SPACE, rows).best().orElseThrow().jobId() == 2);
    }
}
