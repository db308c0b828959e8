/**
 * Where studies live. A {@link org.hpo4j.store.StudyStore} records every job an optimizer hands
 * out, who runs it and how it ended, each write committed at once; a study continues by replaying
 * that history. {@link org.hpo4j.store.InMemoryStore} serves tests, {@link org.hpo4j.store.SqliteStore}
 * is the default of {@code hpo:tune} ({@code .hpo/<study>.db}, outside {@code target/} so that {@code mvn clean} keeps it); {@link org.hpo4j.store.StudyStores}
 * chooses one from the {@code hpo.storage} setting. The schema and the claim protocol (transactions,
 * attempts, leases) are meant for a shared PostgreSQL database as well.
 */
package org.hpo4j.store;
