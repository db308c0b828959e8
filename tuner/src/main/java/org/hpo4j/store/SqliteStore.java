package org.hpo4j.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The embedded default store: one SQLite file (by default {@code .hpo/<study>.db} in the project).
 *
 * <p>Every write is its own committed transaction, in WAL mode with {@code synchronous=NORMAL}:
 * SQLite documents that combination as durable across a crash of the application (a SIGKILL loses
 * nothing committed); only a power failure may roll back the last transactions. Transactions begin
 * IMMEDIATE (take the write lock at once) and wait up to 30 s for a lock, so several processes may
 * share one file.
 *
 * <p>The SQL is kept to what PostgreSQL runs as well ({@link JdbcSchema}) and shared with
 * {@link PostgresStore} in {@code JdbcStudyStore}; the stores differ only in identity columns, row
 * locks ({@code FOR UPDATE SKIP LOCKED} in {@link #claim}) and how transactions begin.
 */
public final class SqliteStore extends JdbcStore {
    /** The schema version this code writes; older files are migrated, newer ones refused. */
    public static final int SCHEMA_VERSION = JdbcSchema.VERSION;

    private final String location;
    private final Path lockFile;
    private FileChannel lock;
    /** How long a read-only store waits for a lock the writing study holds: a moment, it never holds one long. */
    static final int READ_ONLY_BUSY_TIMEOUT_MS = 5_000;

    private final Connection connection;
    private final JdbcStudyStore core;
    private final boolean readOnly;

    @Override
    JdbcStudyStore core() {
        return core;
    }

    private SqliteStore(String url, String location, Path lockFile, FileChannel lock) {
        this(url, location, lockFile, lock, false);
    }

    private SqliteStore(String url, String location, Path lockFile, FileChannel lock, boolean readOnly) {
        this.location = location;
        this.lockFile = lockFile;
        this.lock = lock;
        this.readOnly = readOnly;
        SQLiteConfig config = new SQLiteConfig();
        if (readOnly) {
            // SQLite itself refuses every write; DEFERRED transactions take no write lock, so the
            // study that writes the file meanwhile never waits for this reader
            config.setReadOnly(true);
            config.setBusyTimeout(READ_ONLY_BUSY_TIMEOUT_MS);
            config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        } else {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout(30_000);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            config.enforceForeignKeys(true);
        }
        try {
            this.connection = DriverManager.getConnection(url, config.toProperties());
            SqliteDialect dialect = new SqliteDialect();
            if (!readOnly) {
                JdbcSchema.migrate(dialect, location, JdbcSchema.SCHEMA);
            }
            this.core = new JdbcStudyStore(dialect, location);
        } catch (SQLException e) {
            releaseLock();
            throw new IllegalStateException("cannot open the study store " + location + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens (creating if needed) the store in {@code file}. Any number of processes may read it (a
     * report while the study runs), but only one may {@linkplain #open(StudyDefinition) run} a
     * study in it: two coordinators would mix their studies. The second is refused until the first
     * closes its store or its process ends, however it ends.
     *
     * @param fresh when true and the file exists, it is first renamed to a timestamped backup
     *     ({@code name-yyyyMMdd-HHmmss.db}, with its {@code -wal} and {@code -shm} companions) so the
     *     store starts empty
     * @throws IllegalStateException when {@code fresh} and another process runs a study in the file
     */
    public static SqliteStore open(Path file, boolean fresh) {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel lock = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (fresh && Files.exists(file)) {
                // never move a file from under a running study
                lock = lock(lockFile, file);
                backUp(file);
            }
        } catch (IOException e) {
            close(lock);
            throw new UncheckedIOException("cannot prepare the study store " + file + ": " + e.getMessage(), e);
        }
        return new SqliteStore("jdbc:sqlite:" + file.toAbsolutePath(), file.toString(), lockFile, lock);
    }

    /**
     * Takes the lock file {@code <file>.lock} (the OS releases it when the process dies, even by
     * SIGKILL) and writes this process's id into it for the message another process gets.
     */
    private static FileChannel lock(Path lockFile, Path file) throws IOException {
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock held;
        try {
            held = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            held = null;
        }
        if (held == null) {
            String owner = Files.readString(lockFile).trim();
            channel.close();
            throw new IllegalStateException("the study store " + file + " is in use by another "
                    + (owner.isEmpty() ? "process" : "process (" + owner + ")")
                    + "; wait for it to end, or give this run another study name");
        }
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap(("pid " + ProcessHandle.current().pid()).getBytes(
                java.nio.charset.StandardCharsets.UTF_8)), 0);
        return channel;
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing releases the lock; nothing else to do
            }
        }
    }

    private void releaseLock() {
        close(lock);
    }

    /**
     * Opens a store given by a {@code jdbc:sqlite:...} URL. Unlike {@link #open(Path, boolean)} this
     * takes no lock: several processes may share the file, claiming jobs through the store's
     * transactions.
     */
    public static SqliteStore open(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:sqlite:")) {
            throw new IllegalArgumentException("not a SQLite JDBC URL: " + jdbcUrl);
        }
        return new SqliteStore(jdbcUrl, jdbcUrl, null, null);
    }

    /**
     * Opens the existing store in {@code file} to read only, for a dashboard or report while
     * another process runs the study: no lock file, no schema change, and a connection that SQLite
     * opens read-only (any write fails). Waits up to 5 s for a
     * lock the writer holds.
     *
     * @throws IllegalArgumentException when the file does not exist (it is not created)
     * @throws IllegalStateException when the file holds no study store of this schema version
     */
    public static SqliteStore openReadOnly(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no study store " + file + ": the file does not exist");
        }
        return checked(new SqliteStore("jdbc:sqlite:" + file.toAbsolutePath(), file.toString(), null, null, true));
    }

    /** Opens the store at a {@code jdbc:sqlite:} URL to read only, as {@link #openReadOnly(Path)}. */
    public static SqliteStore openReadOnly(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:sqlite:")) {
            throw new IllegalArgumentException("not a SQLite JDBC URL: " + jdbcUrl);
        }
        return checked(new SqliteStore(jdbcUrl, jdbcUrl, null, null, true));
    }

    /**
     * A second, read-only connection to this store's file ({@link #openReadOnly(Path)}): what a
     * dashboard in the process that runs the study reads through, so that its reads take none of
     * this connection's write locks.
     */
    public SqliteStore openReadOnlyView() {
        return lockFile == null ? openReadOnly(location) : openReadOnly(Path.of(location));
    }

    private static SqliteStore checked(SqliteStore readOnly) {
        try {
            JdbcSchema.check(readOnly.core.dialect(), readOnly.location);
            return readOnly;
        } catch (RuntimeException e) {
            readOnly.close();
            throw e;
        }
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

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException when another process runs a study in the same file
     */
    @Override
    public synchronized boolean open(StudyDefinition definition) {
        if (readOnly) {
            throw new IllegalStateException("the study store " + location + " is open read-only: it cannot run study '"
                    + definition.name() + "'");
        }
        if (lockFile != null && lock == null) {
            try {
                lock = lock(lockFile, Path.of(location));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock the study store " + location + ": " + e.getMessage(), e);
            }
        }
        return core.open(definition);
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
        } finally {
            releaseLock();
        }
    }

    /**
     * One connection; IMMEDIATE transactions lock the whole file, so no row locks are needed (nor
     * does SQLite have them).
     */
    private final class SqliteDialect implements JdbcStudyStore.Dialect {
        @Override
        public Connection connection() {
            return connection;
        }

        /**
         * Between transactions the connection stays in auto-commit: the driver would otherwise begin
         * the next (IMMEDIATE, so write-locking) transaction right after each commit and lock out
         * other processes.
         */
        @Override
        public <T> T transaction(JdbcStudyStore.SqlWork<T> work) {
            try {
                connection.setAutoCommit(false);
                try {
                    T result = work.run();
                    connection.setAutoCommit(true);
                    return result;
                } catch (SQLException | RuntimeException e) {
                    // the first error is the real one (a full disk fails the commit, and then the
                    // rollback finds no transaction): the rest is kept as suppressed
                    try {
                        connection.rollback();
                    } catch (SQLException rollback) {
                        e.addSuppressed(rollback);
                    }
                    try {
                        connection.setAutoCommit(true);
                    } catch (SQLException autoCommit) {
                        e.addSuppressed(autoCommit);
                    }
                    throw e;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("study store " + location + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String lockRow() {
            return "";
        }

        @Override
        public String lockNextPending() {
            return "";
        }

        @Override
        public String ignoreDuplicate() {
            return "";
        }

        @Override
        public boolean isDuplicateKey(SQLException e) {
            return e instanceof SQLiteException sqlite && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
                    || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE);
        }

        @Override
        public void beforeMigration(Statement s) {
            // the IMMEDIATE transaction already excludes other processes
        }

        @Override
        public void lockStudy(String name) {
            // likewise
        }
    }
}
