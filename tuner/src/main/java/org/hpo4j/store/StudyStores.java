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
     * The store that {@code storage} names ({@link StorageLocation#parse}): SQLite at
     * {@code <defaultDirectory>/<study>.db} by default ({@link #defaultDirectory} for {@code hpo:tune}), in memory, a SQLite file or URL, or a
     * PostgreSQL database shared with workers on other machines (credentials from the environment,
     * see {@link PostgresStore}).
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
        StorageLocation location = StorageLocation.parse(storage);
        if (location instanceof StorageLocation.Postgres postgres) {
            PostgresStore store = PostgresStore.open(postgres.url(), user, password);
            if (fresh) {
                store.archive(study);
            }
            return store;
        }
        if (location instanceof StorageLocation.Memory) {
            return new InMemoryStore();
        }
        if (location instanceof StorageLocation.SqliteUrl url) {
            return SqliteStore.open(url.url());
        }
        return SqliteStore.open(location.sqliteFile(defaultDirectory, study).orElseThrow(), fresh);
    }

    /**
     * The store that {@code storage} names, as {@link #open(String, Path, String, boolean, String, String)},
     * opened to read only, for a dashboard that watches a study another process runs: nothing is
     * created, migrated, locked or written (SQLite opens the file read-only, PostgreSQL runs
     * read-only transactions).
     *
     * @throws IllegalArgumentException for a storage that holds nothing to read ({@code memory}, a
     *     missing SQLite file), naming it
     * @throws IllegalStateException when the store cannot be opened or holds another schema version
     */
    public static StudyStore openReadOnly(String storage, Path defaultDirectory, String study, String user,
                                          String password) {
        StorageLocation location = StorageLocation.parse(storage);
        if (location instanceof StorageLocation.Postgres postgres) {
            return PostgresStore.openReadOnly(postgres.url(), user, password);
        }
        if (location instanceof StorageLocation.Memory) {
            throw new IllegalArgumentException("hpo.storage: 'memory' lives only in the process that tunes; "
                    + "watch such a study with -Dhpo.dashboard on hpo:tune");
        }
        if (location instanceof StorageLocation.SqliteUrl url) {
            return SqliteStore.openReadOnly(url.url());
        }
        return SqliteStore.openReadOnly(location.sqliteFile(defaultDirectory, study).orElseThrow());
    }
}
