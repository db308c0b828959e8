package org.hpo4j.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.hpo4j.report.ReportAsset;
import org.hpo4j.report.ReportData;
import org.hpo4j.report.ReportWriter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.store.SqliteStore;
import org.hpo4j.store.StudyStore;

/**
 * The live dashboard of one study: a page on the JDK's HTTP server that shows the study as its
 * store holds it and updates itself as evaluations start, report and end, pushed to the browser
 * as server-sent events. It reads the store only.
 *
 * <p>It answers its own paths only ({@code /}, {@code /report}, {@code /api/snapshot},
 * {@code /api/events}, {@code /assets/...}), to {@code GET} and {@code HEAD} only, and on a
 * loopback address only to requests that name a loopback host (so a web page elsewhere cannot
 * reach it through DNS rebinding). Its pages fill user text (study name, configuration values,
 * failure messages) in as text, never as markup, under a content security policy that allows this
 * server's own scripts only.
 */
public final class DashboardServer implements AutoCloseable {
    /** How often the store is read by default. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    /** At most this many pages receive events at once; more get 503 and fall back to polling. */
    static final int MAX_EVENT_STREAMS = 8;

    /** Paths longer than this are answered 404 unread. */
    static final int MAX_PATH = 200;

    /** Seconds between keep-alive comments on an idle event stream, which also notice closed pages. */
    static final long KEEP_ALIVE_MS = 15_000;

    private static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    // the full report is one self-contained page: its scripts and style are inline
    private static final String REPORT_POLICY = "default-src 'none'; script-src 'unsafe-inline';"
            + " style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static final Map<String, ReportAsset> REPORT_ASSETS = Map.of(
            "/assets/report.css", ReportAsset.STYLE,
            "/assets/errors.js", ReportAsset.ERRORS,
            "/assets/echarts.min.js", ReportAsset.ECHARTS,
            "/assets/charts.js", ReportAsset.CHARTS);
    private static final Map<String, String> OWN_ASSETS = Map.of(
            "/assets/dashboard.js", "text/javascript",
            "/assets/dashboard.css", "text/css");

    private final HttpServer server;
    private final ExecutorService threads;
    private final StudyWatcher watcher;
    private final DashboardAddress address;
    private final URI url;
    private final Set<String> hosts;
    private final AtomicInteger streams = new AtomicInteger();
    /** A store the dashboard opened for itself and closes with it; {@code null} for the caller's. */
    private StudyStore owned;

    private DashboardServer(HttpServer server, ExecutorService threads, StudyWatcher watcher, DashboardAddress address) {
        this.server = server;
        this.threads = threads;
        this.watcher = watcher;
        this.address = address;
        int port = server.getAddress().getPort();
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().isAnyLocalAddress() ? "127.0.0.1"
                : bound.getAddress() instanceof java.net.Inet6Address ? "[" + bound.getAddress().getHostAddress() + "]"
                : address.host();
        this.url = URI.create("http://" + host + ":" + port + "/");
        this.hosts = Set.copyOf(java.util.List.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port,
                host + ":" + port, address.host().toLowerCase(java.util.Locale.ROOT) + ":" + port));
    }

    /**
     * Starts the dashboard of the study this process runs in {@code running}: a SQLite store is read
     * through a read-only connection of its own (closed with the dashboard), so the study's
     * connection never waits for it; other stores are read through {@code running} itself (a
     * PostgreSQL read takes no lock a writer waits for, an in-memory store has no other reader).
     *
     * @see #start(StudyStore, String, SearchSpace, Planned, DashboardAddress, Consumer)
     */
    public static DashboardServer startBeside(StudyStore running, String study, SearchSpace space, Planned planned,
                                              DashboardAddress address, Consumer<String> notes) {
        if (!(running instanceof SqliteStore sqlite)) {
            return start(running, study, space, planned, address, notes);
        }
        SqliteStore reader = sqlite.openReadOnlyView();
        try {
            DashboardServer server = start(reader, study, space, planned, address, notes);
            server.owned = reader;
            return server;
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * Starts the dashboard of {@code study}, reading {@code store} every {@link #DEFAULT_INTERVAL}.
     *
     * @param store the study's store; read only, and left open (its owner closes it)
     * @param space the study's search space, for reading configurations back
     * @param planned what the study plans to spend, {@link Planned#UNKNOWN} when not known
     * @param notes told the warning when the address is not a loopback one
     * @throws IllegalArgumentException naming {@code hpo.dashboard} when the port is taken, or
     *     {@code hpo.dashboardHost} when the host is unknown
     */
    public static DashboardServer start(StudyStore store, String study, SearchSpace space, Planned planned,
                                        DashboardAddress address, Consumer<String> notes) {
        return start(store, study, space, planned, address, notes, DEFAULT_INTERVAL, Clock.systemUTC());
    }

    static DashboardServer start(StudyStore store, String study, SearchSpace space, Planned planned,
                                 DashboardAddress address, Consumer<String> notes, Duration interval, Clock clock) {
        InetSocketAddress socket = address.socketAddress();
        HttpServer server;
        try {
            server = HttpServer.create(socket, 16);
        } catch (IOException e) {
            throw new IllegalArgumentException("hpo.dashboard: cannot listen on " + address.host() + ":" + address.port()
                    + " (" + e.getMessage() + "); choose another port, or 0 for any free one", e);
        }
        StudyWatcher watcher = new StudyWatcher(store, study, space, planned, clock);
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(MAX_EVENT_STREAMS + 4, r -> {
            Thread t = new Thread(r, "hpo4j-dashboard-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        DashboardServer dashboard = new DashboardServer(server, threads, watcher, address);
        server.createContext("/", dashboard::handle);
        watcher.start(interval);
        server.start();
        if (!socket.getAddress().isLoopbackAddress()) {
            notes.accept("warning: the dashboard listens on " + address.host() + ", so other machines can open it: it "
                    + "shows every configuration and failure message of study " + study + " to anyone who can reach "
                    + "port " + dashboard.url.getPort() + ", without a password; leave hpo.dashboardHost unset to keep it "
                    + "on this machine (" + DashboardAddress.DEFAULT_HOST + ")");
        }
        return dashboard;
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}; with port 0 the port chosen. */
    public URI url() {
        return url;
    }

    /** How many pages receive events now. */
    int eventStreams() {
        return streams.get();
    }

    /** Stops the server and ends the event streams; the store stays open. */
    @Override
    public void close() {
        watcher.close();
        server.stop(0);
        threads.shutdownNow();
        if (owned != null) {
            owned.close();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            var headers = exchange.getResponseHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Cache-Control", "no-store");
            if (!hostAllowed(exchange.getRequestHeaders().getFirst("Host"))) {
                send(exchange, 421, "text/plain", "this dashboard answers requests for " + url + " only");
                return;
            }
            if (path == null || path.length() > MAX_PATH) {
                send(exchange, 404, "text/plain", "not found");
                return;
            }
            boolean known = path.equals("/") || path.equals("/report") || path.equals("/api/snapshot")
                    || path.equals("/api/events") || REPORT_ASSETS.containsKey(path) || OWN_ASSETS.containsKey(path);
            if (!known) {
                send(exchange, 404, "text/plain", "not found");
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                headers.set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain", "only GET and HEAD");
                return;
            }
            switch (path) {
                case "/" -> {
                    headers.set("Content-Security-Policy", PAGE_POLICY);
                    send(exchange, 200, "text/html", DashboardPage.html());
                }
                case "/report" -> report(exchange);
                case "/api/snapshot" -> send(exchange, 200, "application/json", watcher.current().json());
                case "/api/events" -> events(exchange);
                default -> {
                    ReportAsset asset = REPORT_ASSETS.get(path);
                    if (asset != null) {
                        send(exchange, 200, asset.contentType(), asset.text());
                    } else {
                        send(exchange, 200, OWN_ASSETS.get(path), DashboardPage.resource(path.substring("/assets/".length())));
                    }
                }
            }
        } catch (RuntimeException e) {
            // the server goes on; the message goes out as plain text, if the response has not begun
            try {
                send(exchange, 500, "text/plain", "error: " + e.getMessage());
            } catch (IOException | RuntimeException alreadyAnswered) {
                e.addSuppressed(alreadyAnswered);
            }
        }
    }

    /** On a loopback address, only requests that name this server (DNS rebinding cannot). */
    private boolean hostAllowed(String host) {
        if (!address.loopback()) {
            return true;
        }
        return host != null && hosts.contains(host.toLowerCase(java.util.Locale.ROOT));
    }

    /** The full report as of now (importance included), as {@code hpo:report} writes it. */
    private void report(HttpExchange exchange) throws IOException {
        ReportData data = watcher.data();
        if (data == null) {
            send(exchange, 503, "text/plain", "the study has not been read from its store yet; see the dashboard at /");
            return;
        }
        exchange.getResponseHeaders().set("Content-Security-Policy", REPORT_POLICY);
        send(exchange, 200, "text/html", ReportWriter.html(data));
    }

    /** Server-sent events: the current state at once, then each newer one as it comes. */
    private void events(HttpExchange exchange) throws IOException {
        if (streams.incrementAndGet() > MAX_EVENT_STREAMS) {
            streams.decrementAndGet();
            send(exchange, 503, "text/plain", "too many open dashboards; this one polls instead");
            return;
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            // a page that lost the stream reconnects after 2 s
            write(out, "retry: 2000\n\n");
            long seen = 0;
            while (!watcher.closed()) {
                Snapshot s = watcher.awaitNewer(seen, KEEP_ALIVE_MS);
                if (s.version() > seen) {
                    // the JSON is one line: JSON text escapes every line break inside strings
                    write(out, "id: " + s.version() + "\nevent: snapshot\ndata: " + s.json() + "\n\n");
                    seen = s.version();
                } else {
                    write(out, ": keep-alive\n\n");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException closedByPage) {
            // the page went away: nothing to do
        } finally {
            streams.decrementAndGet();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

}
