package org.hpo4j.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsProblem;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.hpo4j.tune.StoreAccess;
import org.junit.jupiter.api.Test;

/** Database credentials from a settings.xml server, for hpo:worker and hpo:tune. */
class WorkerMojoTest {
    static Settings settingsWith(String id, String user, String password) {
        Server server = new Server();
        server.setId(id);
        server.setUsername(user);
        server.setPassword(password);
        Settings settings = new Settings();
        settings.addServer(server);
        return settings;
    }

    /** Decrypts "{enc}" by taking it off, as a stand-in for Maven's master-password cipher. */
    static final SettingsDecrypter DECRYPTER = request -> {
        Server s = request.getServers().get(0).clone();
        List<SettingsProblem> problems = List.of();
        if (s.getPassword().startsWith("{bad}")) {
            problems = List.of(new DefaultSettingsProblem("Failed to decrypt password for server " + s.getId(),
                    SettingsProblem.Severity.ERROR, "server: " + s.getId(), -1, -1, null));
        }
        s.setPassword(s.getPassword().replace("{enc}", ""));
        Server decrypted = s;
        List<SettingsProblem> found = problems;
        return new SettingsDecryptionResult() {
            @Override
            public Server getServer() {
                return decrypted;
            }

            @Override
            public List<Server> getServers() {
                return List.of(decrypted);
            }

            @Override
            public org.apache.maven.settings.Proxy getProxy() {
                return null;
            }

            @Override
            public List<org.apache.maven.settings.Proxy> getProxies() {
                return List.of();
            }

            @Override
            public List<SettingsProblem> getProblems() {
                return found;
            }
        };
    };

    @Test
    void aServerGivesUserAndDecryptedPassword() throws Exception {
        assertEquals(new StorageCredentials("hpo", "pw"),
                StorageCredentials.of(settingsWith("db", "hpo", "{enc}pw"), DECRYPTER, "db"));
        assertEquals(StorageCredentials.FROM_ENVIRONMENT, StorageCredentials.of(new Settings(), DECRYPTER, null),
                "without hpo.storageServer the store reads the environment");
    }

    @Test
    void everyGoalThatReadsAStoreTakesTheSameStorageLoginAndOutage() throws Exception {
        Settings settings = settingsWith("db", "hpo", "{enc}pw");
        List<StoreMojo> goals = List.of(
                new TuneMojo() {
                    @Override
                    Settings settings() {
                        return settings;
                    }
                },
                new WorkerMojo() {
                    @Override
                    Settings settings() {
                        return settings;
                    }
                },
                new ReportMojo() {
                    @Override
                    Settings settings() {
                        return settings;
                    }
                },
                new SelectMojo() {
                    @Override
                    Settings settings() {
                        return settings;
                    }
                });
        for (StoreMojo goal : goals) {
            goal.storage = "jdbc:postgresql://h/hpo";
            goal.storageServer = "db";
            goal.storeOutage = 5.0;
            goal.decrypter = DECRYPTER;
            StoreAccess access = goal.storeAccess();
            assertEquals(new StoreAccess("jdbc:postgresql://h/hpo", "hpo", "pw", 5.0), access,
                    goal.getClass().getSuperclass().getSimpleName());
            assertFalse(access.toString().contains("pw"), "the password stays out of messages: " + access);
        }
    }

    @Test
    void anUnknownServerOrUndecryptablePasswordNamesTheParameterNotThePassword() {
        MojoFailureException unknown = assertThrows(MojoFailureException.class,
                () -> StorageCredentials.of(settingsWith("db", "hpo", "pw"), DECRYPTER, "other"));
        assertTrue(unknown.getMessage().startsWith("hpo.storageServer:") && unknown.getMessage().contains("'other'"),
                unknown.getMessage());
        MojoFailureException bad = assertThrows(MojoFailureException.class,
                () -> StorageCredentials.of(settingsWith("db", "hpo", "{bad}s3cr3t"), DECRYPTER, "db"));
        assertTrue(bad.getMessage().startsWith("hpo.storageServer:"), bad.getMessage());
        assertFalse(bad.getMessage().contains("s3cr3t"), bad.getMessage());
    }
}
