package org.hpo4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportWriterTest {
    private static final String DATA_OPEN = "<script type=\"application/json\" id=\"report-data\">";

    private static String dataBlock(String html) {
        int start = html.indexOf(DATA_OPEN);
        assertTrue(start > 0, "no data block");
        start += DATA_OPEN.length();
        return html.substring(start, html.indexOf("</script>", start));
    }

    @Test
    void userStringsAreEscapedInMarkup() {
        ReportData data = StudyFixtures.hyperband(StudyFixtures.HOSTILE_NAME, 3);
        String html = ReportWriter.html(data);
        // the page has exactly its own five script elements: the error catcher, the data, ECharts, the charts, the page
        Matcher scripts = Pattern.compile("<script", Pattern.CASE_INSENSITIVE).matcher(html);
        int count = 0;
        while (scripts.find()) {
            count++;
        }
        assertEquals(5, count);
        assertFalse(html.contains("alert(1)</script>"));
        assertTrue(html.contains("<title>hpo4j study &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"));
        assertTrue(html.contains("<span class=\"study-name\">&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</span>"));
        assertTrue(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"), "categorical value in the table");
        assertTrue(html.contains("<td class=\"failure\"><details><summary>java.lang.IllegalStateException: bad "
                + "&quot;quote&quot;, comma</summary>second line\r\n&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt; "
                + "&amp; \u2028 &#39;single&#39;</details></td>"), "failure message in the table");
    }

    @Test
    void embeddedDataCannotEndItsElementAndParsesBack() {
        ReportData data = StudyFixtures.hyperband(StudyFixtures.HOSTILE_NAME, 3);
        String json = dataBlock(ReportWriter.html(data));
        for (char c : new char[] {'<', '>', '&', '\u2028', '\u2029'}) {
            assertEquals(-1, json.indexOf(c), "unescaped " + (int) c + " in the data block");
        }
        JsonObject root = JsonParser.parseString(json).getAsJsonObject();
        assertEquals(StudyFixtures.HOSTILE_NAME, root.getAsJsonObject("study").get("name").getAsString());
        JsonArray choices = root.getAsJsonArray("params").get(2).getAsJsonObject().getAsJsonArray("choices");
        assertEquals(StudyFixtures.HOSTILE_CHOICE, choices.get(2).getAsString());
        JsonArray rows = root.getAsJsonArray("rows");
        assertEquals(data.rows().size(), rows.size());
        JsonObject failed = rows.get(5).getAsJsonObject();
        assertEquals("FAILED", failed.get("state").getAsString());
        assertEquals(StudyFixtures.HOSTILE_FAILURE, failed.get("failure").getAsString());
        assertTrue(root.get("importance").isJsonObject(), "importance estimated");
    }

    @Test
    void thePageIsSelfContainedAndDeterministic() {
        ReportData data = StudyFixtures.hyperband("plain", 11);
        String html = ReportWriter.html(data);
        assertEquals(html, ReportWriter.html(StudyFixtures.hyperband("plain", 11)));
        String library = ReportWriter.inlineScript(ReportWriter.resource(ReportWriter.echartsResource()));
        assertTrue(library.length() > 1_000_000 && html.contains(library), "ECharts is not inlined");
        // the library itself builds an <img src> for its save-as-image button; our own markup loads nothing
        String ours = html.replace(library, "");
        assertFalse(Pattern.compile("<(script|link|img|iframe)[^>]+(src|href)=", Pattern.CASE_INSENSITIVE)
                .matcher(ours).find(), "the page loads something from outside");
        assertFalse(ours.contains("http:") || ours.contains("https:"), "the page names a web address");
    }

    @Test
    void aStudyWithoutFinishedEvaluationsStillMakesAPage() {
        ReportData data = ExportsTest.threeRows();
        ReportData onlyRunning = new ReportData("empty", data.direction(), data.optimizer(), data.seed(), data.space(),
                data.rows().stream().filter(r -> r.state() == EvaluationState.RUNNING).toList());
        String html = ReportWriter.html(onlyRunning);
        assertFalse(html.contains("data-chart="), "charts without data");
        assertTrue(html.contains("No evaluation has finished yet."));
        assertTrue(html.contains("<tr class=\"running\">"));
    }

    @Test
    void scriptEndsInsideInlinedCodeAreBroken() {
        assertEquals("var s = '<\\/script>' + '<\\/SCRIPT>';",
                ReportWriter.inlineScript("var s = '</script>' + '</SCRIPT>';"));
    }

    @Test
    void severalObjectivesGetAParetoSectionWithTheFrontInThePageData() {
        ReportData data = StudyFixtures.severalObjectives("mo", 5, 60, 2);
        String html = ReportWriter.html(data);
        assertTrue(html.contains("<section id=\"pareto\">") && html.contains("data-chart=\"pareto\" data-x=\"0\" data-y=\"1\"")
                && html.contains("data-chart=\"hypervolume\""), "no Pareto section");
        assertTrue(html.contains("latencyMs &lt;= 20"), "the constraint is named");
        ParetoView view = ParetoView.of(data);
        assertFalse(view.front().isEmpty());
        // the front is feasible, at one budget, and nobody on it dominates another
        List<ParetoView.PointRow> front = view.points().stream().filter(p -> view.front().contains(p.jobId())).toList();
        for (ParetoView.PointRow a : front) {
            assertTrue(a.feasible());
            assertEquals(front.get(0).budget(), a.budget());
            for (ParetoView.PointRow b : front) {
                boolean dominates = a.objectives().get(0) <= b.objectives().get(0) && a.objectives().get(1) >= b.objectives().get(1)
                        && (a.objectives().get(0) < b.objectives().get(0) || a.objectives().get(1) > b.objectives().get(1));
                assertFalse(dominates, a + " dominates " + b);
            }
        }
        assertTrue(view.points().stream().anyMatch(p -> !p.feasible()), "some points break the bound");
        // hypervolume never falls as evaluations come in
        for (int i = 1; i < view.hypervolume().size(); i++) {
            assertTrue(view.hypervolume().get(i)[1] >= view.hypervolume().get(i - 1)[1]);
        }
        assertTrue(view.hypervolume().get(view.hypervolume().size() - 1)[1] > 0);

        String csv = Reports.csv(data);
        assertTrue(csv.lines().findFirst().orElseThrow().contains(",objective:error,objective:accuracy,constraint:latencyMs,param:"),
                csv.lines().findFirst().orElseThrow());
        JsonObject json = JsonParser.parseString(Reports.json(data)).getAsJsonObject();
        assertEquals(view.front().size(), json.getAsJsonArray("paretoFront").size());
        JsonObject firstFinished = json.getAsJsonArray("evaluations").get(0).getAsJsonObject();
        assertTrue(firstFinished.has("objectives") && firstFinished.getAsJsonObject("constraints").has("latencyMs"),
                firstFinished.toString());
    }
}
