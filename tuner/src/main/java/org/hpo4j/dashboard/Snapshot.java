package org.hpo4j.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.hpo4j.report.EvaluationState;
import org.hpo4j.report.JsonWriter;
import org.hpo4j.report.ReportData;
import org.hpo4j.report.ReportRow;
import org.hpo4j.report.ReportWriter;

/**
 * One state of the study as the page receives it: a version number that grows with every change,
 * and the JSON the page's script draws (HTML-safe, one line, so it fits one server-sent event).
 *
 * @param version 1 for the first state, then one more for each change
 * @param json the state as JSON text
 */
record Snapshot(long version, String json) {

    /**
     * The JSON of a study's state: the study ({@code name}, {@code location}, {@code finished}),
     * {@code progress} (counts by state, cost spent and planned, times), the {@code incumbent}'s job
     * id and the chart data of {@link ReportWriter#chartData} under {@code charts}, whose rows hold
     * every configuration, state and intermediate value.
     *
     * @param error why the store could not be read this time, {@code null} when it could
     */
    static Snapshot of(long version, ReportData data, String location, boolean finished, Planned planned, Instant now,
                       String error) {
        JsonWriter w = new JsonWriter(true, false);
        w.beginObject().member("version", version).member("generatedAt", now.toEpochMilli());
        w.name("study").beginObject().member("name", data.studyName()).member("location", location)
                .member("finished", finished).member("error", error).endObject();
        progress(w, data, planned, now, finished);
        Optional<ReportRow> best = data.best();
        w.name("incumbent");
        if (best.isPresent()) {
            w.value(best.get().jobId());
        } else {
            w.nullValue();
        }
        w.name("charts").rawValue(ReportWriter.chartData(data));
        w.endObject();
        return new Snapshot(version, w.toString());
    }

    /** The state of a study that the store does not hold (yet), or could not be read at all. */
    static Snapshot missing(long version, String study, String location, String error, Instant now) {
        JsonWriter w = new JsonWriter(true, false);
        w.beginObject().member("version", version).member("generatedAt", now.toEpochMilli());
        w.name("study").beginObject().member("name", study).member("location", location).member("finished", false)
                .member("error", error).endObject();
        w.name("progress").nullValue().name("incumbent").nullValue().name("charts").nullValue();
        w.endObject();
        return new Snapshot(version, w.toString());
    }

    private static void progress(JsonWriter w, ReportData data, Planned planned, Instant now, boolean finished) {
        double spent = 0;
        Instant first = null;
        Instant last = null;
        long stopped = 0;
        for (ReportRow r : data.rows()) {
            if (r.isDone() && !Double.isNaN(r.cost())) {
                spent += r.cost();
            }
            if (r.stoppedEarly()) {
                stopped++;
            }
            if (r.start() != null && (first == null || r.start().isBefore(first))) {
                first = r.start();
            }
            if (r.end() != null && (last == null || r.end().isAfter(last))) {
                last = r.end();
            }
        }
        long done = data.count(EvaluationState.FINISHED) + data.count(EvaluationState.FAILED);
        boolean running = data.count(EvaluationState.RUNNING) > 0;
        // a study that still runs is timed up to now; one that ended (or is idle) up to its last result
        Instant until = finished || !running ? (last != null ? last : now) : now;
        double elapsed = first == null ? Double.NaN : Math.max(0, Duration.between(first, until).toMillis() / 1000.0);
        w.name("progress").beginObject()
                .member("done", done)
                .member("finished", data.count(EvaluationState.FINISHED))
                .member("failed", data.count(EvaluationState.FAILED))
                .member("stopped", stopped)
                .member("running", data.count(EvaluationState.RUNNING))
                .member("pending", data.count(EvaluationState.PENDING))
                .member("cost", spent)
                .member("plannedCost", planned.cost() > 0 ? planned.cost() : Double.NaN)
                .member("plannedEvaluations", planned.evaluations() > 0 ? planned.evaluations() : Double.NaN)
                .member("approximate", planned.approximate())
                .member("started", first == null ? Double.NaN : first.toEpochMilli())
                .member("elapsedSeconds", elapsed)
                .member("remainingSeconds", finished ? Double.NaN : remaining(planned, spent, elapsed))
                .endObject();
    }

    /**
     * The time left: at the rate spent so far, what the planned cost still needs, and no more than
     * the time limit leaves; NaN when neither is known.
     */
    static double remaining(Planned planned, double spent, double elapsed) {
        double left = Double.NaN;
        if (planned.cost() > 0 && spent > 0 && elapsed > 0) {
            left = Math.max(0, planned.cost() - spent) * elapsed / spent;
        }
        if (planned.timeLimit() != null && !Double.isNaN(elapsed)) {
            double limit = Math.max(0, planned.timeLimit().toMillis() / 1000.0 - elapsed);
            left = Double.isNaN(left) ? limit : Math.min(left, limit);
        }
        return left;
    }
}
