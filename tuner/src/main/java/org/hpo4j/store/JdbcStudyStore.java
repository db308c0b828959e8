package org.hpo4j.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hpo4j.annotations.Direction;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;
import org.hpo4j.trial.Constraint;
import org.hpo4j.trial.Criteria;
import org.hpo4j.trial.Goal;

/**
 * The SQL and row mapping that {@link SqliteStore} and {@link PostgresStore} share: both run the same
 * schema and protocol; what differs (connections, transactions and their retries, locks) comes from
 * a {@link Dialect}. Not thread-safe: the stores call it from their synchronized methods.
 */
final class JdbcStudyStore {
    /** Work done inside one transaction. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** What a database does its own way. */
    interface Dialect {
        /** The connection the current transaction runs on. */
        Connection connection();

        /** Runs {@code work} as one committed transaction, rolled back on failure. */
        <T> T transaction(SqlWork<T> work);

        /** Appended to a SELECT of one job row that the transaction then updates ("" or " FOR UPDATE"). */
        String lockRow();

        /** Appended to the SELECT of the next pending job, so concurrent claimers take different rows. */
        String lockNextPending();

        /** Appended to the INSERT of a job, so a duplicate inserts no row instead of failing. */
        String ignoreDuplicate();

        /** Whether {@code e} says that an insert failed because its key is taken (by its code, not its text). */
        boolean isDuplicateKey(SQLException e);

        /** Runs first in the migration's transaction (e.g. takes a lock other processes wait on). */
        void beforeMigration(Statement s) throws SQLException;

        /** Runs first in the transaction that opens study {@code name}. */
        void lockStudy(String name) throws SQLException;
    }

    static final String JOB_COLUMNS = "job_id, config_iteration, config_bracket, config_index, rung, budget,"
            + " previous_budget, configuration, state, attempt, worker, lease_until, handed_seq, finished_seq,"
            + " started_at, finished_at, value, failure, told_seq, continued_from, stop_attempt";

    /** The state of a logged attempt whose lease ran out without an outcome. */
    static final String ABANDONED = "ABANDONED";

    private final Dialect dialect;
    private final String location;
    private final Map<String, Long> studyIds = new HashMap<>();

    private static final String OBJECTIVE = "OBJECTIVE";
    private static final String CONSTRAINT = "CONSTRAINT";

    JdbcStudyStore(Dialect dialect, String location) {
        this.dialect = dialect;
        this.location = location;
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        return dialect.connection().prepareStatement(sql);
    }

    /** Creates the schema {@code schema} (version 1 in this database's words) and migrates it. */
    void migrate(List<String> schema) {
        dialect.transaction(() -> {
            try (Statement s = dialect.connection().createStatement()) {
                dialect.beforeMigration(s);
                for (String ddl : schema) {
                    s.execute(ddl);
                }
                int version = 0;
                try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                    if (rs.next()) {
                        version = rs.getInt(1);
                    }
                }
                if (version > SqliteStore.SCHEMA_VERSION) {
                    throw new IllegalStateException("the study store " + location + " has schema version " + version
                            + ", written by a newer hpo4j; this one reads up to version " + SqliteStore.SCHEMA_VERSION);
                }
                if (version < 2) {
                    for (String ddl : SqliteStore.MIGRATION_2) {
                        s.execute(ddl);
                    }
                }
                if (version < 3) {
                    for (String ddl : SqliteStore.MIGRATION_3) {
                        s.execute(ddl);
                    }
                }
                if (version < 4) {
                    for (String ddl : SqliteStore.MIGRATION_4) {
                        s.execute(ddl);
                    }
                }
                if (version < 5) {
                    for (String ddl : SqliteStore.MIGRATION_5) {
                        s.execute(ddl);
                    }
                }
                if (version < 6) {
                    for (String ddl : SqliteStore.MIGRATION_6) {
                        s.execute(ddl);
                    }
                }
                // later versions: their steps from `version` up to SCHEMA_VERSION go here
                if (version == 0) {
                    s.execute("INSERT INTO schema_version (version) VALUES (" + SqliteStore.SCHEMA_VERSION + ")");
                } else if (version < SqliteStore.SCHEMA_VERSION) {
                    s.execute("UPDATE schema_version SET version = " + SqliteStore.SCHEMA_VERSION);
                }
            }
            return null;
        });
    }

    /**
     * Checks, without writing, that the database holds this version's schema: what a read-only
     * store does instead of {@link #migrate}.
     *
     * @throws IllegalStateException when it holds no study store, or one of another schema version
     */
    void checkSchema() {
        dialect.transaction(() -> {
            int version;
            try (Statement s = dialect.connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            } catch (SQLException e) {
                throw new IllegalStateException("the study store " + location + " holds no hpo4j studies (" + e.getMessage()
                        + ")", e);
            }
            if (version != SqliteStore.SCHEMA_VERSION) {
                throw new IllegalStateException("the study store " + location + " has schema version " + version
                        + (version > SqliteStore.SCHEMA_VERSION ? ", written by a newer hpo4j; this one reads up to version "
                        + SqliteStore.SCHEMA_VERSION : ", written by an older hpo4j, and is opened read-only here; "
                        + "mvn hpo:report (or hpo:tune) migrates it to version " + SqliteStore.SCHEMA_VERSION));
            }
            return null;
        });
    }

    boolean open(StudyDefinition definition) {
        return dialect.transaction(() -> {
            dialect.lockStudy(definition.name());
            Optional<StudyDefinition> stored = findIn(definition.name());
            if (stored.isPresent()) {
                List<String> diffs = definition.differencesFrom(stored.get());
                if (!diffs.isEmpty()) {
                    throw new StudyMismatchException(definition.name(), location, diffs);
                }
                return true;
            }
            try (PreparedStatement p = prepare("INSERT INTO studies"
                    + " (name, space, direction, optimizer, seed, settings, created_at, next_seq)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, 1)")) {
                p.setString(1, definition.name());
                p.setString(2, definition.space());
                p.setString(3, definition.direction().name());
                p.setString(4, definition.optimizer());
                p.setLong(5, definition.seed());
                p.setString(6, definition.settings().encode());
                p.setLong(7, System.currentTimeMillis());
                p.executeUpdate();
            }
            if (definition.hasCriteria()) {
                writeCriteria(studyId(definition.name()), definition.criteria());
            }
            return false;
        });
    }

    private void writeCriteria(long studyId, Criteria criteria) throws SQLException {
        try (PreparedStatement p = prepare("INSERT INTO study_criteria (study_id, position, name, kind, bound)"
                + " VALUES (?, ?, ?, ?, ?)")) {
            int position = 0;
            for (Goal g : criteria.objectives()) {
                p.setLong(1, studyId);
                p.setInt(2, position++);
                p.setString(3, g.name());
                p.setString(4, g.direction().name());
                p.setNull(5, Types.DOUBLE);
                p.executeUpdate();
            }
            for (Constraint c : criteria.constraints()) {
                p.setLong(1, studyId);
                p.setInt(2, position++);
                p.setString(3, c.name());
                p.setString(4, c.kind().name());
                p.setDouble(5, c.limit());
                p.executeUpdate();
            }
        }
    }

    /** The study's criteria from {@code study_criteria}, or its one objective when it has no rows there. */
    private Criteria readCriteria(long studyId, Direction direction) throws SQLException {
        List<Goal> goals = new ArrayList<>();
        List<Constraint> constraints = new ArrayList<>();
        try (PreparedStatement p = prepare("SELECT name, kind, bound FROM study_criteria WHERE study_id = ? ORDER BY position")) {
            p.setLong(1, studyId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString(2);
                    if (kind.equals(Direction.MINIMIZE.name()) || kind.equals(Direction.MAXIMIZE.name())) {
                        goals.add(new Goal(rs.getString(1), Direction.valueOf(kind)));
                    } else {
                        constraints.add(new Constraint(rs.getString(1), Constraint.Kind.valueOf(kind), rs.getDouble(3)));
                    }
                }
            }
        }
        return goals.isEmpty() ? Criteria.single(direction) : new Criteria(goals, constraints);
    }

    /** Replaces the stored values of a job's result with {@code result}'s. */
    private void writeValues(long studyId, int jobId, Result result) throws SQLException {
        try (PreparedStatement p = prepare("DELETE FROM result_values WHERE study_id = ? AND job_id = ?")) {
            p.setLong(1, studyId);
            p.setInt(2, jobId);
            p.executeUpdate();
        }
        try (PreparedStatement p = prepare("INSERT INTO result_values (study_id, job_id, kind, position, value)"
                + " VALUES (?, ?, ?, ?, ?)")) {
            for (int kind = 0; kind < 2; kind++) {
                List<Double> values = kind == 0 ? result.objectives() : result.constraints();
                for (int i = 0; i < values.size(); i++) {
                    p.setLong(1, studyId);
                    p.setInt(2, jobId);
                    p.setString(3, kind == 0 ? OBJECTIVE : CONSTRAINT);
                    p.setInt(4, i);
                    p.setDouble(5, values.get(i));
                    p.executeUpdate();
                }
            }
        }
    }

    /** {@code jobs} with the values of their results from {@code result_values}, where there are any. */
    private List<StoredJob> withValues(long studyId, List<StoredJob> jobs, Integer onlyJob) throws SQLException {
        Map<Integer, List<Double>> objectives = new HashMap<>();
        Map<Integer, List<Double>> constraints = new HashMap<>();
        try (PreparedStatement p = prepare("SELECT job_id, kind, value FROM result_values WHERE study_id = ?"
                + (onlyJob == null ? "" : " AND job_id = ?") + " ORDER BY job_id, kind, position")) {
            p.setLong(1, studyId);
            if (onlyJob != null) {
                p.setInt(2, onlyJob);
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    (rs.getString(2).equals(OBJECTIVE) ? objectives : constraints)
                            .computeIfAbsent(rs.getInt(1), j -> new ArrayList<>()).add(rs.getDouble(3));
                }
            }
        }
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

    Optional<StudyDefinition> find(String study) {
        return dialect.transaction(() -> findIn(study));
    }

    /** The stored definition of {@code study}, read inside the caller's transaction. */
    Optional<StudyDefinition> findIn(String study) throws SQLException {
        try (PreparedStatement p = prepare(
                "SELECT name, space, direction, optimizer, seed, settings FROM studies WHERE name = ?")) {
            p.setString(1, study);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Direction direction = Direction.valueOf(rs.getString(3));
                String name = rs.getString(1);
                String space = rs.getString(2);
                String optimizer = rs.getString(4);
                long seed = rs.getLong(5);
                String settings = rs.getString(6);
                return Optional.of(new StudyDefinition(name, space, direction, optimizer, seed, settings,
                        readCriteria(studyId(study), direction)));
            }
        }
    }

    /** Forgets the cached id of {@code study} (it was renamed). */
    void forget(String study) {
        studyIds.remove(study);
    }

    void addJob(String study, NewJob job, String worker, long now, long leaseUntil) {
        dialect.transaction(() -> {
            long id = studyId(study);
            long seq = nextSeq(id);
            boolean claimed = worker != null;
            try (PreparedStatement p = prepare("INSERT INTO jobs (study_id, " + JOB_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0, NULL, NULL, 0, 0, 0)"
                    + dialect.ignoreDuplicate())) {
                p.setLong(1, id);
                p.setInt(2, job.jobId());
                p.setInt(3, job.configId().iteration());
                p.setInt(4, job.configId().bracket());
                p.setInt(5, job.configId().index());
                p.setInt(6, job.rung());
                p.setDouble(7, job.budget());
                p.setDouble(8, job.previousBudget());
                p.setString(9, job.configuration());
                p.setString(10, (claimed ? JobState.RUNNING : JobState.PENDING).name());
                p.setInt(11, claimed ? 1 : 0);
                p.setString(12, worker);
                p.setLong(13, claimed ? leaseUntil : 0);
                p.setLong(14, seq);
                p.setLong(15, claimed ? now : 0);
                if (p.executeUpdate() == 0) {
                    throw new IllegalArgumentException("study '" + study + "' already has job " + job.jobId());
                }
            } catch (SQLException e) {
                // a database that cannot ignore duplicates reports one as a failed key constraint
                if (dialect.isDuplicateKey(e)) {
                    throw new IllegalArgumentException("study '" + study + "' already has job " + job.jobId(), e);
                }
                throw e;
            }
            if (claimed) {
                logAttempt(id, job.jobId(), 1, worker, now);
            }
            return null;
        });
    }

    Optional<StoredJob> claim(String study, String worker, long now, long leaseUntil) {
        return dialect.transaction(() -> {
            long id = studyId(study);
            Integer jobId = null;
            try (PreparedStatement p = prepare("SELECT job_id FROM jobs"
                    + " WHERE study_id = ? AND state = 'PENDING' ORDER BY job_id LIMIT 1" + dialect.lockNextPending())) {
                p.setLong(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        jobId = rs.getInt(1);
                    }
                }
            }
            if (jobId == null) {
                return Optional.empty();
            }
            try (PreparedStatement p = prepare("UPDATE jobs SET state = 'RUNNING',"
                    + " attempt = attempt + 1, worker = ?, lease_until = ?, started_at = ?"
                    + " WHERE study_id = ? AND job_id = ? AND state = 'PENDING'")) {
                p.setString(1, worker);
                p.setLong(2, leaseUntil);
                p.setLong(3, now);
                p.setLong(4, id);
                p.setInt(5, jobId);
                p.executeUpdate();
            }
            StoredJob claimed = job(id, jobId);
            logAttempt(id, jobId, claimed.attempt(), worker, now);
            return Optional.of(claimed);
        });
    }

    LeaseStatus renewLease(String study, int jobId, int attempt, long leaseUntil) {
        return dialect.transaction(() -> {
            // one statement renews the lease and reads the stop request, so a heartbeat costs no more
            try (PreparedStatement p = prepare("UPDATE jobs SET lease_until = ?"
                    + " WHERE study_id = ? AND job_id = ? AND attempt = ? AND state = 'RUNNING' RETURNING stop_attempt")) {
                p.setLong(1, leaseUntil);
                p.setLong(2, studyId(study));
                p.setInt(3, jobId);
                p.setInt(4, attempt);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return LeaseStatus.LOST;
                    }
                    return rs.getInt(1) == attempt ? LeaseStatus.STOP_REQUESTED : LeaseStatus.HELD;
                }
            }
        });
    }

    boolean requestStop(String study, int jobId, int attempt) {
        return dialect.transaction(() -> {
            try (PreparedStatement p = prepare("UPDATE jobs SET stop_attempt = ?"
                    + " WHERE study_id = ? AND job_id = ? AND attempt = ? AND state = 'RUNNING'")) {
                p.setInt(1, attempt);
                p.setLong(2, studyId(study));
                p.setInt(3, jobId);
                p.setInt(4, attempt);
                return p.executeUpdate() == 1;
            }
        });
    }

    boolean finish(String study, int jobId, int attempt, Result result, long now, double continuedFrom) {
        return dialect.transaction(() -> {
            long id = studyId(study);
            boolean current;
            // a row lock orders this against a concurrent requeue or claim of the same job
            try (PreparedStatement check = prepare("SELECT state, attempt FROM jobs"
                    + " WHERE study_id = ? AND job_id = ?" + dialect.lockRow())) {
                check.setLong(1, id);
                check.setInt(2, jobId);
                try (ResultSet rs = check.executeQuery()) {
                    current = rs.next() && rs.getString(1).equals(JobState.RUNNING.name()) && rs.getInt(2) == attempt;
                }
            }
            endAttempt(id, jobId, attempt, result, now, current);
            if (!current) {
                return false;
            }
            long seq = nextSeq(id);
            try (PreparedStatement p = prepare("UPDATE jobs SET state = ?, value = ?,"
                    + " failure = ?, finished_seq = ?, finished_at = ?, lease_until = 0, continued_from = ?"
                    + " WHERE study_id = ? AND job_id = ? AND attempt = ? AND state = 'RUNNING'")) {
                setOutcome(p, 1, result);
                p.setLong(4, seq);
                p.setLong(5, now);
                p.setDouble(6, continuedFrom);
                p.setLong(7, id);
                p.setInt(8, jobId);
                p.setInt(9, attempt);
                if (p.executeUpdate() != 1) {
                    return false;
                }
            }
            if (StoredJob.hasVectors(result)) {
                writeValues(id, jobId, result);
            }
            return true;
        });
    }

    /** Sets parameters {@code from} (state), {@code from + 1} (value or NULL) and {@code from + 2} (failure). */
    private static void setOutcome(PreparedStatement p, int from, Result result) throws SQLException {
        p.setString(from, (result.isFailure() ? JobState.FAILED : JobState.FINISHED).name());
        if (result.isFailure()) {
            p.setNull(from + 1, Types.DOUBLE);
        } else {
            p.setDouble(from + 1, result.value());
        }
        p.setString(from + 2, result.failure());
    }

    /** Logs a claim as a running attempt. */
    private void logAttempt(long studyId, int jobId, int attempt, String worker, long now) throws SQLException {
        try (PreparedStatement p = prepare("INSERT INTO attempts (study_id, job_id, attempt,"
                + " worker, started_at, finished_at, state, value, failure, counted)"
                + " VALUES (?, ?, ?, ?, ?, 0, 'RUNNING', NULL, NULL, 0)")) {
            p.setLong(1, studyId);
            p.setInt(2, jobId);
            p.setInt(3, attempt);
            p.setString(4, worker);
            p.setLong(5, now);
            p.executeUpdate();
        }
    }

    /** Logs the outcome of an attempt that has none yet, counted or not. */
    private void endAttempt(long studyId, int jobId, int attempt, Result result, long now, boolean counted)
            throws SQLException {
        try (PreparedStatement p = prepare("UPDATE attempts SET finished_at = ?, state = ?,"
                + " value = ?, failure = ?, counted = ? WHERE study_id = ? AND job_id = ? AND attempt = ?"
                + " AND state IN ('RUNNING', '" + ABANDONED + "')")) {
            p.setLong(1, now);
            setOutcome(p, 2, result);
            p.setInt(5, counted ? 1 : 0);
            p.setLong(6, studyId);
            p.setInt(7, jobId);
            p.setInt(8, attempt);
            p.executeUpdate();
        }
    }

    long acknowledge(String study, int jobId) {
        return dialect.transaction(() -> {
            long id = studyId(study);
            long told;
            try (PreparedStatement p = prepare("SELECT state, told_seq FROM jobs"
                    + " WHERE study_id = ? AND job_id = ?" + dialect.lockRow())) {
                p.setLong(1, id);
                p.setInt(2, jobId);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next() || !JobState.valueOf(rs.getString(1)).isDone()) {
                        throw new IllegalArgumentException("study '" + study + "' has no ended job " + jobId);
                    }
                    told = rs.getLong(2);
                }
            }
            if (told != 0) {
                return told;
            }
            long seq = nextSeq(id);
            try (PreparedStatement p = prepare("UPDATE jobs SET told_seq = ? WHERE study_id = ? AND job_id = ?")) {
                p.setLong(1, seq);
                p.setLong(2, id);
                p.setInt(3, jobId);
                p.executeUpdate();
            }
            return seq;
        });
    }

    List<StoredAttempt> attempts(String study, int jobId) {
        return dialect.transaction(() -> {
            try (PreparedStatement p = prepare("SELECT job_id, attempt, worker, started_at,"
                    + " finished_at, state, value, failure, counted FROM attempts WHERE study_id = ? AND job_id = ?"
                    + " ORDER BY attempt")) {
                p.setLong(1, studyId(study));
                p.setInt(2, jobId);
                return rows(p, rs -> {
                    String state = rs.getString(6);
                    double value = rs.getDouble(7);
                    Result result = state.equals(JobState.FINISHED.name()) ? Result.of(value)
                            : state.equals(JobState.FAILED.name()) ? Result.failed(rs.getString(8)) : null;
                    return new StoredAttempt(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getLong(4),
                            rs.getLong(5), result, rs.getInt(9) != 0, state.equals(ABANDONED));
                });
            }
        });
    }

    void setStudyFinished(String study, boolean finished) {
        dialect.transaction(() -> {
            try (PreparedStatement p = prepare("UPDATE studies SET finished = ? WHERE id = ?")) {
                p.setInt(1, finished ? 1 : 0);
                p.setLong(2, studyId(study));
                p.executeUpdate();
            }
            return null;
        });
    }

    boolean isStudyFinished(String study) {
        return dialect.transaction(() -> {
            try (PreparedStatement p = prepare("SELECT finished FROM studies WHERE id = ?")) {
                p.setLong(1, studyId(study));
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() && rs.getInt(1) != 0;
                }
            }
        });
    }

    void report(String study, int jobId, int attempt, double step, double value, long now) {
        dialect.transaction(() -> {
            try (PreparedStatement p = prepare("INSERT INTO reports"
                    + " (study_id, job_id, attempt, step, value, reported_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                p.setLong(1, studyId(study));
                p.setInt(2, jobId);
                p.setInt(3, attempt);
                p.setDouble(4, step);
                p.setDouble(5, value);
                p.setLong(6, now);
                p.executeUpdate();
            }
            return null;
        });
    }

    void recordCheckpoint(String study, Job.ConfigId config, double budget, String digest) {
        dialect.transaction(() -> {
            try (PreparedStatement p = prepare("INSERT INTO checkpoints"
                    + " (study_id, config_iteration, config_bracket, config_index, budget, digest) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (study_id, config_iteration, config_bracket, config_index, budget)"
                    + " DO UPDATE SET digest = excluded.digest")) {
                p.setLong(1, studyId(study));
                p.setInt(2, config.iteration());
                p.setInt(3, config.bracket());
                p.setInt(4, config.index());
                p.setDouble(5, budget);
                p.setString(6, digest);
                p.executeUpdate();
            }
            return null;
        });
    }

    Optional<String> checkpointDigest(String study, Job.ConfigId config, double budget) {
        return dialect.transaction(() -> {
            try (PreparedStatement p = prepare("SELECT digest FROM checkpoints WHERE study_id = ?"
                    + " AND config_iteration = ? AND config_bracket = ? AND config_index = ? AND budget = ?")) {
                p.setLong(1, studyId(study));
                p.setInt(2, config.iteration());
                p.setInt(3, config.bracket());
                p.setInt(4, config.index());
                p.setDouble(5, budget);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    int requeueStale(String study, long now) {
        return dialect.transaction(() -> {
            // the attempts whose lease ran out end as abandoned in the log, rather than running for ever
            try (PreparedStatement p = prepare("UPDATE attempts SET state = '" + ABANDONED + "', finished_at = ?"
                    + " WHERE study_id = ? AND state = 'RUNNING' AND EXISTS (SELECT 1 FROM jobs j"
                    + " WHERE j.study_id = attempts.study_id AND j.job_id = attempts.job_id AND j.attempt = attempts.attempt"
                    + " AND j.state = 'RUNNING' AND j.lease_until < ?)")) {
                p.setLong(1, now == Long.MAX_VALUE ? System.currentTimeMillis() : now);
                p.setLong(2, studyId(study));
                p.setLong(3, now);
                p.executeUpdate();
            }
            try (PreparedStatement p = prepare("UPDATE jobs SET state = 'PENDING',"
                    + " worker = NULL, lease_until = 0, started_at = 0"
                    + " WHERE study_id = ? AND state = 'RUNNING' AND lease_until < ?")) {
                p.setLong(1, studyId(study));
                p.setLong(2, now);
                return p.executeUpdate();
            }
        });
    }

    List<StoredJob> jobs(String study) {
        return dialect.transaction(() -> {
            long id = studyId(study);
            try (PreparedStatement p = prepare("SELECT " + JOB_COLUMNS + " FROM jobs WHERE study_id = ? ORDER BY job_id")) {
                p.setLong(1, id);
                return withValues(id, readJobs(p), null);
            }
        });
    }

    List<StoredReport> reports(String study, int jobId) {
        return dialect.transaction(() -> {
            try (PreparedStatement p = prepare("SELECT r.job_id, r.attempt, r.step, r.value,"
                    + " r.reported_at, r.id FROM reports r JOIN jobs j ON j.study_id = r.study_id AND j.job_id = r.job_id"
                    + " AND j.attempt = r.attempt WHERE r.study_id = ? AND r.job_id = ? ORDER BY r.id")) {
                p.setLong(1, studyId(study));
                p.setInt(2, jobId);
                return rows(p, JdbcStudyStore::report);
            }
        });
    }

    List<StoredReport> runningReports(String study, long afterId) {
        return dialect.transaction(() -> {
            try (PreparedStatement p = prepare("SELECT r.job_id, r.attempt, r.step, r.value,"
                    + " r.reported_at, r.id FROM reports r JOIN jobs j ON j.study_id = r.study_id AND j.job_id = r.job_id"
                    + " AND j.attempt = r.attempt WHERE r.study_id = ? AND r.id > ? AND j.state = 'RUNNING' ORDER BY r.id")) {
                p.setLong(1, studyId(study));
                p.setLong(2, afterId);
                return rows(p, JdbcStudyStore::report);
            }
        });
    }

    /** Reads a row of job_id, attempt, step, value, reported_at, id. */
    private static StoredReport report(ResultSet rs) throws SQLException {
        return new StoredReport(rs.getInt(1), rs.getInt(2), rs.getDouble(3), rs.getDouble(4), rs.getLong(5),
                rs.getLong(6));
    }

    private StoredJob job(long studyId, int jobId) throws SQLException {
        try (PreparedStatement p = prepare("SELECT " + JOB_COLUMNS + " FROM jobs WHERE study_id = ? AND job_id = ?")) {
            p.setLong(1, studyId);
            p.setInt(2, jobId);
            return withValues(studyId, readJobs(p), jobId).get(0);
        }
    }

    /** Reads rows of {@link #JOB_COLUMNS}. */
    private static List<StoredJob> readJobs(PreparedStatement p) throws SQLException {
        return rows(p, rs -> {
            double value = rs.getDouble(17);
            if (rs.wasNull()) {
                value = Double.NaN;
            }
            return new StoredJob(rs.getInt(1), new Job.ConfigId(rs.getInt(2), rs.getInt(3), rs.getInt(4)),
                    rs.getInt(5), rs.getDouble(6), rs.getDouble(7), rs.getString(8),
                    JobState.valueOf(rs.getString(9)), rs.getInt(10), rs.getString(11), rs.getLong(12),
                    rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getLong(16), value, rs.getString(18),
                    rs.getLong(19), rs.getDouble(20), rs.getInt(21));
        });
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs the query {@code p} and reads every row of its result with {@code reader}. */
    private static <T> List<T> rows(PreparedStatement p, RowReader<T> reader) throws SQLException {
        List<T> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(reader.read(rs));
            }
        }
        return out;
    }

    private long studyId(String study) throws SQLException {
        Long cached = studyIds.get(study);
        if (cached != null) {
            return cached;
        }
        try (PreparedStatement p = prepare("SELECT id FROM studies WHERE name = ?")) {
            p.setString(1, study);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no study '" + study + "' in " + location + "; open it first");
                }
                studyIds.put(study, rs.getLong(1));
                return rs.getLong(1);
            }
        }
    }

    /** Takes the study's next event number; the UPDATE locks the study row until commit. */
    private long nextSeq(long studyId) throws SQLException {
        try (PreparedStatement p = prepare("UPDATE studies SET next_seq = next_seq + 1 WHERE id = ? RETURNING next_seq - 1")) {
            p.setLong(1, studyId);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
