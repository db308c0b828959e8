package org.hpo4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report in headless Chromium (Debian's {@code chromium}) and checks that every chart
 * drew, no script failed, the table has its rows and no injected script ran. Saves a screenshot as
 * {@code target/report.png}.
 */
class ReportBrowserTest {
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path TARGET = Paths.get("target");

    @TempDir
    static Path work;

    private static ReportData data;
    private static Path page;
    private static String dom;

    @BeforeAll
    static void render() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "skipped: /usr/bin/chromium is absent; install Debian's chromium (apt-get install -y chromium) to run it");
        data = StudyFixtures.hyperband(StudyFixtures.HOSTILE_NAME, 7);
        Path dir = TARGET.resolve("report-browser-test").toAbsolutePath();
        page = Reports.write(data, dir);
        Path screenshot = TARGET.resolve("report.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        // one run both prints the DOM after the scripts ran and saves the screenshot
        dom = chromium(page, "--dump-dom", "--screenshot=" + screenshot);
        Files.writeString(dir.resolve("dom.html"), dom, StandardCharsets.UTF_8);
        assertTrue(Files.isRegularFile(screenshot) && Files.size(screenshot) > 10_000,
                "screenshot " + screenshot + " was not written");
    }

    /** Two objectives: one scatter with the front and the infeasible points, and the hypervolume; three: every pair. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"2, 1", "3, 3", "4, 6"})
    void severalObjectivesDrawTheFrontAndTheHypervolume(int objectives, int pairs) throws Exception {
        ReportData several = StudyFixtures.severalObjectives("several <objectives>", 5, 60, objectives);
        Path severalPage = Reports.write(several, TARGET.resolve("report-browser-test-mo" + objectives).toAbsolutePath());
        String severalDom = chromium(severalPage, "--dump-dom");
        Matcher errors = Pattern.compile("<div id=\"errors\" class=\"errors\"( hidden(=\"\")?)?>(.*?)</div>",
                Pattern.DOTALL).matcher(severalDom);
        assertTrue(errors.find() && errors.group(3).isBlank(), "script errors: " + errors.group(3));
        assertTrue(severalDom.contains("data-complete=\"true\""), "not all charts finished");
        Matcher charts = Pattern.compile("<div class=\"chart[^\"]*\" id=\"(chart-(pareto-\\d-\\d|hypervolume))\"([^>]*)>")
                .matcher(severalDom);
        int found = 0;
        while (charts.find()) {
            found++;
            Matcher painted = Pattern.compile("data-painted=\"(\\d+)\"").matcher(charts.group(3));
            assertTrue(painted.find() && Integer.parseInt(painted.group(1)) > 500,
                    charts.group(1) + " drew almost nothing: " + charts.group(3));
        }
        assertEquals(pairs + 1, found, "pair charts and the hypervolume chart");
    }

    @Test
    void aRandomSearchThatMaximizesRendersToo() throws Exception {
        ReportData random = StudyFixtures.randomSearch("random <search>", 3, 30);
        Path randomPage = Reports.write(random, TARGET.resolve("report-browser-test-random").toAbsolutePath());
        String randomDom = chromium(randomPage, "--dump-dom");
        assertTrue(randomDom.contains("data-complete=\"true\""), "not all charts finished");
        Matcher errors = Pattern.compile("<div id=\"errors\" class=\"errors\"( hidden(=\"\")?)?>(.*?)</div>",
                Pattern.DOTALL).matcher(randomDom);
        assertTrue(errors.find() && errors.group(3).isBlank(), "script errors: " + errors.group(3));
        assertTrue(randomDom.contains("id=\"chart-importance\""), "no importance chart");
        assertEquals(30, count(randomDom.substring(randomDom.indexOf("<tbody>")), "<tr"));
    }

    @Test
    void theTableSortsByValueWithBlanksLast() throws Exception {
        String sorted = chromium(page, "#sort=value:desc", "--dump-dom");
        String body = sorted.substring(sorted.indexOf("<tbody>"), sorted.indexOf("</tbody>"));
        Matcher values = Pattern.compile("<tr class=\"(\\w+)\">(?:<td[^>]*>[^<]*</td>){5}<td class=\"num\"(?: data-sort=\"([^\"]+)\")?>")
                .matcher(body);
        List<Double> seen = new ArrayList<>();
        int blanks = 0;
        while (values.find()) {
            if (values.group(2) == null) {
                blanks++;
            } else {
                assertEquals(0, blanks, "a value after a blank");
                seen.add(Double.parseDouble(values.group(2)));
            }
        }
        assertEquals(data.rows().size(), seen.size() + blanks);
        assertEquals(data.count(EvaluationState.FINISHED), seen.size());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i - 1) >= seen.get(i), "not descending at row " + i + ": " + seen);
        }
        assertTrue(sorted.contains("aria-sort=\"descending\">value</th>"), "the heading shows no sort");
    }

    @Test
    void noScriptErrors() {
        Matcher errors = Pattern.compile("<div id=\"errors\" class=\"errors\"( hidden(=\"\")?)?>(.*?)</div>",
                Pattern.DOTALL).matcher(dom);
        assertTrue(errors.find(), "the errors element is missing");
        assertEquals("", errors.group(3).trim(), "script errors on the page");
        assertTrue(errors.group(1) != null, "the errors element was shown");
    }

    @Test
    void everyChartRendered() {
        Matcher status = Pattern.compile("<p id=\"status\"[^>]*>").matcher(dom);
        assertTrue(status.find(), "no status element");
        String tag = status.group();
        assertTrue(tag.contains("data-complete=\"true\""), "not all charts finished: " + tag);

        Matcher charts = Pattern.compile("<div class=\"chart[^\"]*\" id=\"(chart-[a-z0-9-]+)\"([^>]*)>").matcher(dom);
        List<String> ids = new ArrayList<>();
        while (charts.find()) {
            String id = charts.group(1);
            String attributes = charts.group(2);
            ids.add(id);
            assertTrue(attributes.contains("data-rendered=\"true\""), id + " did not render: " + attributes);
            Matcher painted = Pattern.compile("data-painted=\"(\\d+)\"").matcher(attributes);
            assertTrue(painted.find(), id + " has no painted count");
            assertTrue(Integer.parseInt(painted.group(1)) > 500, id + " drew almost nothing: " + painted.group(1));
        }
        // two progress charts, budgets, learning curves, parallel coordinates, importance, four effects
        assertEquals(10, ids.size(), "charts: " + ids);
        assertTrue(ids.contains("chart-curves"), "charts: " + ids);
        assertTrue(ids.contains("chart-effect-3"), "charts: " + ids);
        int canvases = count(dom, "<canvas");
        assertTrue(canvases >= ids.size(), canvases + " canvases for " + ids.size() + " charts");
    }

    @Test
    void tableHasEveryEvaluation() {
        int start = dom.indexOf("<tbody>");
        int end = dom.indexOf("</tbody>");
        assertTrue(start > 0 && end > start, "no table body");
        assertEquals(data.rows().size(), count(dom.substring(start, end), "<tr"));
        assertTrue(dom.contains("<tr class=\"failed\">"), "the failed evaluation is not marked");
        assertTrue(dom.contains("<tr class=\"running\">"), "the running evaluation is not marked");
        assertTrue(dom.contains("<tr class=\"pending\">"), "the pending evaluation is not marked");
    }

    @Test
    void hostileStringsShowAsText() {
        assertFalse(dom.contains("<script>alert("), "an injected script element is in the page");
        assertTrue(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the categorical value does not show as text");
        assertTrue(dom.contains("&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;"),
                "the failure message does not show as text");
    }

    private static String chromium(Path file, String... modes) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "profile");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--window-size=1400,4400", "--virtual-time-budget=5000"));
        String fragment = "";
        for (String mode : modes) {
            if (mode.startsWith("#")) {
                fragment = mode;
            } else {
                command.add(mode);
            }
        }
        command.add(file.toUri() + fragment);
        Path log = Files.createTempFile(work, "chromium", ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + command);
        }
        assertEquals(0, process.exitValue(), () -> "chromium failed: " + command + "\n" + readQuietly(log));
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
