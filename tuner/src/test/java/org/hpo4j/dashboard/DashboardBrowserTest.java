package org.hpo4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hpo4j.store.StudyStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the dashboard in headless Chromium (Debian's {@code chromium}), as the report's browser
 * test does, and watches the open page through the DevTools protocol: an evaluation that ends in
 * the store while the page is open appears in it without a reload, pushed by server-sent events.
 * Saves a screenshot as {@code target/dashboard.png}.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path TARGET = Paths.get("target");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path work;

    @Test
    void aNewEvaluationAppearsWithoutReloadingThePage() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "skipped: /usr/bin/chromium is absent; install Debian's chromium (apt-get install -y chromium) to run it");
        try (DashboardFixture fixture = new DashboardFixture(work, DashboardFixture.HOSTILE_NAME);
             StudyStore reader = open(fixture)) {
            try (DashboardServer server = DashboardServer.start(reader, fixture.study, DashboardFixture.SPACE,
                    Planned.UNKNOWN, DashboardAddress.onPort(0), note -> { }, Duration.ofMillis(100), Clock.systemUTC());
                 Browser browser = Browser.open(work, server.url())) {
                browser.waitFor("document.body.getAttribute('data-transport') === 'events'"
                        + " && document.querySelector('#recent-table tr[data-job=\"0\"]') !== null"
                        + " && document.querySelector('#running-table tr[data-job=\"1\"]') !== null");
                browser.evaluate("window.hpoTestMarker = 'the same page'");
                assertEquals("2", browser.evaluate("document.querySelector('#running-table tr[data-job=\"1\"]')"
                        + ".cells[4].textContent"), "the running evaluation's reports");

                // while the page is open: job 1 ends with the best value, job 2 starts and reports
                fixture.finish(1, 0.25);
                fixture.start(2);
                fixture.report(2, 1, 0.8);
                browser.waitFor("document.querySelector('#recent-table tr[data-job=\"1\"]') !== null"
                        + " && document.querySelector('#running-table tr[data-job=\"2\"]') !== null");

                assertEquals("the same page", browser.evaluate("window.hpoTestMarker"), "the page was reloaded");
                assertEquals("1", browser.evaluate("String(performance.getEntriesByType('navigation').length)"));
                String best = browser.evaluate("document.getElementById('best-value').textContent");
                assertTrue(best.startsWith("0.25 ") && best.contains("job 1"), best);
                assertEquals("", browser.evaluate("document.getElementById('errors').textContent"), "script errors");
                assertEquals("true", browser.evaluate("String(document.getElementById('chart-progress-cost')"
                        + ".getAttribute('data-rendered'))"), "the chart of value against cost did not draw");

                // user text shows as text: no element was made of it, no script of it ran
                assertEquals(DashboardFixture.HOSTILE_NAME, browser.evaluate("document.getElementById('study-name').textContent"));
                assertEquals("true", browser.evaluate("String(document.getElementById('recent-table').textContent"
                        + ".includes(" + quote(DashboardFixture.HOSTILE_CHOICE) + "))"));
                assertEquals("true", browser.evaluate("String(document.getElementById('recent-table').textContent"
                        + ".includes('</script><script>alert(2)</script>'))"), "the failure message");
                assertEquals("0", browser.evaluate("String(document.querySelectorAll('img').length)"));
                assertEquals("4", browser.evaluate("String(document.scripts.length)"), "only the page's own scripts");
                browser.screenshot(TARGET.resolve("dashboard.png"));
            }
        }
    }

    @Test
    void severalObjectivesShowTheFrontAsItGrows() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "skipped: /usr/bin/chromium is absent; install Debian's chromium (apt-get install -y chromium) to run it");
        try (DashboardFixture fixture = new DashboardFixture(work, "tradeoff", DashboardFixture.twoObjectives())) {
            double[][] points = {{0.30, 5}, {0.20, 9}, {0.25, 12}, {0.40, 3}};
            for (int id = 0; id < points.length; id++) {
                fixture.start(id);
                fixture.finish(id, points[id][0], points[id][1]);
            }
            try (StudyStore reader = fixture.reader();
                 DashboardServer server = DashboardServer.start(reader, fixture.study, DashboardFixture.SPACE,
                         Planned.UNKNOWN, DashboardAddress.onPort(0), note -> { }, Duration.ofMillis(100),
                         Clock.systemUTC());
                 Browser browser = Browser.open(work, server.url())) {
                browser.waitFor("!document.getElementById('pareto').hidden"
                        + " && document.getElementById('chart-pareto-0-1').getAttribute('data-rendered') === 'true'"
                        + " && document.getElementById('chart-hypervolume').getAttribute('data-rendered') === 'true'");
                String version = browser.evaluate("document.body.getAttribute('data-version')");
                // a point that dominates two of the front's arrives while the page is open
                fixture.start(4);
                fixture.finish(4, 0.15, 4);
                browser.waitFor("document.querySelector('#recent-table tr[data-job=\"4\"]') !== null");
                assertTrue(Long.parseLong(browser.evaluate("document.body.getAttribute('data-version')"))
                        > Long.parseLong(version), "no newer state shown");
                assertEquals("1", browser.evaluate("String(performance.getEntriesByType('navigation').length)"));
                assertEquals("1", browser.evaluate("String(document.querySelectorAll('#pareto-charts .chart').length)"),
                        "two objectives: one pair");
                assertEquals("", browser.evaluate("document.getElementById('errors').textContent"), "script errors");
                browser.screenshot(TARGET.resolve("dashboard-pareto.png"));
            }
        }
    }

    private static StudyStore open(DashboardFixture fixture) {
        fixture.start(0);
        fixture.report(0, 1, 0.9);
        fixture.finish(0, 0.5);
        fixture.start(1);
        fixture.report(1, 1, 0.7);
        fixture.report(1, 3, 0.6);
        fixture.start(3);
        fixture.fail(3, DashboardFixture.HOSTILE_FAILURE);
        return fixture.reader();
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Headless Chromium with the page open, driven through the DevTools protocol (JDK WebSocket). */
    private static final class Browser implements AutoCloseable {
        private final Process process;
        private final WebSocket socket;
        private final Map<Integer, CompletableFuture<JsonObject>> answers = new ConcurrentHashMap<>();
        private final AtomicInteger ids = new AtomicInteger();

        private Browser(Process process, WebSocket socket) {
            this.process = process;
            this.socket = socket;
        }

        static Browser open(Path work, URI page) throws Exception {
            Path profile = Files.createTempDirectory(work, "profile");
            List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
                    "--user-data-dir=" + profile, "--window-size=1400,2400", "--remote-debugging-port=0",
                    "--remote-allow-origins=*", page.toString()));
            Path log = Files.createTempFile(work, "chromium", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                Path portFile = profile.resolve("DevToolsActivePort");
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).isEmpty()) {
                    if (System.nanoTime() > deadline || !process.isAlive()) {
                        throw new AssertionError("chromium did not open its DevTools port: " + command + "\n"
                                + Files.readString(log));
                    }
                    TimeUnit.MILLISECONDS.sleep(100);
                }
                int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
                HttpClient http = HttpClient.newHttpClient();
                String target = null;
                while (target == null) {
                    String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                            .build(), HttpResponse.BodyHandlers.ofString()).body();
                    for (JsonElement e : JsonParser.parseString(list).getAsJsonArray()) {
                        JsonObject t = e.getAsJsonObject();
                        if (t.get("type").getAsString().equals("page") && t.get("url").getAsString().startsWith(page.toString())) {
                            target = t.get("webSocketDebuggerUrl").getAsString();
                        }
                    }
                    if (target == null) {
                        if (System.nanoTime() > deadline) {
                            throw new AssertionError("chromium shows no page " + page + ": " + list);
                        }
                        TimeUnit.MILLISECONDS.sleep(100);
                    }
                }
                Browser[] self = new Browser[1];
                WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(target), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            JsonObject message = JsonParser.parseString(text.toString()).getAsJsonObject();
                            text.setLength(0);
                            if (message.has("id")) {
                                self[0].answers.computeIfAbsent(message.get("id").getAsInt(), k -> new CompletableFuture<>())
                                        .complete(message);
                            }
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                self[0] = new Browser(process, socket);
                return self[0];
            } catch (Exception | AssertionError e) {
                destroy(process);
                throw e;
            }
        }

        private JsonObject call(String method, JsonObject params) throws Exception {
            int id = ids.incrementAndGet();
            JsonObject message = new JsonObject();
            message.addProperty("id", id);
            message.addProperty("method", method);
            message.add("params", params);
            CompletableFuture<JsonObject> answer = answers.computeIfAbsent(id, k -> new CompletableFuture<>());
            socket.sendText(message.toString(), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            JsonObject reply = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new AssertionError(method + " failed: " + reply.get("error"));
            }
            return reply.getAsJsonObject("result");
        }

        /** The value of a JavaScript expression in the page, as a string ({@code undefined} and {@code null} as such). */
        String evaluate(String expression) throws Exception {
            JsonObject params = new JsonObject();
            params.addProperty("expression", expression);
            params.addProperty("returnByValue", true);
            JsonObject result = call("Runtime.evaluate", params);
            if (result.has("exceptionDetails")) {
                throw new AssertionError(expression + " threw: " + result.get("exceptionDetails"));
            }
            JsonObject value = result.getAsJsonObject("result");
            return value.has("value") && !value.get("value").isJsonNull() ? value.get("value").getAsString()
                    : value.get("type").getAsString();
        }

        /** Waits until the expression is true in the page (one that throws, while the page loads, is not yet). */
        void waitFor(String expression) throws Exception {
            long deadline = System.nanoTime() + WAIT.toNanos();
            String last = "";
            while (true) {
                try {
                    last = evaluate("String(" + expression + ")");
                } catch (AssertionError notYet) {
                    last = notYet.getMessage();
                }
                if (last.equals("true")) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not true after " + WAIT.toSeconds() + " s (" + last + "): " + expression
                            + "\npage: " + evaluate("document.body ? document.body.innerText.slice(0, 3000) : ''"));
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }

        void screenshot(Path file) throws Exception {
            JsonObject result = call("Page.captureScreenshot", new JsonObject());
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, Base64.getDecoder().decode(result.get("data").getAsString()));
        }

        @Override
        public void close() {
            socket.abort();
            destroy(process);
        }

        private static void destroy(Process process) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
