package org.hpo4j.testkit;

import org.hpo4j.store.EmbeddedPostgresServer;
import org.hpo4j.store.PostgresStore;
import org.hpo4j.store.StudyStore;

/**
 * The store contract over a real PostgreSQL server (embedded, started once per JVM), each test with
 * a database of its own, reopened as a new connection.
 */
class PostgresStoreContractTest extends StudyStoreContract {
    private String url;

    @Override
    protected StudyStore newStore() {
        url = EmbeddedPostgresServer.newDatabase();
        return PostgresStore.open(url);
    }

    @Override
    protected StudyStore reopen(StudyStore store) {
        store.close();
        return PostgresStore.open(url);
    }
}
