package org.hpo4j.dashboard;

import java.nio.file.Path;
import java.util.List;
import org.hpo4j.annotations.Direction;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.store.NewJob;
import org.hpo4j.store.SqliteStore;
import org.hpo4j.store.StudyDefinition;
import org.hpo4j.store.StudySettings;
import org.hpo4j.store.StudyStore;
import org.hpo4j.trial.Criteria;
import org.hpo4j.trial.Goal;

/**
 * A study in a real SQLite file, written as {@code hpo:tune} writes it, with hostile strings in
 * its name, a categorical value and a failure message.
 */
final class DashboardFixture implements AutoCloseable {
    static final String HOSTILE_NAME = "</script><script>alert('name')</script>";
    static final String HOSTILE_CHOICE = "<img src=x onerror=alert(1)>";
    static final String HOSTILE_FAILURE = "java.lang.IllegalStateException: </script><script>alert(2)</script>\n"
            + "\tat Somewhere.line(1)";

    static final SearchSpace SPACE = SearchSpace.builder()
            .add(FloatParameter.logUniform("lr", 1e-4, 1))
            .add(CategoricalParameter.of("optimizer", List.of("sgd", HOSTILE_CHOICE)))
            .budget("epochs", 1, 9, true)
            .build();

    final Path file;
    final StudyStore writer;
    final String study;

    DashboardFixture(Path dir, String study) {
        this(dir, study, Criteria.single(Direction.MINIMIZE));
    }

    /** A study of these objectives (several: a front to draw). */
    DashboardFixture(Path dir, String study, Criteria criteria) {
        this.file = dir.resolve("study.db");
        this.study = study;
        this.writer = SqliteStore.open(file, false);
        writer.open(new StudyDefinition(study, SPACE.describe(), Direction.MINIMIZE, "random", 7,
                StudySettings.of(new StudySettings.Budgets(1, 9, 3, 7)), criteria));
    }

    /** Two objectives, both minimized. */
    static Criteria twoObjectives() {
        return new Criteria(List.of(new Goal("error", Direction.MINIMIZE), new Goal("latencyMs", Direction.MINIMIZE)),
                List.of());
    }

    void finish(int id, double error, double latency) {
        writer.finish(study, id, 1, Result.of(List.of(error, latency), List.of()), System.currentTimeMillis());
        writer.acknowledge(study, id);
    }

    /** Job {@code id} handed out and started now, with the hostile choice when {@code id} is odd. */
    void start(int id) {
        String choice = id % 2 == 1 ? HOSTILE_CHOICE : "sgd";
        String json = "{\"lr\":" + (0.001 * (id + 1)) + ",\"optimizer\":\"" + choice.replace("\"", "\\\"") + "\"}";
        writer.addJob(study, new NewJob(id, new Job.ConfigId(0, 0, id), 0, 9, 0, json), "w",
                System.currentTimeMillis(), Long.MAX_VALUE);
    }

    void report(int id, double step, double value) {
        writer.report(study, id, 1, step, value, System.currentTimeMillis());
    }

    void finish(int id, double value) {
        writer.finish(study, id, 1, Result.of(value), System.currentTimeMillis());
        writer.acknowledge(study, id);
    }

    void fail(int id, String failure) {
        writer.finish(study, id, 1, Result.failed(failure), System.currentTimeMillis());
        writer.acknowledge(study, id);
    }

    /** A read-only store of the same file, as {@code hpo:dashboard} opens it. */
    StudyStore reader() {
        return SqliteStore.openReadOnly(file);
    }

    @Override
    public void close() {
        writer.close();
    }
}
