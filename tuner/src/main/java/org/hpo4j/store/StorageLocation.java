package org.hpo4j.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a study is stored, as the {@code storage} setting ({@code -Dhpo.storage}) names it. The one
 * parser of that setting: every goal and {@link StudyStores#open} read it through {@link #parse}.
 *
 * <ul>
 *   <li>empty or {@code null}: {@link DefaultFile}, SQLite at {@code <default folder>/<study>.db};</li>
 *   <li>{@code memory}: {@link Memory}, lost when the JVM ends;</li>
 *   <li>{@code jdbc:sqlite:<file>} or a path ending in {@code .db} (in any case: {@code DATA.DB}
 *       too): {@link SqliteFile};</li>
 *   <li>{@code jdbc:sqlite:} with {@code :memory:} or a {@code file:} URI: {@link SqliteUrl}, opened
 *       as the driver reads it;</li>
 *   <li>{@code jdbc:postgresql://host[:port]/database}: {@link Postgres}, shared with workers on
 *       other machines.</li>
 * </ul>
 * The {@code jdbc:} prefixes are matched exactly, as the JDBC drivers match them.
 */
public sealed interface StorageLocation {
    /** SQLite at {@code <default folder>/<study>.db}: {@code hpo:tune}'s default ({@code .hpo}, {@link StudyStores#defaultDirectory}). */
    record DefaultFile() implements StorageLocation {
    }

    /** In memory, lost when the JVM ends. */
    record Memory() implements StorageLocation {
    }

    /** A SQLite file. */
    record SqliteFile(Path file) implements StorageLocation {
    }

    /** A {@code jdbc:sqlite:} URL that names no plain file (an in-memory database, a {@code file:} URI). */
    record SqliteUrl(String url) implements StorageLocation {
    }

    /** A PostgreSQL database, shared by a coordinator and its remote workers. */
    record Postgres(String url) implements StorageLocation {
    }

    /** The prefix of SQLite URLs. */
    String SQLITE = "jdbc:sqlite:";
    /** The prefix of PostgreSQL URLs. */
    String POSTGRES = "jdbc:postgresql:";

    /**
     * The location {@code storage} names (surrounding blanks ignored).
     *
     * @throws IllegalArgumentException for a storage this version does not know, naming it (a
     *     password in it masked)
     */
    static StorageLocation parse(String storage) {
        String s = storage == null ? "" : storage.trim();
        if (s.isEmpty()) {
            return new DefaultFile();
        }
        if (s.startsWith(POSTGRES)) {
            return new Postgres(s);
        }
        if (s.equals("memory")) {
            return new Memory();
        }
        if (s.startsWith(SQLITE)) {
            String file = s.substring(SQLITE.length());
            if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
                return new SqliteUrl(s);
            }
            return new SqliteFile(Path.of(file));
        }
        if (s.toLowerCase(Locale.ROOT).endsWith(".db")) {
            return new SqliteFile(Path.of(s));
        }
        throw new IllegalArgumentException("storage '" + PostgresStore.mask(s) + "' is not supported; use an"
                + " empty value (SQLite in the default folder, .hpo for hpo:tune), 'memory', a jdbc:sqlite: URL,"
                + " a path ending in .db or a jdbc:postgresql: URL");
    }

    /** Whether workers of other processes and machines may share the study (PostgreSQL). */
    default boolean shared() {
        return this instanceof Postgres;
    }

    /**
     * The SQLite file this location is, the default one resolved as {@code <defaultDirectory>/<study>.db};
     * empty for locations that are no file (memory, SQLite URLs, PostgreSQL).
     */
    default Optional<Path> sqliteFile(Path defaultDirectory, String study) {
        if (this instanceof DefaultFile) {
            return Optional.of(defaultDirectory.resolve(study + ".db"));
        }
        if (this instanceof SqliteFile f) {
            return Optional.of(f.file());
        }
        return Optional.empty();
    }
}
