package org.hpo4j.store;

import java.nio.file.Path;

/** Chooses a store from the {@code storage} setting ({@code -Dhpo.storage}). */
public final class StudyStores {
    private StudyStores() {
    }

    /**
     * The store that {@code storage} names ({@link StorageLocation#parse}): SQLite at
     * {@code <defaultDirectory>/<study>.db} by default, in memory, a SQLite file or URL, or a
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
}
