package org.hpo4j.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hpo4j.annotations.Direction;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;
import org.sqlite.SQLiteConfig;

/**
 * The embedded default store: one SQLite file (by default {@code target/hpo/<study>.db}).
 *
 * <p>Every write is its own committed transaction, in WAL mode with {@code synchronous=NORMAL}:
 * SQLite documents that combination as durable across a crash of the application (a SIGKILL loses
 * nothing committed); only a power failure may roll back the last transactions. Transactions begin
 * IMMEDIATE (take the write lock at once) and wait up to 30 s for a lock, so several processes may
 * share one file.
 *
 * <p>The SQL is kept to what PostgreSQL runs as well ({@link #SCHEMA}); a PostgreSQL store differs
 * only in identity columns, {@code FOR UPDATE SKIP LOCKED} in {@link #claim} and how transactions
 * begin.
 */
public final class SqliteStore implements StudyStore {
    /** The schema version this code writes; older files are migrated, newer ones refused. */
    public static final int SCHEMA_VERSION = 1;

    /** Version 1 of the schema. Times are epoch milliseconds; values are the objective's, not negated. */
    static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
            "CREATE TABLE IF NOT EXISTS studies ("
                    + " id INTEGER PRIMARY KEY,"
                    + " name TEXT NOT NULL UNIQUE,"
                    + " space TEXT NOT NULL,"
                    + " direction TEXT NOT NULL,"
                    + " optimizer TEXT NOT NULL,"
                    + " seed BIGINT NOT NULL,"
                    + " settings TEXT NOT NULL,"
                    + " created_at BIGINT NOT NULL,"
                    // the next number of the study's event order (hand-outs and results)
                    + " next_seq BIGINT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS jobs ("
                    + " study_id BIGINT NOT NULL REFERENCES studies (id),"
                    + " job_id INTEGER NOT NULL,"
                    + " config_iteration INTEGER NOT NULL,"
                    + " config_bracket INTEGER NOT NULL,"
                    + " config_index INTEGER NOT NULL,"
                    + " rung INTEGER NOT NULL,"
                    + " budget DOUBLE PRECISION NOT NULL,"
                    + " previous_budget DOUBLE PRECISION NOT NULL,"
                    + " configuration TEXT NOT NULL,"
                    + " state TEXT NOT NULL,"
                    + " attempt INTEGER NOT NULL,"
                    + " worker TEXT,"
                    + " lease_until BIGINT NOT NULL,"
                    + " handed_seq BIGINT NOT NULL,"
                    + " finished_seq BIGINT NOT NULL,"
                    + " started_at BIGINT NOT NULL,"
                    + " finished_at BIGINT NOT NULL,"
                    + " value DOUBLE PRECISION,"
                    + " failure TEXT,"
                    + " PRIMARY KEY (study_id, job_id))",
            "CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (study_id, state, job_id)",
            "CREATE TABLE IF NOT EXISTS reports ("
                    + " study_id BIGINT NOT NULL REFERENCES studies (id),"
                    + " job_id INTEGER NOT NULL,"
                    + " attempt INTEGER NOT NULL,"
                    + " step DOUBLE PRECISION NOT NULL,"
                    + " value DOUBLE PRECISION NOT NULL,"
                    + " reported_at BIGINT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS reports_by_job ON reports (study_id, job_id)");

    private static final String JOB_COLUMNS = "job_id, config_iteration, config_bracket, config_index, rung, budget,"
            + " previous_budget, configuration, state, attempt, worker, lease_until, handed_seq, finished_seq,"
            + " started_at, finished_at, value, failure";

    private final String location;
    private final Connection connection;
    private final Map<String, Long> studyIds = new HashMap<>();

    private SqliteStore(String url, String location) {
        this.location = location;
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(30_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        try {
            this.connection = DriverManager.getConnection(url, config.toProperties());
            migrate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the study store " + location + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens (creating if needed) the store in {@code file}.
     *
     * @param fresh when true and the file exists, it is first renamed to a timestamped backup
     *     ({@code name-yyyyMMdd-HHmmss.db}, with its {@code -wal} and {@code -shm} companions) so the
     *     store starts empty
     */
    public static SqliteStore open(Path file, boolean fresh) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (fresh && Files.exists(file)) {
                backUp(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the study store " + file + ": " + e.getMessage(), e);
        }
        return new SqliteStore("jdbc:sqlite:" + file.toAbsolutePath(), file.toString());
    }

    /** Opens a store given by a {@code jdbc:sqlite:...} URL. */
    public static SqliteStore open(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:sqlite:")) {
            throw new IllegalArgumentException("not a SQLite JDBC URL: " + jdbcUrl);
        }
        return new SqliteStore(jdbcUrl, jdbcUrl);
    }

    /** Renames the file and its WAL companions to a timestamped backup; returns the backup's path. */
    static Path backUp(Path file) throws IOException {
        String name = file.getFileName().toString();
        String base = name.endsWith(".db") ? name.substring(0, name.length() - 3) : name;
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path backup = file.resolveSibling(base + "-" + stamp + ".db");
        for (int i = 2; Files.exists(backup); i++) {
            backup = file.resolveSibling(base + "-" + stamp + "-" + i + ".db");
        }
        // the WAL may hold committed transactions not yet copied into the main file: move it along
        for (String suffix : new String[] {"-wal", "-shm"}) {
            Path companion = file.resolveSibling(name + suffix);
            if (Files.exists(companion)) {
                Files.move(companion, backup.resolveSibling(backup.getFileName() + suffix), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.move(file, backup, StandardCopyOption.ATOMIC_MOVE);
        return backup;
    }

    private void migrate() throws SQLException {
        transaction(() -> {
            try (Statement s = connection.createStatement()) {
                for (String ddl : SCHEMA) {
                    s.execute(ddl);
                }
                int version = 0;
                try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                    if (rs.next()) {
                        version = rs.getInt(1);
                    }
                }
                if (version > SCHEMA_VERSION) {
                    throw new IllegalStateException("the study store " + location + " has schema version " + version
                            + ", written by a newer hpo4j; this one reads up to version " + SCHEMA_VERSION);
                }
                if (version == 0) {
                    s.execute("INSERT INTO schema_version (version) VALUES (" + SCHEMA_VERSION + ")");
                }
                // later versions: ALTER TABLE steps from `version` up to SCHEMA_VERSION go here
            }
            return null;
        });
    }

    @Override
    public synchronized boolean open(StudyDefinition definition) {
        return transaction(() -> {
            Optional<StudyDefinition> stored = findIn(definition.name());
            if (stored.isPresent()) {
                List<String> diffs = definition.differencesFrom(stored.get());
                if (!diffs.isEmpty()) {
                    throw new StudyMismatchException(definition.name(), location, diffs);
                }
                return true;
            }
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO studies"
                    + " (name, space, direction, optimizer, seed, settings, created_at, next_seq)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, 1)")) {
                p.setString(1, definition.name());
                p.setString(2, definition.space());
                p.setString(3, definition.direction().name());
                p.setString(4, definition.optimizer());
                p.setLong(5, definition.seed());
                p.setString(6, definition.settings());
                p.setLong(7, System.currentTimeMillis());
                p.executeUpdate();
            }
            return false;
        });
    }

    @Override
    public synchronized Optional<StudyDefinition> find(String study) {
        return transaction(() -> findIn(study));
    }

    private Optional<StudyDefinition> findIn(String study) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT name, space, direction, optimizer, seed, settings FROM studies WHERE name = ?")) {
            p.setString(1, study);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StudyDefinition(rs.getString(1), rs.getString(2),
                        Direction.valueOf(rs.getString(3)), rs.getString(4), rs.getLong(5), rs.getString(6)));
            }
        }
    }

    @Override
    public synchronized void addJob(String study, NewJob job, String worker, long now, long leaseUntil) {
        transaction(() -> {
            long id = studyId(study);
            long seq = nextSeq(id);
            boolean claimed = worker != null;
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO jobs (study_id, " + JOB_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0, NULL, NULL)")) {
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
                p.executeUpdate();
            } catch (SQLException e) {
                if (e.getMessage() != null && e.getMessage().contains("UNIQUE")) {
                    throw new IllegalArgumentException("study '" + study + "' already has job " + job.jobId(), e);
                }
                throw e;
            }
            return null;
        });
    }

    @Override
    public synchronized Optional<StoredJob> claim(String study, String worker, long now, long leaseUntil) {
        return transaction(() -> {
            long id = studyId(study);
            Integer jobId = null;
            // PostgreSQL: append FOR UPDATE SKIP LOCKED so concurrent claimers take different rows
            try (PreparedStatement p = connection.prepareStatement("SELECT job_id FROM jobs"
                    + " WHERE study_id = ? AND state = 'PENDING' ORDER BY job_id LIMIT 1")) {
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
            try (PreparedStatement p = connection.prepareStatement("UPDATE jobs SET state = 'RUNNING',"
                    + " attempt = attempt + 1, worker = ?, lease_until = ?, started_at = ?"
                    + " WHERE study_id = ? AND job_id = ? AND state = 'PENDING'")) {
                p.setString(1, worker);
                p.setLong(2, leaseUntil);
                p.setLong(3, now);
                p.setLong(4, id);
                p.setInt(5, jobId);
                p.executeUpdate();
            }
            return Optional.of(job(id, jobId));
        });
    }

    @Override
    public synchronized boolean heartbeat(String study, int jobId, int attempt, long leaseUntil) {
        return transaction(() -> {
            try (PreparedStatement p = connection.prepareStatement("UPDATE jobs SET lease_until = ?"
                    + " WHERE study_id = ? AND job_id = ? AND attempt = ? AND state = 'RUNNING'")) {
                p.setLong(1, leaseUntil);
                p.setLong(2, studyId(study));
                p.setInt(3, jobId);
                p.setInt(4, attempt);
                return p.executeUpdate() == 1;
            }
        });
    }

    @Override
    public synchronized boolean finish(String study, int jobId, int attempt, Result result, long now) {
        return transaction(() -> {
            long id = studyId(study);
            try (PreparedStatement check = connection.prepareStatement("SELECT 1 FROM jobs"
                    + " WHERE study_id = ? AND job_id = ? AND attempt = ? AND state = 'RUNNING'")) {
                check.setLong(1, id);
                check.setInt(2, jobId);
                check.setInt(3, attempt);
                try (ResultSet rs = check.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                }
            }
            long seq = nextSeq(id);
            try (PreparedStatement p = connection.prepareStatement("UPDATE jobs SET state = ?, value = ?,"
                    + " failure = ?, finished_seq = ?, finished_at = ?, lease_until = 0"
                    + " WHERE study_id = ? AND job_id = ? AND attempt = ? AND state = 'RUNNING'")) {
                p.setString(1, (result.isFailure() ? JobState.FAILED : JobState.FINISHED).name());
                if (result.isFailure()) {
                    p.setNull(2, Types.DOUBLE);
                } else {
                    p.setDouble(2, result.value());
                }
                p.setString(3, result.failure());
                p.setLong(4, seq);
                p.setLong(5, now);
                p.setLong(6, id);
                p.setInt(7, jobId);
                p.setInt(8, attempt);
                return p.executeUpdate() == 1;
            }
        });
    }

    @Override
    public synchronized void report(String study, int jobId, int attempt, double step, double value, long now) {
        transaction(() -> {
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO reports"
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

    @Override
    public synchronized int requeueStale(String study, long now) {
        return transaction(() -> {
            try (PreparedStatement p = connection.prepareStatement("UPDATE jobs SET state = 'PENDING',"
                    + " worker = NULL, lease_until = 0, started_at = 0"
                    + " WHERE study_id = ? AND state = 'RUNNING' AND lease_until < ?")) {
                p.setLong(1, studyId(study));
                p.setLong(2, now);
                return p.executeUpdate();
            }
        });
    }

    @Override
    public synchronized List<StoredJob> jobs(String study) {
        return transaction(() -> {
            try (PreparedStatement p = connection.prepareStatement("SELECT " + JOB_COLUMNS
                    + " FROM jobs WHERE study_id = ? ORDER BY job_id")) {
                p.setLong(1, studyId(study));
                return readJobs(p);
            }
        });
    }

    @Override
    public synchronized List<StoredReport> reports(String study, int jobId) {
        return transaction(() -> {
            try (PreparedStatement p = connection.prepareStatement("SELECT r.job_id, r.attempt, r.step, r.value,"
                    + " r.reported_at FROM reports r JOIN jobs j ON j.study_id = r.study_id AND j.job_id = r.job_id"
                    + " AND j.attempt = r.attempt WHERE r.study_id = ? AND r.job_id = ? ORDER BY r.rowid")) {
                p.setLong(1, studyId(study));
                p.setInt(2, jobId);
                List<StoredReport> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredReport(rs.getInt(1), rs.getInt(2), rs.getDouble(3), rs.getDouble(4), rs.getLong(5)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the study store " + location + ": " + e.getMessage(), e);
        }
    }

    private StoredJob job(long studyId, int jobId) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("SELECT " + JOB_COLUMNS
                + " FROM jobs WHERE study_id = ? AND job_id = ?")) {
            p.setLong(1, studyId);
            p.setInt(2, jobId);
            return readJobs(p).get(0);
        }
    }

    private static List<StoredJob> readJobs(PreparedStatement p) throws SQLException {
        List<StoredJob> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                double value = rs.getDouble(17);
                if (rs.wasNull()) {
                    value = Double.NaN;
                }
                out.add(new StoredJob(rs.getInt(1), new Job.ConfigId(rs.getInt(2), rs.getInt(3), rs.getInt(4)),
                        rs.getInt(5), rs.getDouble(6), rs.getDouble(7), rs.getString(8),
                        JobState.valueOf(rs.getString(9)), rs.getInt(10), rs.getString(11), rs.getLong(12),
                        rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getLong(16), value, rs.getString(18)));
            }
        }
        return out;
    }

    private long studyId(String study) throws SQLException {
        Long cached = studyIds.get(study);
        if (cached != null) {
            return cached;
        }
        try (PreparedStatement p = connection.prepareStatement("SELECT id FROM studies WHERE name = ?")) {
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
        try (PreparedStatement p = connection.prepareStatement(
                "UPDATE studies SET next_seq = next_seq + 1 WHERE id = ? RETURNING next_seq - 1")) {
            p.setLong(1, studyId);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} as one committed transaction, rolled back on any failure. Between
     * transactions the connection stays in auto-commit: the driver would otherwise begin the next
     * (IMMEDIATE, so write-locking) transaction right after each commit and lock out other processes.
     */
    private <T> T transaction(SqlWork<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run();
                connection.setAutoCommit(true);
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                connection.setAutoCommit(true);
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("study store " + location + ": " + e.getMessage(), e);
        }
    }
}
