package org.hpo4j.testkit;

import org.hpo4j.store.InMemoryStore;
import org.hpo4j.store.StudyStore;

/** The store contract over the store that lives in memory only (reopening it is the same object). */
class InMemoryStoreContractTest extends StudyStoreContract {
    @Override
    protected StudyStore newStore() {
        return new InMemoryStore();
    }
}
