package org.hpo4j.report;

/**
 * The style and scripts of the report's page, read from the class path: inlined into
 * {@code report.html}, and served as files by the live dashboard, which draws the same charts.
 */
public enum ReportAsset {
    /** The page's style sheet. */
    STYLE("report.css", "text/css"),
    /** Collects script errors into the page's {@code #errors} element, as text. */
    ERRORS("errors.js", "text/javascript"),
    /** Apache ECharts, from its WebJar (license header included). */
    ECHARTS("echarts.min.js", "text/javascript"),
    /** The charts: {@code hpoCharts.of(data)} gives each chart's option from {@link ReportWriter#chartData}. */
    CHARTS("charts.js", "text/javascript");

    private final String fileName;
    private final String contentType;

    ReportAsset(String fileName, String contentType) {
        this.fileName = fileName;
        this.contentType = contentType;
    }

    /** The file's name, e.g. {@code charts.js}. */
    public String fileName() {
        return fileName;
    }

    /** Its media type, without the charset (the text is UTF-8). */
    public String contentType() {
        return contentType;
    }

    /**
     * The file's text.
     *
     * @throws IllegalStateException when it is missing from the class path (ECharts: the WebJar
     *     {@code org.webjars.npm:echarts})
     */
    public String text() {
        return ReportWriter.resource(this == ECHARTS ? ReportWriter.echartsResource() : "org/hpo4j/report/" + fileName);
    }
}
