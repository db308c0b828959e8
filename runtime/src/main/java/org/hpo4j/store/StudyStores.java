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
     *   <li>a path ending in {@code .db}: that SQLite file.</li>
     * </ul>
     *
     * @param fresh start over: an existing SQLite file is renamed to a timestamped backup first
     * @throws IllegalArgumentException for a storage this version does not know, naming it
     */
    public static StudyStore open(String storage, Path defaultDirectory, String study, boolean fresh) {
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
        throw new IllegalArgumentException("storage '" + storage + "' is not supported; use an empty value (SQLite in "
                + defaultDirectory + "), 'memory', a jdbc:sqlite: URL or a path ending in .db");
    }
}
