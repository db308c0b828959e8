package org.hpo4j.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The dashboard's page: a fixed shell without any study text in it; its script fills everything
 * in from the snapshots, as text ({@code textContent}), so no user string is ever parsed as markup.
 */
final class DashboardPage {
    private DashboardPage() {
    }

    static String html() {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>hpo4j dashboard</title>
                <link rel="stylesheet" href="/assets/report.css">
                <link rel="stylesheet" href="/assets/dashboard.css">
                </head>
                <body data-version="0">
                <div id="errors" class="errors" hidden></div>
                <script src="/assets/errors.js"></script>
                <header>
                <h1>Study <span id="study-name" class="study-name"></span> <span id="live" class="live">connecting</span></h1>
                <p class="note">A live view of <span id="location"></span>, read-only: it updates itself as evaluations \
                start, report and end. <a href="/report">The full report as of now</a>.</p>
                <p id="store-error" class="note warning" hidden></p>
                <dl class="summary" id="summary"></dl>
                </header>
                <section id="running">
                <h2>Running evaluations</h2>
                <p class="note" id="running-none">None.</p>
                <div class="table-wrap"><table class="evaluations" id="running-table" hidden>
                <thead><tr><th>job</th><th>configuration</th><th>budget</th><th>running for</th><th>reports</th>\
                <th>last report (step: value)</th></tr></thead><tbody></tbody></table></div>
                <div class="chart wide" id="chart-running" data-chart="curves" hidden></div>
                </section>
                <section id="charts">
                <h2>Values against cost and budget</h2>
                <div class="pair">
                <div class="chart" id="chart-progress-cost" data-chart="progress-cost"></div>
                <div class="chart" id="chart-budget" data-chart="budget"></div>
                </div>
                <div id="pareto" hidden><h2>Pareto front</h2><div class="grid" id="pareto-charts"></div>
                <div class="chart" id="chart-hypervolume" data-chart="hypervolume"></div></div>
                </section>
                <section id="recent">
                <h2>Ended evaluations</h2>
                <p class="note" id="recent-note">None yet.</p>
                <div class="table-wrap"><table class="evaluations" id="recent-table" hidden>
                <thead><tr><th>job</th><th>state</th><th>configuration</th><th>budget</th><th>value</th><th>cost</th>\
                <th>ended</th><th>failure</th></tr></thead><tbody></tbody></table></div>
                </section>
                <script src="/assets/echarts.min.js"></script>
                <script src="/assets/charts.js"></script>
                <script src="/assets/dashboard.js"></script>
                </body>
                </html>
                """;
    }

    /** A file of the dashboard's own ({@code dashboard.js}, {@code dashboard.css}). */
    static String resource(String file) {
        String name = "org/hpo4j/dashboard/" + file;
        try (InputStream in = DashboardPage.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
