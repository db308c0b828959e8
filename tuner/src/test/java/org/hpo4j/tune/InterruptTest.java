package org.hpo4j.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hpo4j.store.JobState;
import org.hpo4j.store.SqliteStore;
import org.hpo4j.store.StoredJob;
import org.hpo4j.store.StudyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C and SIGTERM during {@code hpo:tune}: the running evaluations stop, the summary is printed,
 * the best so far is written and marked interrupted, and the same command resumes the study.
 */
class InterruptTest {
    @TempDir
    Path project;

    /** Starts the tune in a JVM of its own, waits for {@code evaluations} result lines, sends {@code signal}. */
    private List<String> interruptAfter(int evaluations, String signal) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                InterruptibleTuneMain.class.getName(), project.toString()).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        List<ProcessHandle> workers = List.of();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int seen = 0;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("[") && ++seen == evaluations) {
                    workers = child.descendants().toList();
                    new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor();
                }
            }
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), String.join("\n", lines));
        assertEquals(2, workers.size(), "two worker JVMs ran:\n" + String.join("\n", lines));
        for (ProcessHandle worker : workers) {
            worker.onExit().get(10, TimeUnit.SECONDS);
        }
        return lines;
    }

    /**
     * Whether this JVM was started with SIGINT ignored (a background job of a shell without job
     * control): the JVM then installs no handler for it, and the tune it forks cannot hear Ctrl-C
     * either, which is what such a shell asks for.
     */
    private static boolean ctrlCIgnoredHere() throws java.io.IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        // SigIgn is the hexadecimal mask of ignored signals; SIGINT (2) is its second bit
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
                .anyMatch(l -> (Long.parseLong(l.substring("SigIgn:".length()).trim(), 16) & 0b10) != 0);
    }

    @Test
    void ctrlCWritesTheBestSoFarMarkedInterruptedAndTheStudyResumes() throws Exception {
        assumeFalse(ctrlCIgnoredHere(), "this build runs with SIGINT ignored (a background job): no Ctrl-C can arrive");
        List<String> lines = interruptAfter(4, "INT");
        String out = String.join("\n", lines);
        // a few more may finish between the signal and its handling, on a busy machine
        long done = lines.stream().filter(l -> l.startsWith("[")).count();
        assertTrue(done >= 4 && done < 22, out);
        assertTrue(out.contains("hpo4j: interrupted: stopping the running evaluations"), out);
        assertTrue(out.contains("hpo4j: study Epochs interrupted (the same command resumes it): " + done
                + " evaluations (0 failed)"), out);
        assertEquals("interrupted=true", lines.get(lines.size() - 1), out);
        Path file = project.resolve("src/main/resources/hpo/" + Epochs.class.getName() + ".properties");
        String written = Files.readString(file);
        assertTrue(written.contains("# interrupted: the study was stopped (Ctrl-C or SIGTERM) after " + done + " evaluations;"
                + " these are the best so far, at budget 1 of 9."), written);

        // the store keeps the four results; what was running is not counted as failed but runs again
        Path db = project.resolve(".hpo/Epochs.db");
        List<StoredJob> stored;
        try (StudyStore store = SqliteStore.open(db, false)) {
            stored = store.jobs("Epochs");
        }
        assertEquals(done, stored.stream().filter(j -> j.state().isDone()).count(), stored.toString());
        assertTrue(stored.stream().noneMatch(j -> j.state() == JobState.FAILED), stored.toString());
        assertTrue(stored.stream().anyMatch(j -> j.state() == JobState.RUNNING), "the interrupted ones: " + stored);

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        TuneSummary resumed;
        try (URLClassLoader loader = InterruptibleTuneMain.loader(project)) {
            resumed = new Tuner(new PrintStream(console, true, StandardCharsets.UTF_8))
                    .run(InterruptibleTuneMain.request(project, 0).build(), loader);
        }
        assertFalse(resumed.interrupted());
        assertEquals(9.0, resumed.budget(), "the resumed study reached the full budget");
        try (StudyStore store = SqliteStore.open(db, false)) {
            List<StoredJob> after = store.jobs("Epochs");
            assertTrue(after.stream().allMatch(j -> j.state().isDone()), after.toString());
            assertEquals(resumed.evaluations(), after.size());
            assertEquals(after.size(), new HashSet<>(after.stream().map(StoredJob::jobId).toList()).size());
        }
        String finished = Files.readString(file);
        assertFalse(finished.contains("# interrupted"), "the finished study's result replaced the interrupted one:\n"
                + finished);
        assertTrue(finished.contains("epochs=9"), finished);
    }

    @Test
    void sigtermEndsTheStudyTheSameWay() throws Exception {
        List<String> lines = interruptAfter(2, "TERM");
        String out = String.join("\n", lines);
        assertTrue(out.contains("study Epochs interrupted (the same command resumes it): "), out);
        assertTrue(Files.readString(project.resolve("src/main/resources/hpo/" + Epochs.class.getName() + ".properties"))
                .contains("# interrupted:"));
    }
}
