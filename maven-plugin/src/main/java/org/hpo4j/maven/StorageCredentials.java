package org.hpo4j.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The database login of {@code hpo.storageServer}, shared by the goals that open a study store.
 *
 * @param user the username, {@code null} for the environment's
 * @param password the decrypted password, {@code null} for the environment's
 */
record StorageCredentials(String user, String password) {
    /** No login of its own: the store reads the environment. */
    static final StorageCredentials FROM_ENVIRONMENT = new StorageCredentials(null, null);

    /** Never shows the password. */
    @Override
    public String toString() {
        return "StorageCredentials[user=" + user + "]";
    }

    /**
     * The username and decrypted password of the {@code settings.xml} server {@code serverId}, or
     * {@link #FROM_ENVIRONMENT} without an id. Never logs the password.
     *
     * @throws MojoFailureException naming {@code hpo.storageServer} when there is no such server
     */
    static StorageCredentials of(Settings settings, SettingsDecrypter decrypter, String serverId)
            throws MojoFailureException {
        if (serverId == null || serverId.isBlank()) {
            return FROM_ENVIRONMENT;
        }
        Server server = settings.getServer(serverId);
        if (server == null) {
            throw new MojoFailureException("hpo.storageServer: settings.xml has no <server> with id '" + serverId
                    + "'; add one (with <username> and <password>) or correct the id");
        }
        SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : decrypted.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new MojoFailureException("hpo.storageServer: cannot decrypt the password of server '" + serverId
                        + "': " + problem.getMessage());
            }
        }
        Server plain = decrypted.getServer();
        return new StorageCredentials(plain.getUsername(), plain.getPassword());
    }
}
