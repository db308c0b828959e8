package org.hpo4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hpo4j.store.StudyStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's server over a real SQLite study: its paths, its JSON and events, its defences. */
class DashboardServerTest {
    @TempDir
    Path dir;

    private DashboardFixture fixture;
    private StudyStore reader;
    private DashboardServer server;
    private final List<String> notes = new ArrayList<>();

    @BeforeEach
    void start() {
        fixture = new DashboardFixture(dir, DashboardFixture.HOSTILE_NAME);
        fixture.start(0);
        fixture.finish(0, 0.5);
        fixture.start(1);
        fixture.fail(1, DashboardFixture.HOSTILE_FAILURE);
        fixture.start(2);
        fixture.report(2, 1, 0.9);
        fixture.report(2, 3, 0.7);
        reader = fixture.reader();
        server = DashboardServer.start(reader, fixture.study, DashboardFixture.SPACE,
                new Planned(10, false, 5, Duration.ofHours(1)), DashboardAddress.onPort(0), notes::add,
                Duration.ofMillis(100), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.close();
        reader.close();
        fixture.close();
    }

    @Test
    void bindsTheLoopbackAddressOnAFreePortAndSaysNothing() throws IOException {
        assertEquals("127.0.0.1", server.url().getHost());
        assertTrue(server.url().getPort() > 0);
        assertTrue(notes.isEmpty(), notes.toString());
        // not reachable on another address of this machine
        InetAddress other = InetAddress.getLocalHost();
        if (!other.isLoopbackAddress()) {
            assertThrows(IOException.class, () -> new Socket(other, server.url().getPort()).close());
        }
    }

    @Test
    void theSnapshotHasProgressTheIncumbentAndTheRunningEvaluationsReports() throws IOException {
        Response r = get("/api/snapshot");
        assertEquals(200, r.status);
        assertTrue(r.type.startsWith("application/json"), r.type);
        JsonObject s = JsonParser.parseString(r.body).getAsJsonObject();
        assertEquals(DashboardFixture.HOSTILE_NAME, s.getAsJsonObject("study").get("name").getAsString());
        JsonObject p = s.getAsJsonObject("progress");
        assertEquals(2, p.get("done").getAsInt());
        assertEquals(1, p.get("failed").getAsInt());
        assertEquals(1, p.get("running").getAsInt());
        assertEquals(5, p.get("plannedCost").getAsDouble());
        assertEquals(10, p.get("plannedEvaluations").getAsInt());
        assertEquals(0, s.get("incumbent").getAsInt());
        JsonArray rows = s.getAsJsonObject("charts").getAsJsonArray("rows");
        assertEquals(3, rows.size());
        JsonObject running = rows.get(2).getAsJsonObject();
        assertEquals("RUNNING", running.get("state").getAsString());
        assertEquals("[[1,0.9],[3,0.7]]", running.get("steps").toString());
        assertEquals(DashboardFixture.HOSTILE_FAILURE, rows.get(1).getAsJsonObject().get("failure").getAsString());
        // user text is escaped in the JSON text itself, so it is safe even where it is read as HTML
        assertFalse(r.body.contains("<"), "a raw < in the JSON");
        assertFalse(r.body.contains("\n"), "the JSON spans lines: it would not fit one event");
    }

    @Test
    void eventsPushANewEvaluationWithoutBeingAsked() throws Exception {
        HttpURLConnection c = open("/api/events");
        c.setReadTimeout(10_000);
        assertEquals(200, c.getResponseCode());
        assertTrue(c.getContentType().startsWith("text/event-stream"), c.getContentType());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
            JsonObject first = nextSnapshot(in);
            assertEquals(3, first.getAsJsonObject("charts").getAsJsonArray("rows").size());
            assertEquals(1, server.eventStreams());
            fixture.finish(2, 0.25);
            fixture.start(3);
            JsonObject second = nextSnapshot(in);
            assertTrue(second.get("version").getAsLong() > first.get("version").getAsLong());
            JsonArray rows = second.getAsJsonObject("charts").getAsJsonArray("rows");
            assertEquals(4, rows.size());
            assertEquals("FINISHED", rows.get(2).getAsJsonObject().get("state").getAsString());
            assertEquals(2, second.get("incumbent").getAsInt(), "the new best");
        } finally {
            c.disconnect();
        }
    }

    @Test
    void theStoreIsOnlyReadWhileTheStudyGoesOn() throws IOException {
        // the study keeps writing while the dashboard reads: nothing waits, nothing is refused
        for (int id = 3; id < 40; id++) {
            fixture.start(id);
            fixture.report(id, 1, 1.0 / id);
            fixture.finish(id, 1.0 / id);
            if (id % 10 == 0) {
                assertEquals(200, get("/api/snapshot").status);
            }
        }
        assertEquals(40, fixture.writer.jobs(fixture.study).size());
        assertThrows(IllegalStateException.class, () -> reader.setStudyFinished(fixture.study, true),
                "the dashboard's store refuses writes");
        assertFalse(fixture.writer.isStudyFinished(fixture.study));
    }

    @Test
    void thePageAndItsFilesCarryNoStudyTextAndAStrictPolicy() throws IOException {
        Response page = get("/");
        assertEquals(200, page.status);
        assertTrue(page.type.startsWith("text/html"), page.type);
        assertFalse(page.body.contains("alert"), "study text in the page's markup");
        String policy = page.headers.getHeaderField("Content-Security-Policy");
        assertTrue(policy.contains("script-src 'self'") && !policy.contains("script-src 'self' 'unsafe-inline'"), policy);
        assertEquals("nosniff", page.headers.getHeaderField("X-Content-Type-Options"));
        for (String asset : List.of("/assets/echarts.min.js", "/assets/charts.js", "/assets/dashboard.js",
                "/assets/errors.js", "/assets/report.css", "/assets/dashboard.css")) {
            Response r = get(asset);
            assertEquals(200, r.status, asset);
            assertTrue(r.body.length() > 100, asset);
        }
        Response report = get("/report");
        assertEquals(200, report.status);
        assertTrue(report.body.contains("&lt;/script&gt;&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;"),
                "the full report escapes the study name");
    }

    @Test
    void answersOnlyItsOwnPathsAndMethods() throws IOException {
        for (String path : List.of("/etc/passwd", "/assets/../../pom.xml", "/assets/", "/api", "/favicon.ico",
                "/" + "a".repeat(5000))) {
            assertEquals(404, get(path).status, path);
        }
        HttpURLConnection post = open("/api/snapshot");
        post.setRequestMethod("POST");
        post.setDoOutput(true);
        post.getOutputStream().write("x".getBytes(StandardCharsets.UTF_8));
        assertEquals(405, post.getResponseCode());
        assertEquals("GET, HEAD", post.getHeaderField("Allow"));
    }

    @Test
    void refusesRequestsForOtherHostsOnLoopback() throws IOException {
        // what a browser sends when a page of evil.example rebinds its name to 127.0.0.1
        try (Socket socket = new Socket("127.0.0.1", server.url().getPort())) {
            socket.getOutputStream().write(("GET /api/snapshot HTTP/1.1\r\nHost: evil.example:" + server.url().getPort()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 421"), answer);
            assertFalse(answer.contains("lr"), answer);
        }
        assertEquals(200, get("/api/snapshot").status, "127.0.0.1 itself is fine");
    }

    @Test
    void aHostOtherThanLoopbackIsWarnedAbout() {
        List<String> warned = new ArrayList<>();
        try (DashboardServer open = DashboardServer.start(reader, fixture.study, DashboardFixture.SPACE, Planned.UNKNOWN,
                new DashboardAddress("0.0.0.0", 0), warned::add)) {
            assertEquals(1, warned.size(), warned.toString());
            assertTrue(warned.get(0).contains("other machines") && warned.get(0).contains("hpo.dashboardHost"),
                    warned.get(0));
            assertEquals("127.0.0.1", open.url().getHost(), "the printed address opens on this machine");
        }
    }

    @Test
    void aTakenPortOrABadAddressIsNamed() {
        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class, () -> DashboardServer.start(
                reader, fixture.study, DashboardFixture.SPACE, Planned.UNKNOWN,
                DashboardAddress.onPort(server.url().getPort()), notes::add));
        assertTrue(taken.getMessage().startsWith("hpo.dashboard:") && taken.getMessage().contains(
                String.valueOf(server.url().getPort())), taken.getMessage());
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class, () -> new DashboardAddress(null, 70_000));
        assertTrue(port.getMessage().contains("hpo.dashboard") && port.getMessage().contains("70000"), port.getMessage());
        IllegalArgumentException host = assertThrows(IllegalArgumentException.class, () -> DashboardServer.start(
                reader, fixture.study, DashboardFixture.SPACE, Planned.UNKNOWN,
                new DashboardAddress("no-such-host.invalid", 0), notes::add));
        assertTrue(host.getMessage().contains("hpo.dashboardHost") && host.getMessage().contains("no-such-host.invalid"),
                host.getMessage());
    }

    @Test
    void aStudyTheStoreDoesNotHoldIsNamedWithTheStore() throws IOException {
        try (DashboardServer other = DashboardServer.start(reader, "another-study", DashboardFixture.SPACE,
                Planned.UNKNOWN, DashboardAddress.onPort(0), notes::add, Duration.ofMillis(100), Clock.systemUTC())) {
            Response r = get(other.url(), "/api/snapshot");
            JsonObject study = JsonParser.parseString(r.body).getAsJsonObject().getAsJsonObject("study");
            String error = study.get("error").getAsString();
            assertTrue(error.contains("'another-study'") && error.contains(fixture.file.toString()), error);
        }
    }

    @Test
    void besideARunningSqliteStudyItReadsThroughAConnectionOfItsOwn() throws IOException {
        try (DashboardServer beside = DashboardServer.startBeside(fixture.writer, fixture.study, DashboardFixture.SPACE,
                Planned.UNKNOWN, DashboardAddress.onPort(0), notes::add)) {
            assertTrue(get(beside.url(), "/api/snapshot").body.contains("\"done\":2,"));
        }
        // closing the dashboard closed its own connection only: the study writes on
        fixture.start(3);
        fixture.finish(3, 0.1);
        assertEquals(4, fixture.writer.jobs(fixture.study).size());
    }

    @Test
    void theTimeLeftFollowsThePlannedCostAndTheLimit() {
        Planned plan = new Planned(0, false, 10, Duration.ofSeconds(1000));
        assertEquals(400, Snapshot.remaining(plan, 2, 100), 1e-9, "8 more at 50 s each");
        assertEquals(100, Snapshot.remaining(plan, 2, 900), 1e-9, "the limit comes first");
        assertTrue(Double.isNaN(Snapshot.remaining(Planned.UNKNOWN, 2, 100)));
    }

    private static JsonObject nextSnapshot(BufferedReader in) throws IOException {
        String event = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ") && "snapshot".equals(event)) {
                return JsonParser.parseString(line.substring(6)).getAsJsonObject();
            }
        }
        throw new AssertionError("the event stream ended");
    }

    private record Response(int status, String type, String body, HttpURLConnection headers) {
    }

    private Response get(String path) throws IOException {
        return get(server.url(), path);
    }

    private static Response get(URI base, String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + base.getPort() + path).openConnection();
        c.setConnectTimeout(5_000);
        c.setReadTimeout(10_000);
        int status = c.getResponseCode();
        var stream = status < 400 ? c.getInputStream() : c.getErrorStream();
        String body = stream == null ? "" : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        return new Response(status, String.valueOf(c.getContentType()), body, c);
    }

    private HttpURLConnection open(String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + server.url().getPort() + path)
                .openConnection();
        c.setConnectTimeout(5_000);
        return c;
    }

    static void sleep(long ms) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(ms);
    }
}
