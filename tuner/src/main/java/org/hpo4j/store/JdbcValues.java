package org.hpo4j.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hpo4j.annotations.Direction;
import org.hpo4j.optimizer.Result;
import org.hpo4j.trial.Constraint;
import org.hpo4j.trial.Criteria;
import org.hpo4j.trial.Goal;

/**
 * The tables of studies of several objectives (schema version 6): a study's criteria
 * ({@code study_criteria}) and every objective and constrained component of a result
 * ({@code result_values}). A study without rows there has its one objective, as every study of
 * earlier versions.
 */
final class JdbcValues {
    private static final String OBJECTIVE = "OBJECTIVE";
    private static final String CONSTRAINT = "CONSTRAINT";

    private final Sql sql;

    JdbcValues(Sql sql) {
        this.sql = sql;
    }

    /** Stores the objectives and constraints of a new study, in order. */
    void writeCriteria(long studyId, Criteria criteria) throws SQLException {
        try (PreparedStatement p = sql.prepare("INSERT INTO study_criteria (study_id, position, name, kind, bound)"
                + " VALUES (?, ?, ?, ?, ?)")) {
            int position = 0;
            for (Goal g : criteria.objectives()) {
                Sql.bind(p, studyId, position++, g.name(), g.direction().name(), Sql.NULL_NUMBER);
                p.executeUpdate();
            }
            for (Constraint c : criteria.constraints()) {
                Sql.bind(p, studyId, position++, c.name(), c.kind().name(), c.limit());
                p.executeUpdate();
            }
        }
    }

    /** The study's criteria from {@code study_criteria}, or its one objective when it has no rows there. */
    Criteria readCriteria(long studyId, Direction direction) throws SQLException {
        List<Goal> goals = new ArrayList<>();
        List<Constraint> constraints = new ArrayList<>();
        sql.each("SELECT name, kind, bound FROM study_criteria WHERE study_id = ? ORDER BY position", rs -> {
            String kind = rs.getString(2);
            if (kind.equals(Direction.MINIMIZE.name()) || kind.equals(Direction.MAXIMIZE.name())) {
                goals.add(new Goal(rs.getString(1), Direction.valueOf(kind)));
            } else {
                constraints.add(new Constraint(rs.getString(1), Constraint.Kind.valueOf(kind), rs.getDouble(3)));
            }
        }, studyId);
        return goals.isEmpty() ? Criteria.single(direction) : new Criteria(goals, constraints);
    }

    /** Replaces the stored values of a job's result with {@code result}'s. */
    void write(long studyId, int jobId, Result result) throws SQLException {
        sql.update("DELETE FROM result_values WHERE study_id = ? AND job_id = ?", studyId, jobId);
        try (PreparedStatement p = sql.prepare("INSERT INTO result_values (study_id, job_id, kind, position, value)"
                + " VALUES (?, ?, ?, ?, ?)")) {
            for (int kind = 0; kind < 2; kind++) {
                List<Double> values = kind == 0 ? result.objectives() : result.constraints();
                for (int i = 0; i < values.size(); i++) {
                    Sql.bind(p, studyId, jobId, kind == 0 ? OBJECTIVE : CONSTRAINT, i, values.get(i));
                    p.executeUpdate();
                }
            }
        }
    }

    /** {@code jobs} with the values of their results from {@code result_values}, where there are any. */
    List<StoredJob> attach(long studyId, List<StoredJob> jobs, Integer onlyJob) throws SQLException {
        Map<Integer, List<Double>> objectives = new HashMap<>();
        Map<Integer, List<Double>> constraints = new HashMap<>();
        String query = "SELECT job_id, kind, value FROM result_values WHERE study_id = ?"
                + (onlyJob == null ? "" : " AND job_id = ?") + " ORDER BY job_id, kind, position";
        Sql.RowConsumer collect = rs -> (rs.getString(2).equals(OBJECTIVE) ? objectives : constraints)
                .computeIfAbsent(rs.getInt(1), j -> new ArrayList<>()).add(rs.getDouble(3));
        Object[] parameters = onlyJob == null ? new Object[] {studyId} : new Object[] {studyId, onlyJob};
        sql.each(query, collect, parameters);
        if (objectives.isEmpty()) {
            return jobs;
        }
        List<StoredJob> out = new ArrayList<>(jobs.size());
        for (StoredJob j : jobs) {
            List<Double> o = objectives.get(j.jobId());
            out.add(o == null || j.state() != JobState.FINISHED ? j
                    : j.withValues(o, constraints.getOrDefault(j.jobId(), List.of())));
        }
        return out;
    }
}
