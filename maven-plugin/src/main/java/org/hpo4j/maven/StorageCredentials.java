package org.hpo4j.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** The database login of {@code hpo.storageServer}, shared by the goals that open a study store. */
final class StorageCredentials {
    private StorageCredentials() {
    }

    /**
     * The username and decrypted password of the {@code settings.xml} server {@code serverId}, or two
     * nulls without an id (the store then reads the environment). Never logs the password.
     *
     * @throws MojoFailureException naming {@code hpo.storageServer} when there is no such server
     */
    static String[] of(Settings settings, SettingsDecrypter decrypter, String serverId)
            throws MojoFailureException {
        if (serverId == null || serverId.isBlank()) {
            return new String[2];
        }
        Server server = settings.getServer(serverId);
        if (server == null) {
            throw new MojoFailureException("hpo.storageServer: settings.xml has no <server> with id '" + serverId + "'");
        }
        SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : decrypted.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new MojoFailureException("hpo.storageServer: cannot decrypt the password of server '" + serverId
                        + "': " + problem.getMessage());
            }
        }
        Server plain = decrypted.getServer();
        return new String[] {plain.getUsername(), plain.getPassword()};
    }
}
