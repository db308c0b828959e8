package org.hpo4j.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The statements of the SQL stores, run on the connection of the current transaction: one place
 * that prepares a statement, binds its parameters in order and reads its rows, so that each query
 * of the protocol is its SQL and its arguments.
 */
final class Sql {
    /** Reads one row of a result. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Takes one row of a result. */
    @FunctionalInterface
    interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    /** A SQL NULL of a number column ({@code null} itself binds as a NULL text). */
    static final Object NULL_NUMBER = new Object() {
        @Override
        public String toString() {
            return "NULL";
        }
    };

    private final JdbcStudyStore.Dialect dialect;

    Sql(JdbcStudyStore.Dialect dialect) {
        this.dialect = dialect;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
    int update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement p = prepare(sql, parameters)) {
            return p.executeUpdate();
        }
    }

    /** Runs a query and reads every row of its result with {@code reader}. */
    <T> List<T> rows(String sql, RowReader<T> reader, Object... parameters) throws SQLException {
        try (PreparedStatement p = prepare(sql, parameters); ResultSet rs = p.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(reader.read(rs));
            }
            return out;
        }
    }

    /** Runs a query and hands every row of its result to {@code consumer}. */
    void each(String sql, RowConsumer consumer, Object... parameters) throws SQLException {
        try (PreparedStatement p = prepare(sql, parameters); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                consumer.accept(rs);
            }
        }
    }

    /** Runs a query (or an UPDATE ... RETURNING) and reads its first row, if any. */
    <T> Optional<T> first(String sql, RowReader<T> reader, Object... parameters) throws SQLException {
        try (PreparedStatement p = prepare(sql, parameters); ResultSet rs = p.executeQuery()) {
            return rs.next() ? Optional.of(reader.read(rs)) : Optional.empty();
        }
    }

    /** A statement on the current transaction's connection for repeated use, with no parameters bound. */
    PreparedStatement prepare(String sql) throws SQLException {
        return dialect.connection().prepareStatement(sql);
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement p = prepare(sql);
        try {
            bind(p, parameters);
            return p;
        } catch (SQLException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /** Binds {@code parameters} to {@code p} in order, each by its type. */
    static void bind(PreparedStatement p, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object v = parameters[i];
            int index = i + 1;
            if (v == null) {
                p.setNull(index, Types.VARCHAR);
            } else if (v == NULL_NUMBER) {
                p.setNull(index, Types.DOUBLE);
            } else if (v instanceof String s) {
                p.setString(index, s);
            } else if (v instanceof Integer n) {
                p.setInt(index, n);
            } else if (v instanceof Long n) {
                p.setLong(index, n);
            } else if (v instanceof Double d) {
                p.setDouble(index, d);
            } else {
                throw new IllegalArgumentException("parameter " + index + ": no SQL type for " + v.getClass().getName());
            }
        }
    }
}
