package org.hpo4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hpo4j.annotations.Direction;
import org.hpo4j.optimizer.Job;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

class ReportRowTest {
    private static final SearchSpace SPACE = SearchSpace.builder().add(FloatParameter.uniform("x", 0, 1)).build();
    private static final Job JOB = new Job(3, new Job.ConfigId(0, 0, 3), SPACE.configuration(Map.of("x", 0.5)), 1, 0, 0);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void stateAndValueAgree() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReportRow.finished(JOB, Double.NaN, T0, T0, 1));
        assertTrue(e.getMessage().contains("job 3"), e.getMessage());
        ReportRow failed = ReportRow.failed(JOB, " ", T0, T0, 1);
        assertEquals("failed without a message", failed.failure());
        assertTrue(Double.isNaN(failed.value()));
        assertNull(ReportRow.running(JOB, T0).failure());
        assertThrows(IllegalArgumentException.class, () -> ReportRow.finished(JOB, 1, T0.plusSeconds(1), T0, 1));
    }

    @Test
    void reportDataRefusesDuplicateJobsAndUnknownParameters() {
        ReportRow row = ReportRow.finished(JOB, 1, T0, T0, 1);
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> new ReportData("s", Direction.MINIMIZE, "random", 0, SPACE, List.of(row, row)));
        assertTrue(dup.getMessage().contains("job 3 appears twice"), dup.getMessage());
        SearchSpace other = SearchSpace.builder().add(FloatParameter.uniform("y", 0, 1)).build();
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new ReportData("s", Direction.MINIMIZE, "random", 0, other, List.of(row)));
        assertTrue(unknown.getMessage().contains("'x'"), unknown.getMessage());
    }
}
