package org.hpo4j.report;

import java.util.Arrays;
import java.util.Locale;

/** The forms a report can be written in. */
public enum ReportFormat {
    /** The self-contained page with charts, {@code report.html}. */
    HTML("report.html"),
    /** One record per evaluation, {@code evaluations.csv}. */
    CSV("evaluations.csv"),
    /** One object per evaluation, {@code evaluations.json}. */
    JSON("evaluations.json");

    private final String defaultFileName;

    ReportFormat(String defaultFileName) {
        this.defaultFileName = defaultFileName;
    }

    /** The file name {@link Reports#write(ReportData, java.nio.file.Path)} uses in the report folder. */
    public String defaultFileName() {
        return defaultFileName;
    }

    /**
     * The format called {@code name}, ignoring case.
     *
     * @throws IllegalArgumentException naming the value and the known formats
     */
    public static ReportFormat parse(String name) {
        for (ReportFormat f : values()) {
            if (f.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown report format '" + name + "'; known: "
                + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
    }
}
