package org.hpo4j.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a study's report: the HTML page and the CSV and JSON exports. The entry point for
 * {@code hpo:report} and for the end of {@code hpo:tune}.
 */
public final class Reports {
    private Reports() {
    }

    /**
     * Writes {@code report.html}, {@code evaluations.csv} and {@code evaluations.json} into
     * {@code dir}, creating it. Each file is written whole and then moved into place, so a reader
     * never sees half a file.
     *
     * @return the page's path
     */
    public static Path write(ReportData data, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (ReportFormat format : ReportFormat.values()) {
            write(data, format, dir.resolve(format.defaultFileName()));
        }
        return dir.resolve(ReportFormat.HTML.defaultFileName());
    }

    /** Writes one form of the report to {@code file}, creating its folder. */
    public static void write(ReportData data, ReportFormat format, Path file) throws IOException {
        String text = switch (format) {
            case HTML -> ReportWriter.html(data);
            case CSV -> csv(data);
            case JSON -> json(data);
        };
        writeAtomically(file, text);
    }

    /** Writes the evaluations as CSV to {@code file}. */
    public static void writeCsv(ReportData data, Path file) throws IOException {
        write(data, ReportFormat.CSV, file);
    }

    /** Writes the evaluations as JSON to {@code file}. */
    public static void writeJson(ReportData data, Path file) throws IOException {
        write(data, ReportFormat.JSON, file);
    }

    /**
     * The evaluations as CSV (RFC 4180, CRLF line ends): fixed columns {@code job_id, iteration,
     * bracket, index, rung, budget, previous_budget, state, value, failure, start, end,
     * duration_seconds, cost}, then one column {@code param:NAME} per parameter, empty where the
     * parameter is inactive or a value is unknown.
     */
    public static String csv(ReportData data) {
        return Exports.csv(data);
    }

    /**
     * The evaluations as a JSON object: the study's identity and an array {@code evaluations}, one
     * object per evaluation (ids, state, budgets, value, failure, times, cost, parameters,
     * intermediate values).
     */
    public static String json(ReportData data) {
        return Exports.json(data);
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        // not createTempFile: its owner-only permissions would stay with the moved file
        Path temp = folder.resolve("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + "."
                + System.nanoTime() + ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            try {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
