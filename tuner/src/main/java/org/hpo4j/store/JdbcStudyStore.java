package org.hpo4j.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hpo4j.annotations.Direction;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;

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

    /** The columns of a report row, as {@link #report} reads them, joined to the job of its attempt. */
    private static final String REPORTS = "SELECT r.job_id, r.attempt, r.step, r.value, r.reported_at, r.id FROM reports r"
            + " JOIN jobs j ON j.study_id = r.study_id AND j.job_id = r.job_id AND j.attempt = r.attempt";

    /** The key of a configuration's checkpoint at one budget. */
    private static final String CHECKPOINT_KEY = "study_id = ? AND config_iteration = ? AND config_bracket = ?"
            + " AND config_index = ? AND budget = ?";

    private final Dialect dialect;
    private final String location;
    private final Sql sql;
    private final JdbcValues values;
    private final Map<String, Long> studyIds = new HashMap<>();

    JdbcStudyStore(Dialect dialect, String location) {
        this.dialect = dialect;
        this.location = location;
        this.sql = new Sql(dialect);
        this.values = new JdbcValues(sql);
    }

    /** The database this store runs on, for {@link JdbcSchema}'s checks. */
    Dialect dialect() {
        return dialect;
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
            sql.update("INSERT INTO studies (name, space, direction, optimizer, seed, settings, created_at, next_seq)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, 1)", definition.name(), definition.space(),
                    definition.direction().name(), definition.optimizer(), definition.seed(),
                    definition.settings().encode(), System.currentTimeMillis());
            if (definition.hasCriteria()) {
                values.writeCriteria(studyId(definition.name()), definition.criteria());
            }
            return false;
        });
    }

    Optional<StudyDefinition> find(String study) {
        return dialect.transaction(() -> findIn(study));
    }

    /** A row of {@code studies}, before its criteria are read. */
    private record StudyRow(String name, String space, Direction direction, String optimizer, long seed,
                            String settings) {
    }

    /** The stored definition of {@code study}, read inside the caller's transaction. */
    Optional<StudyDefinition> findIn(String study) throws SQLException {
        Optional<StudyRow> row = sql.first("SELECT name, space, direction, optimizer, seed, settings FROM studies"
                + " WHERE name = ?", rs -> new StudyRow(rs.getString(1), rs.getString(2),
                Direction.valueOf(rs.getString(3)), rs.getString(4), rs.getLong(5), rs.getString(6)), study);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        StudyRow r = row.get();
        return Optional.of(new StudyDefinition(r.name(), r.space(), r.direction(), r.optimizer(), r.seed(),
                r.settings(), values.readCriteria(studyId(study), r.direction())));
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
            int inserted;
            try {
                inserted = sql.update("INSERT INTO jobs (study_id, " + JOB_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0, NULL, NULL, 0, 0, 0)"
                        + dialect.ignoreDuplicate(), id, job.jobId(), job.configId().iteration(),
                        job.configId().bracket(), job.configId().index(), job.rung(), job.budget(),
                        job.previousBudget(), job.configuration(), (claimed ? JobState.RUNNING : JobState.PENDING).name(),
                        claimed ? 1 : 0, worker, claimed ? leaseUntil : 0L, seq, claimed ? now : 0L);
            } catch (SQLException e) {
                // a database that cannot ignore duplicates reports one as a failed key constraint
                if (dialect.isDuplicateKey(e)) {
                    throw new IllegalArgumentException("study '" + study + "' already has job " + job.jobId(), e);
                }
                throw e;
            }
            if (inserted == 0) {
                throw new IllegalArgumentException("study '" + study + "' already has job " + job.jobId());
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
            Optional<Integer> next = sql.first("SELECT job_id FROM jobs WHERE study_id = ? AND state = 'PENDING'"
                    + " ORDER BY job_id LIMIT 1" + dialect.lockNextPending(), rs -> rs.getInt(1), id);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            int jobId = next.get();
            sql.update("UPDATE jobs SET state = 'RUNNING', attempt = attempt + 1, worker = ?, lease_until = ?,"
                    + " started_at = ? WHERE study_id = ? AND job_id = ? AND state = 'PENDING'",
                    worker, leaseUntil, now, id, jobId);
            StoredJob claimed = job(id, jobId);
            logAttempt(id, jobId, claimed.attempt(), worker, now);
            return Optional.of(claimed);
        });
    }

    LeaseStatus renewLease(String study, int jobId, int attempt, long leaseUntil) {
        return dialect.transaction(() -> {
            // one statement renews the lease and reads the stop request, so a heartbeat costs no more
            return sql.first("UPDATE jobs SET lease_until = ? WHERE study_id = ? AND job_id = ? AND attempt = ?"
                            + " AND state = 'RUNNING' RETURNING stop_attempt",
                    rs -> rs.getInt(1) == attempt ? LeaseStatus.STOP_REQUESTED : LeaseStatus.HELD,
                    leaseUntil, studyId(study), jobId, attempt).orElse(LeaseStatus.LOST);
        });
    }

    boolean requestStop(String study, int jobId, int attempt) {
        return dialect.transaction(() -> sql.update("UPDATE jobs SET stop_attempt = ?"
                + " WHERE study_id = ? AND job_id = ? AND attempt = ? AND state = 'RUNNING'",
                attempt, studyId(study), jobId, attempt) == 1);
    }

    boolean finish(String study, int jobId, int attempt, Result result, long now, double continuedFrom) {
        return dialect.transaction(() -> {
            long id = studyId(study);
            // a row lock orders this against a concurrent requeue or claim of the same job
            boolean current = sql.first("SELECT state, attempt FROM jobs WHERE study_id = ? AND job_id = ?"
                    + dialect.lockRow(), rs -> rs.getString(1).equals(JobState.RUNNING.name()) && rs.getInt(2) == attempt,
                    id, jobId).orElse(false);
            endAttempt(id, jobId, attempt, result, now, current);
            if (!current) {
                return false;
            }
            long seq = nextSeq(id);
            if (sql.update("UPDATE jobs SET state = ?, value = ?, failure = ?, finished_seq = ?, finished_at = ?,"
                    + " lease_until = 0, continued_from = ? WHERE study_id = ? AND job_id = ? AND attempt = ?"
                    + " AND state = 'RUNNING'", outcomeState(result), outcomeValue(result), result.failure(),
                    seq, now, continuedFrom, id, jobId, attempt) != 1) {
                return false;
            }
            if (StoredJob.hasVectors(result)) {
                values.write(id, jobId, result);
            }
            return true;
        });
    }

    /** The state a result ends its job in. */
    private static String outcomeState(Result result) {
        return (result.isFailure() ? JobState.FAILED : JobState.FINISHED).name();
    }

    /** The value column of a result: its value, NULL for a failure. */
    private static Object outcomeValue(Result result) {
        return result.isFailure() ? Sql.NULL_NUMBER : (Object) result.value();
    }

    /** Logs a claim as a running attempt. */
    private void logAttempt(long studyId, int jobId, int attempt, String worker, long now) throws SQLException {
        sql.update("INSERT INTO attempts (study_id, job_id, attempt, worker, started_at, finished_at, state, value,"
                + " failure, counted) VALUES (?, ?, ?, ?, ?, 0, 'RUNNING', NULL, NULL, 0)",
                studyId, jobId, attempt, worker, now);
    }

    /** Logs the outcome of an attempt that has none yet, counted or not. */
    private void endAttempt(long studyId, int jobId, int attempt, Result result, long now, boolean counted)
            throws SQLException {
        sql.update("UPDATE attempts SET finished_at = ?, state = ?, value = ?, failure = ?, counted = ?"
                + " WHERE study_id = ? AND job_id = ? AND attempt = ? AND state IN ('RUNNING', '" + ABANDONED + "')",
                now, outcomeState(result), outcomeValue(result), result.failure(), counted ? 1 : 0,
                studyId, jobId, attempt);
    }

    long acknowledge(String study, int jobId) {
        return dialect.transaction(() -> {
            long id = studyId(study);
            long told = sql.first("SELECT state, told_seq FROM jobs WHERE study_id = ? AND job_id = ?"
                    + dialect.lockRow(), rs -> JobState.valueOf(rs.getString(1)).isDone() ? rs.getLong(2) : -1L,
                    id, jobId).orElse(-1L);
            if (told < 0) {
                throw new IllegalArgumentException("study '" + study + "' has no ended job " + jobId);
            }
            if (told != 0) {
                return told;
            }
            long seq = nextSeq(id);
            sql.update("UPDATE jobs SET told_seq = ? WHERE study_id = ? AND job_id = ?", seq, id, jobId);
            return seq;
        });
    }

    List<StoredAttempt> attempts(String study, int jobId) {
        return dialect.transaction(() -> sql.rows("SELECT job_id, attempt, worker, started_at, finished_at, state,"
                + " value, failure, counted FROM attempts WHERE study_id = ? AND job_id = ? ORDER BY attempt", rs -> {
                    String state = rs.getString(6);
                    double value = rs.getDouble(7);
                    Result result = state.equals(JobState.FINISHED.name()) ? Result.of(value)
                            : state.equals(JobState.FAILED.name()) ? Result.failed(rs.getString(8)) : null;
                    return new StoredAttempt(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getLong(4),
                            rs.getLong(5), result, rs.getInt(9) != 0, state.equals(ABANDONED));
                }, studyId(study), jobId));
    }

    void setStudyFinished(String study, boolean finished) {
        dialect.transaction(() -> sql.update("UPDATE studies SET finished = ? WHERE id = ?", finished ? 1 : 0,
                studyId(study)));
    }

    boolean isStudyFinished(String study) {
        return dialect.transaction(() -> sql.first("SELECT finished FROM studies WHERE id = ?",
                rs -> rs.getInt(1) != 0, studyId(study)).orElse(false));
    }

    void report(String study, int jobId, int attempt, double step, double value, long now) {
        dialect.transaction(() -> sql.update("INSERT INTO reports (study_id, job_id, attempt, step, value, reported_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", studyId(study), jobId, attempt, step, value, now));
    }

    void recordCheckpoint(String study, Job.ConfigId config, double budget, String digest) {
        dialect.transaction(() -> sql.update("INSERT INTO checkpoints (study_id, config_iteration, config_bracket,"
                + " config_index, budget, digest) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (study_id, config_iteration, config_bracket, config_index, budget)"
                + " DO UPDATE SET digest = excluded.digest",
                studyId(study), config.iteration(), config.bracket(), config.index(), budget, digest));
    }

    Optional<String> checkpointDigest(String study, Job.ConfigId config, double budget) {
        return dialect.transaction(() -> sql.first("SELECT digest FROM checkpoints WHERE " + CHECKPOINT_KEY,
                rs -> rs.getString(1), studyId(study), config.iteration(), config.bracket(), config.index(), budget));
    }

    int requeueStale(String study, long now) {
        return dialect.transaction(() -> {
            long id = studyId(study);
            // the attempts whose lease ran out end as abandoned in the log, rather than running for ever
            sql.update("UPDATE attempts SET state = '" + ABANDONED + "', finished_at = ?"
                    + " WHERE study_id = ? AND state = 'RUNNING' AND EXISTS (SELECT 1 FROM jobs j"
                    + " WHERE j.study_id = attempts.study_id AND j.job_id = attempts.job_id AND j.attempt = attempts.attempt"
                    + " AND j.state = 'RUNNING' AND j.lease_until < ?)",
                    now == Long.MAX_VALUE ? System.currentTimeMillis() : now, id, now);
            return sql.update("UPDATE jobs SET state = 'PENDING', worker = NULL, lease_until = 0, started_at = 0"
                    + " WHERE study_id = ? AND state = 'RUNNING' AND lease_until < ?", id, now);
        });
    }

    List<StoredJob> jobs(String study) {
        return dialect.transaction(() -> {
            long id = studyId(study);
            return values.attach(id, sql.rows("SELECT " + JOB_COLUMNS + " FROM jobs WHERE study_id = ? ORDER BY job_id",
                    JdbcStudyStore::job, id), null);
        });
    }

    List<StoredReport> reports(String study, int jobId) {
        return dialect.transaction(() -> sql.rows(REPORTS + " WHERE r.study_id = ? AND r.job_id = ? ORDER BY r.id",
                JdbcStudyStore::report, studyId(study), jobId));
    }

    List<StoredReport> runningReports(String study, long afterId) {
        return dialect.transaction(() -> sql.rows(REPORTS + " WHERE r.study_id = ? AND r.id > ? AND j.state = 'RUNNING'"
                + " ORDER BY r.id", JdbcStudyStore::report, studyId(study), afterId));
    }

    /** Reads a row of job_id, attempt, step, value, reported_at, id. */
    private static StoredReport report(ResultSet rs) throws SQLException {
        return new StoredReport(rs.getInt(1), rs.getInt(2), rs.getDouble(3), rs.getDouble(4), rs.getLong(5),
                rs.getLong(6));
    }

    private StoredJob job(long studyId, int jobId) throws SQLException {
        return values.attach(studyId, sql.rows("SELECT " + JOB_COLUMNS + " FROM jobs WHERE study_id = ? AND job_id = ?",
                JdbcStudyStore::job, studyId, jobId), jobId).get(0);
    }

    /** Reads a row of {@link #JOB_COLUMNS}. */
    private static StoredJob job(ResultSet rs) throws SQLException {
        double value = rs.getDouble(17);
        if (rs.wasNull()) {
            value = Double.NaN;
        }
        return new StoredJob(rs.getInt(1), new Job.ConfigId(rs.getInt(2), rs.getInt(3), rs.getInt(4)),
                rs.getInt(5), rs.getDouble(6), rs.getDouble(7), rs.getString(8),
                JobState.valueOf(rs.getString(9)), rs.getInt(10), rs.getString(11), rs.getLong(12),
                rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getLong(16), value, rs.getString(18),
                rs.getLong(19), rs.getDouble(20), rs.getInt(21));
    }

    private long studyId(String study) throws SQLException {
        Long cached = studyIds.get(study);
        if (cached != null) {
            return cached;
        }
        long id = sql.first("SELECT id FROM studies WHERE name = ?", rs -> rs.getLong(1), study).orElseThrow(() ->
                new IllegalArgumentException("no study '" + study + "' in " + location + "; open it first"));
        studyIds.put(study, id);
        return id;
    }

    /** Takes the study's next event number; the UPDATE locks the study row until commit. */
    private long nextSeq(long studyId) throws SQLException {
        return sql.first("UPDATE studies SET next_seq = next_seq + 1 WHERE id = ? RETURNING next_seq - 1",
                rs -> rs.getLong(1), studyId).orElseThrow();
    }
}
