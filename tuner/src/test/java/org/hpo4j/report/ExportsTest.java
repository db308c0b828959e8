package org.hpo4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hpo4j.annotations.Direction;
import org.hpo4j.optimizer.Job;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportsTest {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    /** Three evaluations: finished with the hostile choice, failed with the hostile message, running. */
    static ReportData threeRows() {
        SearchSpace space = StudyFixtures.space();
        Job a = new Job(0, new Job.ConfigId(0, 1, 0), space.configuration(Map.of("learningRate", 0.001,
                "hidden", 64, "optimizer", StudyFixtures.HOSTILE_CHOICE, "dropout", 0.25)), 9, 0, 0);
        Job b = new Job(1, new Job.ConfigId(0, 1, 1), space.configuration(Map.of("learningRate", 0.5,
                "hidden", 16, "optimizer", "momentum", "momentum", 0.9, "dropout", 0.0)), 9, 3, 1);
        Job c = new Job(2, new Job.ConfigId(1, 0, 0), space.configuration(Map.of("learningRate", 1e-4,
                "hidden", 512, "optimizer", "sgd", "dropout", 0.5)), 27, 0, 0);
        List<ReportRow> rows = new ArrayList<>();
        rows.add(ReportRow.finished(a, 0.125, T0, T0.plusMillis(1500), 9)
                .withIntermediate(List.of(new IntermediateValue(1, 0.5), new IntermediateValue(2, 0.125))));
        rows.add(ReportRow.failed(b, StudyFixtures.HOSTILE_FAILURE, T0.plusSeconds(2), T0.plusSeconds(3), 6));
        rows.add(ReportRow.running(c, T0.plusSeconds(4)));
        return new ReportData("exports", Direction.MINIMIZE, "hyperband", 42, space, rows);
    }

    @Test
    void csvRoundTrips() {
        ReportData data = threeRows();
        String csv = Reports.csv(data);
        List<List<String>> records = CsvParser.parse(csv);
        assertEquals(4, records.size());
        List<String> header = records.get(0);
        assertEquals(List.of("job_id", "iteration", "bracket", "index", "rung", "budget", "previous_budget", "state",
                "value", "failure", "start", "end", "duration_seconds", "cost", "param:learningRate", "param:hidden",
                "param:optimizer", "param:momentum", "param:dropout"), header);
        for (List<String> r : records) {
            assertEquals(header.size(), r.size(), "record " + r);
        }

        List<String> finished = records.get(1);
        assertEquals(List.of("0", "0", "1", "0", "0", "9", "0", "FINISHED", "0.125", "", "2026-11-27T10:00:00Z",
                "2026-11-27T10:00:01.500Z", "1.5", "9", "0.001", "64", StudyFixtures.HOSTILE_CHOICE, "", "0.25"),
                finished);

        List<String> failed = records.get(2);
        assertEquals("FAILED", failed.get(header.indexOf("state")));
        assertEquals(StudyFixtures.HOSTILE_FAILURE, failed.get(header.indexOf("failure")));
        assertEquals("", failed.get(header.indexOf("value")));
        assertEquals("3", failed.get(header.indexOf("previous_budget")));
        assertEquals("0.9", failed.get(header.indexOf("param:momentum")));

        List<String> running = records.get(3);
        assertEquals("RUNNING", running.get(header.indexOf("state")));
        assertEquals("", running.get(header.indexOf("end")));
        assertEquals("", running.get(header.indexOf("cost")));
    }

    @Test
    void csvQuotesTheFieldsThatNeedIt() {
        assertEquals("plain", Csv.field("plain"));
        assertEquals("\"a,b\"", Csv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
        assertEquals("\"one\ntwo\"", Csv.field("one\ntwo"));
        assertEquals("\" padded \"", Csv.field(" padded "));
        assertEquals("", Csv.field(null));
        String csv = Reports.csv(threeRows());
        assertTrue(csv.contains("\"java.lang.IllegalStateException: bad \"\"quote\"\", comma\nsecond line\r\n"), csv);
        assertTrue(csv.endsWith("\r\n"));
    }

    @Test
    void jsonRoundTrips() {
        ReportData data = threeRows();
        JsonObject root = JsonParser.parseString(Reports.json(data)).getAsJsonObject();
        assertEquals("exports", root.get("study").getAsString());
        assertEquals("MINIMIZE", root.get("direction").getAsString());
        assertEquals("hyperband", root.get("optimizer").getAsString());
        assertEquals(42, root.get("seed").getAsLong());
        JsonArray evaluations = root.getAsJsonArray("evaluations");
        assertEquals(3, evaluations.size());

        JsonObject a = evaluations.get(0).getAsJsonObject();
        assertEquals(0, a.get("jobId").getAsInt());
        assertEquals(1, a.getAsJsonObject("configId").get("bracket").getAsInt());
        assertEquals("FINISHED", a.get("state").getAsString());
        assertEquals(0.125, a.get("value").getAsDouble());
        assertTrue(a.get("failure").isJsonNull());
        assertEquals(9, a.get("budget").getAsDouble());
        assertEquals("2026-11-27T10:00:01.500Z", a.get("end").getAsString());
        assertEquals(1.5, a.get("durationSeconds").getAsDouble());
        JsonObject params = a.getAsJsonObject("parameters");
        assertEquals(List.of("learningRate", "hidden", "optimizer", "dropout"), List.copyOf(params.keySet()));
        assertEquals(0.001, params.get("learningRate").getAsDouble());
        assertEquals(64, params.get("hidden").getAsLong());
        assertTrue(params.get("hidden").getAsJsonPrimitive().isNumber());
        assertEquals(StudyFixtures.HOSTILE_CHOICE, params.get("optimizer").getAsString());
        JsonArray intermediate = a.getAsJsonArray("intermediate");
        assertEquals(2, intermediate.size());
        assertEquals(2, intermediate.get(1).getAsJsonObject().get("step").getAsDouble());
        assertEquals(0.125, intermediate.get(1).getAsJsonObject().get("value").getAsDouble());

        JsonObject b = evaluations.get(1).getAsJsonObject();
        assertEquals("FAILED", b.get("state").getAsString());
        assertTrue(b.get("value").isJsonNull());
        assertEquals(StudyFixtures.HOSTILE_FAILURE, b.get("failure").getAsString());
        assertEquals(1, b.get("rung").getAsInt());
        assertEquals(3, b.get("previousBudget").getAsDouble());
        assertEquals(0.9, b.getAsJsonObject("parameters").get("momentum").getAsDouble());

        JsonObject c = evaluations.get(2).getAsJsonObject();
        assertEquals("RUNNING", c.get("state").getAsString());
        assertTrue(c.get("end").isJsonNull());
        assertTrue(c.get("cost").isJsonNull());
    }

    @Test
    void writeMakesThreeFilesInTheFolder(@TempDir Path dir) throws Exception {
        ReportData data = threeRows();
        Path page = Reports.write(data, dir.resolve("target/hpo/exports"));
        assertEquals(dir.resolve("target/hpo/exports/report.html"), page);
        assertTrue(Files.readString(page).startsWith("<!DOCTYPE html>"));
        assertEquals(Reports.csv(data), Files.readString(dir.resolve("target/hpo/exports/evaluations.csv"),
                StandardCharsets.UTF_8));
        assertEquals(Reports.json(data), Files.readString(dir.resolve("target/hpo/exports/evaluations.json"),
                StandardCharsets.UTF_8));
        try (var files = Files.list(dir.resolve("target/hpo/exports"))) {
            assertEquals(3, files.count(), "temporary files left behind");
        }
        Path chosen = dir.resolve("elsewhere/out.csv");
        Reports.write(data, ReportFormat.parse("csv"), chosen);
        assertEquals(Reports.csv(data), Files.readString(chosen));
    }

    @Test
    void anUnknownFormatIsNamed() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ReportFormat.parse("xml"));
        assertTrue(e.getMessage().contains("'xml'") && e.getMessage().contains("csv"), e.getMessage());
        assertEquals(ReportFormat.JSON, ReportFormat.parse(" Json "));
        assertFalse(ReportFormat.HTML.defaultFileName().isEmpty());
    }
}
