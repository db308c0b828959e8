package org.hpo4j.tune;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hpo4j.inject.Injector;
import org.hpo4j.inject.StudyNames;
import org.hpo4j.report.ReportData;
import org.hpo4j.report.ReportFormat;
import org.hpo4j.report.Reports;
import org.hpo4j.report.StudyReports;
import org.hpo4j.store.StudyDefinition;
import org.hpo4j.store.StudyStore;
import org.hpo4j.store.StudyStores;
import org.hpo4j.store.StorageLocation;

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
     * @param study the study's name ({@code hpo.study}); {@code null} for the class's study name. When
     *     the project has several objective classes and {@code objective} is {@code null}, the class
     *     is the one whose search space the stored study has
     * @param store where the study is stored ({@code hpo.storage}, {@code hpo.storageServer},
     *     {@code hpo.storeOutage}); a {@code null} storage for the default SQLite file
     *     {@code .hpo/<study>.db} (or {@code target/hpo/<study>.db}, where older versions kept it)
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
    public static List<Path> run(ClassLoader loader, String objective, String study, StoreAccess store, String format,
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
        List<String> classes = ObjectiveClasses.list(loader);
        boolean named = study != null && !study.isBlank();
        Injector<?> injector = named && (objective == null || objective.isBlank()) && classes.size() > 1
                ? classOfStudy(loader, classes, study, store, baseDirectory)
                : ObjectiveClasses.load(ObjectiveClasses.choose(classes, objective), loader).injector();
        String name = StudyNames.resolve(named ? study : null, injector);
        Path hpo = baseDirectory.resolve(HPO_FOLDER);
        Path stores = StudyStores.defaultDirectory(baseDirectory, name, note -> { });
        ReportData data;
        try (StudyStore opened = openExisting(store, stores, name)) {
            data = StudyReports.fromStore(opened, name, injector.space());
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

    /**
     * The objective class of a stored study when the project has several and none is named: the one
     * whose search space is the study's.
     *
     * @throws org.hpo4j.tune.TuneException when none or several classes fit, naming them
     */
    static Injector<?> classOfStudy(ClassLoader loader, List<String> classes, String study, StoreAccess store,
                                            Path baseDirectory) {
        Path stores = StudyStores.defaultDirectory(baseDirectory, study, note -> { });
        Optional<StudyDefinition> stored;
        try (StudyStore opened = openExisting(store, stores, study)) {
            stored = opened.find(study);
        }
        if (stored.isEmpty()) {
            throw new IllegalArgumentException("no stored study '" + study + "' in " + stores + "; run mvn hpo:tune first,"
                    + " or set hpo.storage");
        }
        List<Injector<?>> fitting = new ArrayList<>();
        for (String c : classes) {
            Injector<?> candidate = ObjectiveClasses.load(c, loader).injector();
            if (stored.get().hasSpace(candidate.space().describe())) {
                fitting.add(candidate);
            }
        }
        if (fitting.size() == 1) {
            return fitting.get(0);
        }
        // none or several fit: the usual choice, which names the classes and asks for hpo.objective
        return ObjectiveClasses.load(ObjectiveClasses.choose(fitting.isEmpty() ? classes
                : fitting.stream().map(i -> i.type().getName()).toList(), null), loader).injector();
    }

    /**
     * Opens the store of a study that should exist; refuses stores that cannot hold it first
     * ({@link #checkStorageHasData}).
     */
    static StudyStore openExisting(StoreAccess store, Path defaultDirectory, String study) {
        checkStorageHasData(store.storage(), defaultDirectory, study);
        return store.open(defaultDirectory, study, false, note -> { });
    }

    /** Refuses stores that cannot hold the study, before opening one would create an empty file. */
    static void checkStorageHasData(String storage, Path hpo, String study) {
        StorageLocation location = StorageLocation.parse(storage);
        if (location instanceof StorageLocation.Memory) {
            throw new IllegalArgumentException("hpo.storage: 'memory' keeps nothing after hpo:tune ends, so there is "
                    + "no study to report; tune with the default storage or a file");
        }
        Optional<Path> file = location.sqliteFile(hpo, study);
        if (file.isPresent() && !Files.isRegularFile(file.get())) {
            throw new IllegalArgumentException("no stored study '" + study + "': " + file.get() + " does not exist; run "
                    + "mvn hpo:tune first" + (location instanceof StorageLocation.DefaultFile ? "" : " with the same hpo.storage")
                    + ", or set hpo.study");
        }
    }
}
