package org.hpo4j.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hpo4j.store.PostgresStore;
import org.hpo4j.annotations.Direction;
import org.hpo4j.optimizer.Job;
import org.hpo4j.store.NewJob;
import org.hpo4j.store.StudyDefinition;
import org.hpo4j.store.StoreUnavailableException;
import org.hpo4j.store.StudyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every goal reaches a store through {@link StoreAccess}: the dashboard's read-only one included. */
class StoreAccessTest {
    @TempDir
    Path dir;

    @Test
    void theReadOnlyStoreOfTheDashboardTakesTheOutageToleranceAndTheLogin() throws Exception {
        // a server of its own: the test stops it
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"))
                .setCleanDataDirectory(true).start()) {
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE hpo");
            }
            String url = server.getJdbcUrl("postgres", "hpo");
            try (StudyStore writer = PostgresStore.open(url)) {
                writer.open(new StudyDefinition("mlp", "lr FloatParameter [0.001, 1.0] (log)\n", Direction.MINIMIZE,
                        "random", 42, "minBudget=1.0 maxBudget=9.0 eta=3.0 seed=42"));
                writer.addJob("mlp", new NewJob(0, new Job.ConfigId(0, 0, 0), 0, 9.0, 0.0, "{\"lr\":0.001}"), null, 1, 2);
            }
            List<String> console = new ArrayList<>();
            // the user in the access, not in the URL; no outage tolerance at all
            String noUser = url.replaceAll("[?&]user=postgres", "");
            StoreAccess access = new StoreAccess(noUser, "postgres", null, 0.0);
            StudyStore reader = access.openReadOnly(dir, "mlp", console::add);
            try {
                assertEquals(1, reader.jobs("mlp").size());
                server.close();
                // with the default tolerance this call would keep trying for five minutes
                StoreUnavailableException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                        () -> assertThrows(StoreUnavailableException.class, () -> reader.jobs("mlp")));
                assertTrue(e.getMessage().contains("hpo.storeOutage = 0 s"), e.getMessage());
            } finally {
                reader.close();
            }
            assertTrue(console.isEmpty(), console.toString());
        }
    }

    @Test
    void aNegativeOutageToleranceIsNamedBeforeAnythingIsOpened() {
        TuneException e = assertThrows(TuneException.class,
                () -> new StoreAccess(dir.resolve("study.db").toString(), null, null, -1.0)
                        .openReadOnly(dir, "mlp", note -> { }));
        assertTrue(e.getMessage().startsWith("hpo.storeOutage: must be zero or more seconds"), e.getMessage());
    }
}
