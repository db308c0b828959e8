package org.hpo4j.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.Parameter;

/**
 * Writes a study as one self-contained HTML page: the charting library (Apache ECharts, read from
 * its WebJar on the class path, license header included), the page's script and style, and the data are all inlined, so the
 * file opens without a network.
 *
 * <p>User text (study name, categorical values, failure messages) is HTML-escaped where it is
 * markup, and the data the charts draw is embedded as JSON in a
 * {@code <script type="application/json">} element with {@code <}, {@code >}, {@code &}, U+2028 and
 * U+2029 escaped, so no user string can end that element or run as script.
 */
public final class ReportWriter {
    /** Where the ECharts WebJar says which version it holds. */
    static final String ECHARTS_POM_PROPERTIES = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

    /** How many of the most important parameters get a chart of their own. */
    static final int EFFECT_CHARTS = 4;

    private static final Pattern SCRIPT_END = Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE);

    private ReportWriter() {
    }

    /** Writes the page to {@code file}, creating its folder. */
    public static void write(ReportData data, Path file) throws IOException {
        Reports.write(data, ReportFormat.HTML, file);
    }

    /** The page as text. Deterministic: the same data gives the same page. */
    public static String html(ReportData data) {
        List<Progress.Trace> traces = Progress.traces(data);
        Optional<ImportanceEstimate> importance = Importance.estimate(data);
        boolean anyFinished = data.count(EvaluationState.FINISHED) > 0;
        boolean timesKnown = traces.stream().flatMap(t -> t.points().stream())
                .anyMatch(p -> !Double.isNaN(p.seconds()));

        StringBuilder h = new StringBuilder(1_200_000);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.append("<title>").append(Html.escape("hpo4j study " + data.studyName())).append("</title>\n");
        h.append("<style>\n").append(ReportAsset.STYLE.text()).append("</style>\n");
        h.append("</head>\n<body>\n");
        // first, so that errors of every later script are caught and shown
        h.append("<div id=\"errors\" class=\"errors\" hidden></div>\n");
        h.append("<script>\n").append(ReportAsset.ERRORS.text()).append("</script>\n");

        header(h, data);

        h.append("<section id=\"progress\">\n<h2>Best value so far</h2>\n");
        if (anyFinished) {
            h.append("<p class=\"note\">One line per budget: the best value among the evaluations at that budget "
                    + "finished so far.</p>\n<div class=\"pair\">\n");
            chart(h, "chart-progress-cost", "progress-cost", "");
            if (timesKnown) {
                chart(h, "chart-progress-time", "progress-time", "");
            } else {
                h.append("<p class=\"note\">No evaluation has a recorded end time: no chart against wall time.</p>\n");
            }
            h.append("</div>\n");
        } else {
            h.append("<p class=\"note\">No evaluation has finished yet.</p>\n");
        }
        h.append("</section>\n");

        if (data.criteria().isMultiObjective()) {
            pareto(h, data);
        }

        h.append("<section id=\"budgets\">\n<h2>Evaluations by budget</h2>\n");
        if (anyFinished) {
            h.append("<p class=\"note\">Every finished evaluation, coloured by bracket. A line joins the evaluations of "
                    + "one configuration across rungs: the promotions of successive halving. Failed evaluations are "
                    + "marked with a cross above the others.</p>\n");
            chart(h, "chart-budget", "budget", " wide");
        } else {
            h.append("<p class=\"note\">No evaluation has finished yet.</p>\n");
        }
        h.append("</section>\n");

        if (data.rows().stream().anyMatch(r -> r.intermediate().size() > 1)) {
            h.append("<section id=\"curves\">\n<h2>Learning curves</h2>\n<p class=\"note\">The values each evaluation "
                    + "reported on its way, coloured by bracket.</p>\n");
            chart(h, "chart-curves", "curves", " wide");
            h.append("</section>\n");
        }

        h.append("<section id=\"configurations\">\n<h2>Configurations</h2>\n");
        if (anyFinished && data.space().size() > 0) {
            h.append("<p class=\"note\">Each line is a configuration at the largest budget it finished, coloured by its "
                    + "value. The colours span the 5 % to 95 % quantiles of the values, so that an outlier does not "
                    + "wash them out; values beyond take the end colours. Log-scale parameters have log axes; an "
                    + "inactive parameter is skipped by its line.</p>\n");
            chart(h, "chart-parallel", "parallel", " wide");
        } else {
            h.append("<p class=\"note\">Nothing to show: no finished evaluation or no parameters.</p>\n");
        }
        h.append("</section>\n");

        h.append("<section id=\"importance\">\n<h2>Hyperparameter importance</h2>\n");
        if (importance.isPresent()) {
            ImportanceEstimate est = importance.get();
            h.append("<p class=\"note\">From a random forest fitted to the ").append(est.evaluations())
                    .append(" finished evaluations at budget ").append(Html.escape(Values.display(est.budget())))
                    .append(", read over the whole search space: the share of the variance of the objective that each "
                            + "parameter explains on its own (functional-ANOVA main effect; the rest is interactions). "
                            + "The charts below show the value against the most important parameters, with the "
                            + "estimated main effect (averaged over the other parameters) as a line. The main effects "
                            + "add up to ").append(String.format(Locale.ROOT, "%.0f", 100 * est.mainEffectsTotal()))
                    .append(" %; the rest is interactions and noise.</p>\n");
            if (!est.reliable()) {
                h.append("<p class=\"note warning\" id=\"importance-unreliable\"><strong>Unreliable:</strong> ")
                        .append(est.evaluations()).append(" evaluations for ").append(est.parameters().size())
                        .append(" parameters. An estimate like this needs about ")
                        .append(ImportanceEstimate.RELIABLE_PER_PARAMETER).append(" evaluations per parameter (here ")
                        .append(est.reliableEvaluations()).append("); with fewer the forest mostly fits noise. Read the "
                                + "bars as a hint at most.</p>\n");
            }
            chart(h, "chart-importance", "importance", "");
            h.append("<div class=\"grid\">\n");
            int shown = 0;
            for (ParameterImportance p : est.parameters()) {
                if (shown == EFFECT_CHARTS || p.activeEvaluations() == 0) {
                    break;
                }
                h.append("<div class=\"chart\" id=\"chart-effect-").append(shown)
                        .append("\" data-chart=\"effect\" data-parameter=\"").append(Html.escape(p.name()))
                        .append("\"></div>\n");
                shown++;
            }
            h.append("</div>\n");
        } else {
            h.append("<p class=\"note\">Not estimated: no budget has ").append(Importance.MIN_EVALUATIONS)
                    .append(" finished evaluations yet.</p>\n");
        }
        h.append("</section>\n");

        table(h, data);

        h.append("<script type=\"application/json\" id=\"report-data\">")
                .append(PageData.json(data, traces, importance.orElse(null)))
                .append("</script>\n");
        h.append("<script>\n").append(inlineScript(ReportAsset.ECHARTS.text())).append("\n</script>\n");
        h.append("<script>\n").append(ReportAsset.CHARTS.text()).append("</script>\n");
        h.append("<script>\n").append(resource("org/hpo4j/report/report.js")).append("</script>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /**
     * The trade-offs of several objectives: the objectives against each other (one chart for two,
     * every pair for three or four) with the Pareto front drawn and infeasible evaluations marked,
     * and the front's hypervolume against cost.
     */
    private static void pareto(StringBuilder h, ReportData data) {
        int m = data.criteria().objectives().size();
        h.append("<section id=\"pareto\">\n<h2>Pareto front</h2>\n");
        h.append("<p class=\"note\">Every finished evaluation with all its objectives; the front (feasible, "
                + "non-dominated at the largest budget a feasible evaluation reached) is joined by a line, "
                + "infeasible evaluations");
        if (!data.criteria().constraints().isEmpty()) {
            h.append(" (breaking ").append(Html.escape(data.criteria().constraints().toString())).append(")");
        }
        h.append(" are crosses. pareto.csv lists the front; mvn hpo:select -Dhpo.trial=&lt;job&gt; writes the "
                + "properties of any point.</p>\n<div class=\"grid\">\n");
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                h.append("<div class=\"chart\" id=\"chart-pareto-").append(i).append('-').append(j)
                        .append("\" data-chart=\"pareto\" data-x=\"").append(i).append("\" data-y=\"").append(j)
                        .append("\"></div>\n");
            }
        }
        h.append("</div>\n<p class=\"note\">Hypervolume of the front (objectives normalised to [0, 1] over the "
                + "feasible evaluations at the front's budget, reference point ").append(ParetoView.REFERENCE)
                .append(" in each) after each evaluation, against cumulative cost.</p>\n");
        chart(h, "chart-hypervolume", "hypervolume", "");
        h.append("</section>\n");
    }

    private static void header(StringBuilder h, ReportData data) {
        h.append("<header>\n<h1>Study <span class=\"study-name\">").append(Html.escape(data.studyName()))
                .append("</span></h1>\n<dl class=\"summary\">\n");
        item(h, "Direction", data.direction().name().toLowerCase(java.util.Locale.ROOT));
        item(h, "Optimizer", data.optimizer());
        item(h, "Seed", Long.toString(data.seed()));
        item(h, "Evaluations", data.rows().size() + " (" + data.count(EvaluationState.FINISHED) + " finished, "
                + data.count(EvaluationState.FAILED) + " failed, " + data.count(EvaluationState.RUNNING) + " running"
                + (data.count(EvaluationState.PENDING) > 0 ? ", " + data.count(EvaluationState.PENDING) + " pending" : "")
                + ")");
        Optional<ReportRow> best = data.best();
        if (best.isPresent()) {
            ReportRow b = best.get();
            item(h, "Best value", Values.display(b.value()) + " at budget " + Values.display(b.budget())
                    + " (job " + b.jobId() + ")");
            StringBuilder config = new StringBuilder();
            for (Parameter p : data.space().parameters()) {
                if (b.configuration().isActive(p.name())) {
                    if (config.length() > 0) {
                        config.append(", ");
                    }
                    Object v = b.configuration().get(p.name());
                    config.append(p.name()).append(" = ").append(v instanceof Double d && !(p instanceof CategoricalParameter)
                            ? Values.display(d) : Values.parameter(p, b.configuration()));
                }
            }
            item(h, "Best configuration", config.toString());
        }
        h.append("</dl>\n</header>\n");
        h.append("<p id=\"status\" class=\"status\">Drawing charts…</p>\n");
    }

    private static void item(StringBuilder h, String term, String text) {
        h.append("<dt>").append(Html.escape(term)).append("</dt><dd>").append(Html.escape(text)).append("</dd>\n");
    }

    private static void chart(StringBuilder h, String id, String kind, String extraClass) {
        h.append("<div class=\"chart").append(extraClass).append("\" id=\"").append(id)
                .append("\" data-chart=\"").append(kind).append("\"></div>\n");
    }

    private static void table(StringBuilder h, ReportData data) {
        h.append("<section id=\"table\">\n<h2>All evaluations</h2>\n");
        h.append("<p class=\"note\">Click a column heading to sort.</p>\n<div class=\"table-wrap\">\n");
        h.append("<table id=\"evaluations\" class=\"evaluations\">\n<thead><tr>");
        List<String> headings = new ArrayList<>(List.of("job", "config", "rung", "budget", "state", "value"));
        for (Parameter p : data.space().parameters()) {
            headings.add(p.name());
        }
        headings.addAll(List.of("duration (s)", "cost", "failure"));
        for (String heading : headings) {
            h.append("<th scope=\"col\">").append(Html.escape(heading)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (ReportRow r : data.rows()) {
            h.append("<tr class=\"").append(r.state().name().toLowerCase(java.util.Locale.ROOT)).append("\">");
            numberCell(h, r.jobId(), Integer.toString(r.jobId()));
            // sorts by iteration, then bracket, then index
            double configKey = (r.configId().iteration() * 1e4 + r.configId().bracket()) * 1e6 + r.configId().index();
            numberCell(h, configKey, r.configId().toString());
            numberCell(h, r.rung(), Integer.toString(r.rung()));
            numberCell(h, r.budget(), Values.display(r.budget()));
            h.append("<td>").append(r.state().name()).append(r.stoppedEarly() ? " (stopped early)" : "").append("</td>");
            numberCell(h, r.value(), Values.display(r.value()));
            for (Parameter p : data.space().parameters()) {
                String text = Values.parameter(p, r.configuration());
                if (p instanceof CategoricalParameter || text.isEmpty()) {
                    h.append("<td>").append(Html.escape(text)).append("</td>");
                } else {
                    double v = ((Number) r.configuration().get(p.name())).doubleValue();
                    numberCell(h, v, Values.display(v));
                }
            }
            numberCell(h, r.durationSeconds(), Values.display(r.durationSeconds()));
            numberCell(h, r.cost(), Values.display(r.cost()));
            failureCell(h, r.failure());
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    /** A failure's first line, with the rest (a stack trace, say) folded away. */
    private static void failureCell(StringBuilder h, String failure) {
        h.append("<td class=\"failure\">");
        if (failure != null) {
            String text = failure.strip();
            int newline = text.indexOf('\n');
            if (newline < 0) {
                h.append(Html.escape(text));
            } else {
                h.append("<details><summary>").append(Html.escape(text.substring(0, newline).stripTrailing()))
                        .append("</summary>").append(Html.escape(text.substring(newline + 1))).append("</details>");
            }
        }
        h.append("</td>");
    }

    private static void numberCell(StringBuilder h, double sortKey, String text) {
        h.append("<td class=\"num\"");
        if (!Double.isNaN(sortKey)) {
            h.append(" data-sort=\"").append(Values.exact(sortKey)).append('"');
        }
        h.append('>').append(Html.escape(text)).append("</td>");
    }

    /**
     * The data the charts of {@link ReportAsset#CHARTS} draw ({@code hpoCharts.of(data)}), as
     * JSON that is also safe inside an HTML {@code <script>} element: the study, its parameters,
     * every row with its intermediate values, the progress traces, the colour range and, for
     * several objectives, the front. Without the importance estimate, which the page only draws
     * when {@link #html} computes it.
     */
    public static String chartData(ReportData data) {
        return PageData.json(data, Progress.traces(data), null);
    }

    /** Keeps a script from ending its element early; {@code <\/script} means the same to JavaScript. */
    static String inlineScript(String script) {
        return SCRIPT_END.matcher(script).replaceAll(Matcher.quoteReplacement("<\\/") + "$1");
    }

    /** Where the ECharts WebJar keeps the bundled library; found from its version so only the pom names it. */
    static String echartsResource() {
        return "META-INF/resources/webjars/echarts/" + echartsVersion() + "/dist/echarts.min.js";
    }

    private static String echartsVersion() {
        Properties properties = new Properties();
        try (InputStream in = ReportWriter.class.getClassLoader().getResourceAsStream(ECHARTS_POM_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException(ECHARTS_POM_PROPERTIES + " is missing from the class path: the report "
                        + "needs the WebJar org.webjars.npm:echarts");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ECHARTS_POM_PROPERTIES, e);
        }
        return properties.getProperty("version");
    }

    static String resource(String name) {
        try (InputStream in = ReportWriter.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the class path"
                        + (name.contains("webjars") ? ": the report needs the WebJar org.webjars.npm:echarts" : ""));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }

    /** Describes a parameter's axis for the page's script. */
    static String kind(Parameter p) {
        if (p instanceof FloatParameter) {
            return "float";
        }
        if (p instanceof IntParameter) {
            return "int";
        }
        return "categorical";
    }
}
