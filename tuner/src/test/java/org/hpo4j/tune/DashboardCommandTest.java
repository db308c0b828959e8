package org.hpo4j.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hpo4j.dashboard.DashboardAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hpo:tune -Dhpo.dashboard} and {@code hpo:dashboard}, without Maven. */
class DashboardCommandTest {
    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path dir;

    @Test
    void tuneServesTheDashboardWhileItRunsAndTheGoalServesTheStoredStudyUntilInterrupted() throws Exception {
        // two classes: the goal finds the one of the named study, as hpo:report does
        ClassLoader loader = IndexedClasses.loader(dir, Peak.class, Epochs.class);
        ByteArrayOutputStream tuneOut = new ByteArrayOutputStream();
        new Tuner(new PrintStream(tuneOut, true, StandardCharsets.UTF_8)).dashboard(DashboardAddress.onPort(0))
                .run(TuneRequest.builder().objective(Peak.class.getName()).optimizer("random").baseDirectory(dir).seed(3)
                        .maxEvaluations(6).build(), loader);
        Matcher during = URL.matcher(tuneOut.toString(StandardCharsets.UTF_8));
        assertTrue(during.find(), tuneOut.toString(StandardCharsets.UTF_8));
        int tunePort = Integer.parseInt(during.group(1));
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", tunePort).close(),
                "the dashboard of hpo:tune stops with the study");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread goal = new Thread(() -> {
            try {
                DashboardCommand.run(loader, null, "Peak", StoreAccess.of(null), DashboardAddress.onPort(0), dir, console);
            } catch (InterruptedException e) {
                // Ctrl-C
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        goal.start();
        int port = -1;
        for (int i = 0; i < 200 && port < 0 && failure.get() == null; i++) {
            Matcher m = URL.matcher(out.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
            } else {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        assertEquals(null, failure.get());
        assertTrue(port > 0, out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("dashboard of study Peak at http://127.0.0.1:" + port
                + "/ (read-only; Ctrl-C to stop)"), out.toString(StandardCharsets.UTF_8));
        String snapshot = get(port, "/api/snapshot");
        assertTrue(snapshot.contains("\"done\":6,"), snapshot);
        goal.interrupt();
        goal.join(10_000);
        assertTrue(!goal.isAlive(), "the goal did not end when interrupted");
        int closed = port;
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", closed).close());
    }

    @Test
    void anUnknownStudyIsNamedWithItsStore() throws Exception {
        ClassLoader loader = IndexedClasses.loader(dir, Peak.class);
        new Tuner(new PrintStream(new ByteArrayOutputStream())).run(
                TuneRequest.builder().optimizer("random").baseDirectory(dir).seed(3).maxEvaluations(2).build(), loader);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        IllegalArgumentException noFile = assertThrows(IllegalArgumentException.class, () -> DashboardCommand.run(
                loader, null, "Other", StoreAccess.of(null), DashboardAddress.onPort(0), dir, quiet));
        assertTrue(noFile.getMessage().contains("'Other'") && noFile.getMessage().contains("Other.db"), noFile.getMessage());
        // the file exists, but holds another study
        Path peak = dir.resolve(".hpo/Peak.db");
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> DashboardCommand.run(
                loader, null, "Other", StoreAccess.of(peak.toString()), DashboardAddress.onPort(0), dir, quiet));
        assertTrue(other.getMessage().contains("no study 'Other' in " + peak), other.getMessage());
    }

    private static String get(int port, String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
        c.setReadTimeout(10_000);
        assertEquals(200, c.getResponseCode());
        return new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
