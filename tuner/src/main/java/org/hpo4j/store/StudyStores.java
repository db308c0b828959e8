package org.hpo4j.store;

import java.nio.file.Path;

/** Chooses a store from the {@code storage} setting ({@code -Dhpo.storage}). */
public final class StudyStores {
    private StudyStores() {
    }

    /**
     * The store that {@code storage} names:
     * <ul>
     *   <li>empty or {@code null}: SQLite at {@code <defaultDirectory>/<study>.db} (the default for
     *       {@code hpo:tune} is {@code target/hpo});</li>
     *   <li>{@code memory}: in memory, lost when the JVM ends;</li>
     *   <li>{@code jdbc:sqlite:<file>}: that SQLite file;</li>
     *   <li>a path ending in {@code .db}: that SQLite file;</li>
     *   <li>{@code jdbc:postgresql://host[:port]/database}: that PostgreSQL database, shared with
     *       workers on other machines; credentials from the environment (see {@link PostgresStore}).</li>
     * </ul>
     *
     * @param fresh start over: an existing SQLite file is renamed to a timestamped backup first, a
     *     PostgreSQL study of that name is kept under a timestamped name
     * @throws IllegalArgumentException for a storage this version does not know, naming it
     */
    public static StudyStore open(String storage, Path defaultDirectory, String study, boolean fresh) {
        return open(storage, defaultDirectory, study, fresh, null, null);
    }

    /**
     * As {@link #open(String, Path, String, boolean)}, with the database user and password for a
     * PostgreSQL store (e.g. from a Maven {@code settings.xml} server); {@code null} ones come from the
     * environment. Other stores ignore them.
     */
    public static StudyStore open(String storage, Path defaultDirectory, String study, boolean fresh, String user,
                                  String password) {
        if (storage != null && storage.trim().startsWith("jdbc:postgresql:")) {
            PostgresStore store = PostgresStore.open(storage.trim(), user, password);
            if (fresh) {
                store.archive(study);
            }
            return store;
        }
        if (storage == null || storage.isBlank()) {
            return SqliteStore.open(defaultDirectory.resolve(study + ".db"), fresh);
        }
        String s = storage.trim();
        if (s.equals("memory")) {
            return new InMemoryStore();
        }
        if (s.startsWith("jdbc:sqlite:")) {
            String file = s.substring("jdbc:sqlite:".length());
            if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
                return SqliteStore.open(s);
            }
            return SqliteStore.open(Path.of(file), fresh);
        }
        if (s.endsWith(".db")) {
            return SqliteStore.open(Path.of(s), fresh);
        }
        throw new IllegalArgumentException("storage '" + PostgresStore.mask(storage) + "' is not supported; use an"
                + " empty value (SQLite in " + defaultDirectory + "), 'memory', a jdbc:sqlite: URL, a path ending in .db"
                + " or a jdbc:postgresql: URL");
    }
}
