package org.hpo4j.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.hpo4j.optimizer.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk (here: SQLite's page limit) shows as what it is, SQLITE_FULL, not as the error of the
 * rollback that follows it, and leaves no half-written job behind.
 */
class DiskFullTest {
    @TempDir
    Path dir;

    @Test
    void theRealCauseIsReportedAndNothingIsHalfWritten() {
        String url = "jdbc:sqlite:" + dir.resolve("full.db") + "?max_page_count=40";
        try (SqliteStore store = SqliteStore.open(url)) {
            store.open(StoreFixtures.STUDY);
            String big = "x".repeat(3000);
            int added = 0;
            IllegalStateException full = null;
            for (int i = 0; i < 200 && full == null; i++) {
                NewJob padded = new NewJob(i, new Job.ConfigId(i, 0, 0), 0, 9, 0, "{\"pad\":\"" + big + "\"}");
                try {
                    store.addJob(StoreFixtures.STUDY.name(), padded, null, 0, 0);
                    added++;
                } catch (IllegalStateException e) {
                    full = e;
                }
            }
            assertTrue(full != null, "the page limit was reached");
            assertTrue(full.getMessage().contains("SQLITE_FULL") || full.getMessage().contains("full"), full.getMessage());
            assertFalse(full.getMessage().contains("auto-commit"), full.getMessage());
            assertEquals(added, store.jobs(StoreFixtures.STUDY.name()).size(), "the failed job left nothing");
        }
    }
}
