package org.hpo4j.tune;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hpo4j.inject.Injector;
import org.hpo4j.inject.StudyNames;
import org.hpo4j.report.ReportData;
import org.hpo4j.report.ReportFormat;
import org.hpo4j.report.Reports;
import org.hpo4j.report.StudyReports;
import org.hpo4j.store.StudyStore;
import org.hpo4j.store.StudyStores;

/**
 * What {@code mvn hpo:report} does, without Maven: finds the objective class on a class path (for
 * its search space and default study name), reads its study from the store {@code hpo:tune} wrote
 * and writes the report. The Maven plugin only builds the class loader and the parameters.
 */
public final class ReportCommand {
    /** Where studies and their reports live under the project's folder, as {@code hpo:tune} keeps them. */
    public static final String HPO_FOLDER = "target/hpo";

    private ReportCommand() {
    }

    /**
     * Writes the report of a stored study.
     *
     * @param loader sees the project's compiled classes, with the processor's objective index
     * @param objective the objective class ({@code hpo.objective}); {@code null} when there is only one
     * @param study the study's name ({@code hpo.study}); {@code null} for the class's study name
     * @param storage where the study is stored ({@code hpo.storage}); {@code null} for the default
     *     SQLite file {@code target/hpo/<study>.db}
     * @param format {@code html}, {@code csv} or {@code json} ({@code hpo.format}) to write one file;
     *     {@code null} for all three in {@code target/hpo/<study>/}
     * @param output the file for a single format ({@code hpo.output}), relative to
     *     {@code baseDirectory}; {@code null} for {@code target/hpo/<study>/<default name>}
     * @param baseDirectory the project's folder
     * @return the files written
     * @throws IllegalArgumentException naming the {@code hpo.*} parameter at fault, or when there is
     *     no such stored study; {@link org.hpo4j.tune.TuneException} when the objective class cannot be
     *     found or loaded
     * @throws UncheckedIOException when a file cannot be written
     */
    public static List<Path> run(ClassLoader loader, String objective, String study, String storage, String format,
                                 Path output, Path baseDirectory) {
        ReportFormat single = null;
        if (format != null && !format.isBlank()) {
            try {
                single = ReportFormat.parse(format);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("hpo.format: " + e.getMessage(), e);
            }
        } else if (output != null) {
            throw new IllegalArgumentException("hpo.output needs hpo.format (html, csv or json): without it the "
                    + "report's three files go to " + HPO_FOLDER + "/<study>/");
        }
        String className = ObjectiveClasses.choose(ObjectiveClasses.list(loader), objective);
        Injector<?> injector = ObjectiveClasses.load(className, loader).injector();
        String name = StudyNames.resolve(study != null && !study.isBlank() ? study : null, injector);
        Path hpo = baseDirectory.resolve(HPO_FOLDER);
        checkStorageHasData(storage, hpo, name);

        ReportData data;
        try (StudyStore store = StudyStores.open(storage, hpo, name, false)) {
            data = StudyReports.fromStore(store, name, injector.space());
        }
        Path folder = hpo.resolve(name);
        try {
            if (single == null) {
                List<Path> written = new ArrayList<>();
                Reports.write(data, folder);
                for (ReportFormat f : ReportFormat.values()) {
                    written.add(folder.resolve(f.defaultFileName()));
                }
                return written;
            }
            Path file = output != null ? baseDirectory.resolve(output) : folder.resolve(single.defaultFileName());
            Reports.write(data, single, file);
            return List.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report of study '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Refuses stores that cannot hold the study, before opening one would create an empty file. */
    static void checkStorageHasData(String storage, Path hpo, String study) {
        String s = storage == null ? "" : storage.trim();
        if (s.equals("memory")) {
            throw new IllegalArgumentException("hpo.storage: 'memory' keeps nothing after hpo:tune ends, so there is "
                    + "no study to report; tune with the default storage or a file");
        }
        Path file = null;
        if (s.isEmpty()) {
            file = hpo.resolve(study + ".db");
        } else if (s.startsWith("jdbc:sqlite:") && !s.contains(":memory:") && !s.startsWith("jdbc:sqlite:file:")) {
            file = Path.of(s.substring("jdbc:sqlite:".length()));
        } else if (s.toLowerCase(Locale.ROOT).endsWith(".db")) {
            file = Path.of(s);
        }
        if (file != null && !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no stored study '" + study + "': " + file + " does not exist; run "
                    + "mvn hpo:tune first" + (s.isEmpty() ? "" : " with the same hpo.storage") + ", or set hpo.study");
        }
    }
}
