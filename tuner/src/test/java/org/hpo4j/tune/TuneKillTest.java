package org.hpo4j.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.hpo4j.store.SqliteStore;
import org.hpo4j.store.StoredJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hpo:tune} killed with SIGKILL at 10 random moments of one study and resumed each time
 * ({@code -Dhpo4j.test.kills=N} for more): no finished evaluation is lost or run again, and the
 * properties file equals the one of an uninterrupted run, byte for byte.
 */
class TuneKillTest {
    @TempDir
    Path dir;

    private Process start(Path project, Path classes) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-Dhpo4j.test.epochMillis=15", "-cp",
                System.getProperty("java.class.path"), KillableTuneMain.class.getName(), project.toString(),
                classes.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Runs until {@code lines} more evaluations are reported (then SIGKILL), or to its end (lines < 0); true if it ended. */
    private boolean run(Path project, Path classes, int lines) throws Exception {
        Process p = start(project, classes);
        int seen = 0;
        boolean done = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("[") && ++seen == lines) {
                    p.destroyForcibly(); // SIGKILL: no shutdown hook, no closing of the store
                    break;
                }
                done |= line.equals("done");
            }
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return done;
    }

    private static Map<Integer, StoredJob> finishedJobs(Path project) {
        Map<Integer, StoredJob> done = new HashMap<>();
        try (SqliteStore store = SqliteStore.open(project.resolve(".hpo/kills.db"), false)) {
            for (StoredJob j : store.jobs("kills")) {
                if (j.state().isDone()) {
                    done.put(j.jobId(), j);
                }
            }
        }
        return done;
    }

    @Test
    void tenKillsLoseAndRepeatNothingAndWriteTheSameFile() throws Exception {
        int kills = Integer.getInteger("hpo4j.test.kills", 10);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path killed = Files.createDirectories(dir.resolve("killed"));
        Random random = new Random(13);
        Map<Integer, StoredJob> before = new HashMap<>();
        int actualKills = 0;
        boolean ended = false;
        for (int k = 0; k < kills && !ended; k++) {
            ended = run(killed, classes, 1 + random.nextInt(4));
            if (!ended) {
                actualKills++;
            }
            Map<Integer, StoredJob> now = finishedJobs(killed);
            for (StoredJob was : before.values()) {
                StoredJob is = now.get(was.jobId());
                assertTrue(is != null, "job " + was.jobId() + " finished before kill " + k + " and was lost");
                assertEquals(was.finishedAt(), is.finishedAt(), "job " + was.jobId() + " was run again");
                assertEquals(was.attempt(), is.attempt(), "job " + was.jobId() + " was run again");
            }
            before = now;
        }
        assertEquals(kills, actualKills, "the study outlived every kill (lengthen it)");
        assertTrue(run(killed, classes, -1), "the last resumption ends the study");

        Path whole = Files.createDirectories(dir.resolve("whole"));
        assertTrue(run(whole, classes, -1));
        Path file = Path.of("src/main/resources/hpo/" + Epochs.class.getName() + ".properties");
        assertEquals(Files.readString(whole.resolve(file)), Files.readString(killed.resolve(file)));
        Map<Integer, StoredJob> all = finishedJobs(killed);
        Map<Integer, StoredJob> reference = finishedJobs(whole);
        assertEquals(reference.keySet(), all.keySet());
        Set<Integer> differing = new HashSet<>();
        reference.forEach((id, j) -> {
            if (j.value() != all.get(id).value()) {
                differing.add(id);
            }
        });
        assertEquals(Set.of(), differing, "every job has the value of the uninterrupted run");
        assertTrue(List.copyOf(all.values()).stream().allMatch(j -> j.state() == org.hpo4j.store.JobState.FINISHED));
    }
}
