package org.hpo4j.tune;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.hpo4j.store.PostgresStore;
import org.hpo4j.store.StorageLocation;
import org.hpo4j.store.StudyStore;
import org.hpo4j.store.StudyStores;

/**
 * How every goal that reads or writes a study store reaches it ({@code hpo:tune}, {@code hpo:worker},
 * {@code hpo:report}, {@code hpo:select}, {@code hpo:dashboard}): the same {@code hpo.storage}, login and outage tolerance,
 * opened the same way.
 *
 * @param storage where the study is kept ({@code hpo.storage}, {@link StorageLocation#parse}); {@code null}
 *     for the default SQLite file
 * @param user the database user (e.g. of the {@code hpo.storageServer} of {@code settings.xml}); {@code null}
 *     for the URL's or the environment's
 * @param password the database password; {@code null} for the URL's or the environment's
 * @param storeOutage seconds a PostgreSQL store keeps trying to reach an unreachable database
 *     ({@code hpo.storeOutage}); {@code null}: the store's default, 300
 */
public record StoreAccess(String storage, String user, String password, Double storeOutage) {

    /** The store {@code storage} names, with the login from the environment and the default outage tolerance. */
    public static StoreAccess of(String storage) {
        return new StoreAccess(storage, null, null, null);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "StoreAccess[storage=" + storage + ", user=" + user + ", storeOutage=" + storeOutage + "]";
    }

    /** Whether {@code storage} is a store that processes on other machines share (PostgreSQL). */
    public boolean shared() {
        try {
            return StorageLocation.parse(storage).shared();
        } catch (IllegalArgumentException unknown) {
            return false; // named when the store is opened
        }
    }

    /**
     * Opens the store, warning on {@code console} about a password written into the URL.
     *
     * @param defaultDirectory the folder of the default SQLite file ({@link StudyStores#open})
     * @param fresh start the study over ({@link StudyStores#open})
     * @throws TuneException naming {@code hpo.storeOutage} when it is negative
     * @throws IllegalArgumentException for a storage this version does not know, naming it
     */
    public StudyStore open(Path defaultDirectory, String study, boolean fresh, Consumer<String> console) {
        checkAndWarn(console);
        return withOutageTolerance(StudyStores.open(storage, defaultDirectory, study, fresh, user, password));
    }

    /**
     * Opens the store to read only ({@link StudyStores#openReadOnly}), for a dashboard that watches a
     * study another process runs, with the same login, outage tolerance and warning as {@link #open}.
     *
     * @throws TuneException naming {@code hpo.storeOutage} when it is negative
     * @throws IllegalArgumentException for a storage that holds nothing to read, naming it
     * @throws IllegalStateException when the store cannot be opened or holds another schema version
     */
    public StudyStore openReadOnly(Path defaultDirectory, String study, Consumer<String> console) {
        checkAndWarn(console);
        return withOutageTolerance(StudyStores.openReadOnly(storage, defaultDirectory, study, user, password));
    }

    private void checkAndWarn(Consumer<String> console) {
        if (storeOutage != null && !(storeOutage >= 0)) {
            throw new TuneException("hpo.storeOutage: must be zero or more seconds, got " + storeOutage);
        }
        if (PostgresStore.hasPassword(storage)) {
            console.accept("warning: " + PostgresStore.PASSWORD_IN_URL_WARNING);
        }
    }

    private StudyStore withOutageTolerance(StudyStore store) {
        if (store instanceof PostgresStore postgres && storeOutage != null) {
            postgres.outageTolerance(Duration.ofMillis(Math.round(storeOutage * 1000)));
        }
        return store;
    }
}
