package org.hpo4j.store;

import java.nio.file.Path;

/** Chooses a store from the {@code storage} setting ({@code -Dhpo.storage}). */
public final class StudyStores {
    /**
     * Where {@code hpo:tune} keeps SQLite studies by default, relative to the project: outside
     * {@code target/}, so that {@code mvn clean} does not delete them. Version control should ignore
     * it ({@code .hpo/} in {@code .gitignore}).
     */
    public static final String DEFAULT_FOLDER = ".hpo";

    /** Where older versions kept SQLite studies: inside {@code target/}, which {@code mvn clean} deletes. */
    public static final String OLD_FOLDER = "target/hpo";

    private StudyStores() {
    }

    /**
     * The folder of the default SQLite file of {@code study} in the project at {@code base}:
     * {@value #DEFAULT_FOLDER}, unless only the old location {@value #OLD_FOLDER} has the study, which
     * is then read where it is (and {@code notes} is told how to move it).
     */
    public static Path defaultDirectory(Path base, String study, java.util.function.Consumer<String> notes) {
        Path current = base.resolve(DEFAULT_FOLDER);
        Path old = base.resolve(OLD_FOLDER);
        String file = study + ".db";
        if (!java.nio.file.Files.exists(current.resolve(file)) && java.nio.file.Files.isRegularFile(old.resolve(file))) {
            notes.accept("note: study " + study + " is stored at the old location " + OLD_FOLDER + "/" + file
                    + ", which mvn clean deletes; it is used there. To keep it, move it: mkdir -p " + DEFAULT_FOLDER
                    + " && mv " + OLD_FOLDER + "/" + file + " " + DEFAULT_FOLDER + "/");
            return old;
        }
        return current;
    }

    /**
     * The store that {@code storage} names:
     * <ul>
     *   <li>empty or {@code null}: SQLite at {@code <defaultDirectory>/<study>.db} (the default for
     *       {@code hpo:tune} is {@link #defaultDirectory}, {@value #DEFAULT_FOLDER} in the project);</li>
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
