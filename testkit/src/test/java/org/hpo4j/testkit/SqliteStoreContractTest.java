package org.hpo4j.testkit;

import java.nio.file.Path;
import org.hpo4j.store.SqliteStore;
import org.hpo4j.store.StudyStore;
import org.junit.jupiter.api.io.TempDir;

/** The store contract over SQLite files, each test with a file of its own, reopened as a new connection. */
class SqliteStoreContractTest extends StudyStoreContract {
    @TempDir
    Path dir;
    private Path file;

    @Override
    protected StudyStore newStore() {
        file = dir.resolve("study.db");
        return SqliteStore.open(file, false);
    }

    @Override
    protected StudyStore reopen(StudyStore store) {
        store.close();
        return SqliteStore.open(file, false);
    }
}
