package org.hpo4j.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;

/**
 * The connection of a {@link PostgresStore} and its transactions: each runs on the current
 * connection and commits, or rolls back and is tried again, on a new connection while the database
 * is unreachable (up to the outage tolerance) and as it is after a deadlock or serialization
 * failure. Messages never show the password. Not thread-safe: the store calls it under its lock.
 */
final class PostgresConnection {
    private final String url;
    private final Properties credentials;
    private final String location;
    private Connection connection;

    /** Connects at once; {@code location} names the database in messages (the masked URL). */
    PostgresConnection(String url, Properties credentials, String location) throws SQLException {
        this.url = url;
        this.credentials = credentials;
        this.location = location;
        this.connection = connect();
    }

    /** The connection the current transaction runs on. */
    Connection current() {
        return connection;
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url, credentials);
        c.setAutoCommit(false);
        return c;
    }

    /** Closes the connection; a later transaction would open a new one. */
    void close() throws SQLException {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } finally {
            connection = null;
        }
    }

    /** Attempts of one transaction chosen as a deadlock victim or serialization failure. */
    private static final int TRIES = 3;

    /** How long a store rides out an unreachable database by default: a restart, a fail-over, a network outage. */
    static final Duration DEFAULT_OUTAGE = PostgresStore.DEFAULT_OUTAGE;

    /** The longest wait between two tries to reach the database. */
    private static final long MAX_BACKOFF_MS = 5_000;

    private Duration outageTolerance = DEFAULT_OUTAGE;
    /** Length and end (epoch ms) of the last outage this store rode out, for the leases that ran meanwhile. */
    private long lastOutageMs;
    private long lastOutageEnd;

    /**
     * How long the store keeps trying to reach an unreachable database before a call fails
     * ({@code hpo.storeOutage}, default {@link #DEFAULT_OUTAGE}); tries back off from 0.1 s to 5 s.
     */
    void outageTolerance(Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("hpo.storeOutage: must be zero or more, got " + value);
        }
        this.outageTolerance = value;
    }

    /**
     * How far the leases of a requeue at {@code now} count back: for a while after an outage this
     * connection rode out, its length (the workers could not renew their leases meanwhile), else 0.
     */
    long leaseCredit(long now) {
        return now != Long.MAX_VALUE && now - lastOutageEnd < lastOutageMs + DEFAULT_OUTAGE.toMillis() ? lastOutageMs : 0;
    }

    /**
     * Whether an error says the connection is gone (the server restarts, shuts down, is not up yet,
     * or the network failed), so that a new connection may succeed later: SQLState class 08,
     * 57P01 (terminated by the administrator), 57P02 (crash shutdown), 57P03 (cannot connect now),
     * and socket errors the driver passes on without a state.
     */
    static boolean isConnectionLoss(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
            return true;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketException || t instanceof java.io.EOFException
                    || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code work} as one committed transaction, rolled back on failure. A transaction that
     * lost its connection is tried again on a new connection, with backoff, until the database is
     * back or the {@linkplain #outageTolerance outage tolerance} is spent; one chosen as a deadlock
     * victim or serialization failure is retried as it is. The work is idempotent as a unit: a
     * transaction that failed rolled back, so a retry does it once.
     */
    <T> T transaction(JdbcStudyStore.SqlWork<T> work) {
        SQLException last = null;
        long outageStart = 0;
        long backoff = 100;
        int conflicts = 0;
        while (true) {
            try {
                if (connection == null || connection.isClosed()) {
                    connection = connect();
                }
                T result;
                try {
                    result = work.run();
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(e);
                    throw e;
                }
                if (outageStart != 0) {
                    lastOutageMs = System.currentTimeMillis() - outageStart;
                    lastOutageEnd = System.currentTimeMillis();
                    System.err.printf("hpo4j: the study store %s is reachable again after %.1f s%n", location,
                            lastOutageMs / 1000.0);
                }
                return result;
            } catch (SQLException e) {
                last = e;
                long now = System.currentTimeMillis();
                if (isConnectionLoss(e)) {
                    closeQuietly();
                    if (outageStart == 0) {
                        outageStart = now;
                        System.err.println("hpo4j: the study store " + location + " is unreachable (" + message(e)
                                + "); trying again for up to " + outageTolerance.toSeconds() + " s (hpo.storeOutage)");
                    }
                    long left = outageStart + outageTolerance.toMillis() - now;
                    if (left <= 0) {
                        throw new StoreUnavailableException("study store " + location + ": unreachable for "
                                + (now - outageStart) / 1000 + " s (hpo.storeOutage = " + outageTolerance.toSeconds()
                                + " s): " + message(last), last);
                    }
                    sleep(Math.min(backoff, left));
                    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
                    continue;
                }
                String state = e.getSQLState() == null ? "" : e.getSQLState();
                if ((state.equals("40001") || state.equals("40P01")) && ++conflicts < TRIES) {
                    sleep(100L * conflicts);
                    continue;
                }
                throw new IllegalStateException("study store " + location + ": " + message(last), last);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the study store", ie);
        }
    }

    /** Rolls back after {@code cause}, which stays the error reported; a failed rollback is added to it. */
    private void rollbackQuietly(Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollback) {
            // the connection is broken; the next transaction opens a new one
            cause.addSuppressed(rollback);
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // already unusable
        }
        connection = null;
    }

    /**
     * The driver's message with the URL's password masked, should the driver ever repeat the URL,
     * and the password itself wherever it appears (as given and as the URL decodes it).
     */
    String message(SQLException e) {
        return masked(e, url, credentials);
    }

    /** {@link #message} of a connection to {@code url} with {@code credentials}, before there is one. */
    static String masked(SQLException e, String url, Properties credentials) {
        String text = e == null ? "unknown error" : PostgresStore.mask(String.valueOf(e.getMessage()));
        List<String> secrets = new ArrayList<>();
        secrets.add(credentials.getProperty("password"));
        Matcher m = PostgresStore.PASSWORD_IN_URL.matcher(url);
        while (m.find()) {
            String raw = m.group().substring(m.group(1).length());
            secrets.add(raw);
            try {
                secrets.add(URLDecoder.decode(raw, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                // the raw form is masked already
            }
        }
        for (String secret : secrets) {
            // very short ones would mask ordinary words; the URL form is masked above anyway
            if (secret != null && secret.length() >= 4) {
                text = text.replace(secret, "***");
            }
        }
        return text;
    }
}
