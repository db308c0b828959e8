package org.hpo4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hpo4j.store.StudyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How often the watcher reads a study in full. */
class StudyWatcherTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @TempDir
    Path dir;

    @Test
    void aSlowFullReadPutsOffTheNextOneToKeepTheWatcherBusyAtMostATenthOfTheTime() {
        try (DashboardFixture fixture = new DashboardFixture(dir, "slow"); StudyStore reader = fixture.reader()) {
            fixture.start(0);
            AtomicLong now = new AtomicLong();
            // every reading of the ticker is a second later: a full read (two readings) takes one second
            StudyWatcher watcher = new StudyWatcher(reader, fixture.study, DashboardFixture.SPACE, Planned.UNKNOWN,
                    Clock.systemUTC(), () -> now.getAndAdd(SECOND));
            try (watcher) {
                watcher.look();
                assertEquals(1, watcher.fullReads());
                long first = watcher.current().version();

                fixture.finish(0, 0.5);
                watcher.look(); // 2 s after the first read began, which took 1 s: put off until 10 s
                assertEquals(1, watcher.fullReads());
                assertEquals(first, watcher.current().version());

                now.set(10 * SECOND);
                watcher.look(); // the change seen before is read now, not lost
                assertEquals(2, watcher.fullReads());
                assertTrue(watcher.current().version() > first);
                assertTrue(watcher.current().json().contains("\"finished\":1"), watcher.current().json());

                now.set(100 * SECOND);
                watcher.look(); // nothing changed: no read however long ago the last one was
                assertEquals(2, watcher.fullReads());
            }
        }
    }

    @Test
    void aFastStudyIsReadAtEveryChange() {
        try (DashboardFixture fixture = new DashboardFixture(dir, "fast"); StudyStore reader = fixture.reader()) {
            fixture.start(0);
            AtomicLong now = new AtomicLong();
            // reads take no time on this ticker
            try (StudyWatcher watcher = new StudyWatcher(reader, fixture.study, DashboardFixture.SPACE, Planned.UNKNOWN,
                    Clock.systemUTC(), now::get)) {
                watcher.look();
                fixture.finish(0, 0.5);
                watcher.look();
                fixture.start(1);
                watcher.look();
                assertEquals(3, watcher.fullReads());
            }
        }
    }
}
