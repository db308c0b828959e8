package org.hpo4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hpo4j.inject.TunableNetInjector;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.store.SqliteStore;
import org.hpo4j.study.StoppingRule;
import org.hpo4j.study.Study;
import org.hpo4j.tune.ObjectiveClasses;
import org.hpo4j.tune.ReportCommand;
import org.hpo4j.tune.StoreAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path project;

    /** The test classes plus an objective index naming TunableNet, as the processor would write it. */
    private ClassLoader loader(String... more) throws Exception {
        Path root = Files.createTempDirectory(project, "cp");
        Path index = root.resolve(ObjectiveClasses.INDEX);
        Files.createDirectories(index.getParent());
        Files.writeString(index, "org.hpo4j.inject.TunableNet\n" + String.join("\n", more) + "\n");
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, getClass().getClassLoader());
    }

    /** Tunes TunableNet's space into the default store, as hpo:tune keeps it. */
    private void tune(int evaluations) {
        try (SqliteStore store = SqliteStore.open(project.resolve("target/hpo/TunableNet.db"), false)) {
            Study study = Study.builder(TunableNetInjector.SPACE).name("TunableNet")
                    .optimizer("hyperband", new Fidelity(1, 27), 2).seed(2).store(store)
                    .workDirectory(project.resolve("target/hpo")).build();
            study.optimize((c, context) -> Math.abs(Math.log10(c.getDouble("learningRate")) + 2) + 1 / context.budget(),
                    StoppingRule.maxEvaluations(evaluations));
        }
    }

    @Test
    void writesTheThreeFilesOfTheStoredStudy() throws Exception {
        tune(20);
        List<Path> written = ReportCommand.run(loader(), null, null, StoreAccess.of(null), null, null, project);
        Path folder = project.resolve("target/hpo/TunableNet");
        assertEquals(List.of(folder.resolve("report.html"), folder.resolve("evaluations.csv"),
                folder.resolve("evaluations.json")), written);
        assertEquals(21, CsvParser.parse(Files.readString(written.get(1))).size(), "header and 20 evaluations");
        assertTrue(Files.readString(written.get(0)).contains("<span class=\"study-name\">TunableNet</span>"));
    }

    @Test
    void aNamedStudyPicksItsClassAmongSeveralByTheStoredSearchSpace() throws Exception {
        tune(5);
        // a project with two objective classes: the study's space is TunableNet's, not Peak's
        ClassLoader two = loader("org.hpo4j.tune.Peak");
        List<Path> written = ReportCommand.run(two, null, "TunableNet", StoreAccess.of(null), "csv", null, project);
        assertEquals(6, CsvParser.parse(Files.readString(written.get(0))).size());
        // without a study name there is nothing to tell them apart: the usual question
        org.hpo4j.tune.TuneException ask = assertThrows(org.hpo4j.tune.TuneException.class,
                () -> ReportCommand.run(two, null, null, StoreAccess.of(null), "csv", null, project));
        assertTrue(ask.getMessage().contains("-Dhpo.objective"), ask.getMessage());
    }

    @Test
    void writesOneFormatToAChosenFile() throws Exception {
        tune(5);
        List<Path> written = ReportCommand.run(loader(), "org.hpo4j.inject.TunableNet", "TunableNet", StoreAccess.of(null), "JSON",
                Path.of("out/evaluations.json"), project);
        assertEquals(List.of(project.resolve("out/evaluations.json")), written);
        assertTrue(Files.readString(written.get(0)).contains("\"study\": \"TunableNet\""));
        assertFalse(Files.exists(project.resolve("target/hpo/TunableNet/report.html")));
    }

    @Test
    void badParametersAndMissingStudiesAreNamed() throws Exception {
        ClassLoader loader = loader();
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class,
                () -> ReportCommand.run(loader, null, null, StoreAccess.of(null), "pdf", null, project));
        assertTrue(format.getMessage().startsWith("hpo.format: unknown report format 'pdf'"), format.getMessage());
        IllegalArgumentException output = assertThrows(IllegalArgumentException.class,
                () -> ReportCommand.run(loader, null, null, StoreAccess.of(null), null, Path.of("x.csv"), project));
        assertTrue(output.getMessage().startsWith("hpo.output needs hpo.format"), output.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ReportCommand.run(loader, null, null, StoreAccess.of(null), null, null, project));
        assertTrue(missing.getMessage().contains("no stored study 'TunableNet'")
                && missing.getMessage().contains("TunableNet.db"), missing.getMessage());
        assertFalse(Files.exists(project.resolve("target/hpo/TunableNet.db")), "an empty store was created");
        assertFalse(Files.exists(project.resolve(".hpo/TunableNet.db")), "an empty store was created");
        IllegalArgumentException memory = assertThrows(IllegalArgumentException.class,
                () -> ReportCommand.run(loader, null, null, StoreAccess.of("memory"), null, null, project));
        assertTrue(memory.getMessage().startsWith("hpo.storage: 'memory'"), memory.getMessage());

        tune(3);
        IllegalArgumentException otherStudy = assertThrows(IllegalArgumentException.class,
                () -> ReportCommand.run(loader, null, "Other", StoreAccess.of(project.resolve("target/hpo/TunableNet.db").toString()),
                        null, null, project));
        assertTrue(otherStudy.getMessage().contains("no study 'Other'"), otherStudy.getMessage());
    }
}
