package org.hpo4j.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.hpo4j.tune.StoreAccess;

/**
 * The goals that read or write a study store ({@code hpo:tune}, {@code hpo:worker},
 * {@code hpo:report}, {@code hpo:select}): one set of parameters for the study and its store, so
 * that whatever reaches the store for one goal reaches it for every other.
 */
abstract class StoreMojo extends HpoMojo {

    /** The study's name; default the class's {@code @StudyName}, else its simple name. */
    @Parameter(property = "hpo.study")
    String study;

    /**
     * Where the study is stored: empty for the SQLite file {@code .hpo/<study>.db}, a path ending in
     * {@code .db}, {@code jdbc:sqlite:FILE}, {@code jdbc:postgresql://host[:port]/database} (shared by
     * {@code hpo:worker}s on other machines) or {@code memory}; the goals after {@code hpo:tune} take
     * the value it was given.
     */
    @Parameter(property = "hpo.storage")
    String storage;

    /**
     * The id of a {@code <server>} in {@code settings.xml} whose username and (possibly encrypted)
     * password log in to a PostgreSQL {@code hpo.storage}; without it they come from the environment
     * ({@code HPO_DB_USER}/{@code HPO_DB_PASSWORD} or {@code PGUSER}/{@code PGPASSWORD}).
     */
    @Parameter(property = "hpo.storageServer")
    String storageServer;

    /** Seconds a PostgreSQL store keeps trying to reach an unreachable database (restart, outage); default 300. */
    @Parameter(property = "hpo.storeOutage")
    Double storeOutage;

    @Component
    SettingsDecrypter decrypter;

    StoreMojo(String goal) {
        super(goal);
    }

    /** How this goal reaches the store: {@code hpo.storage} with the login of {@code hpo.storageServer}. */
    StoreAccess storeAccess() throws MojoFailureException {
        StorageCredentials login = StorageCredentials.of(settings(), decrypter, storageServer);
        return new StoreAccess(storage, login.user(), login.password(), storeOutage);
    }

    /** The user's {@code settings.xml}, with its {@code <server>}s. */
    Settings settings() {
        return session.getSettings();
    }
}
