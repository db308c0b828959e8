package org.hpo4j.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hpo4j.inject.StudyNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three commands of issue 13 that deleted a user's project, replayed on a temporary project:
 * every file the user had is still there, byte for byte, afterwards.
 */
class NothingDeletedTest {
    @TempDir
    Path dir;

    private ClassLoader loader() throws Exception {
        Path root = Files.createTempDirectory(dir, "cp");
        Path index = root.resolve(ObjectiveClasses.INDEX);
        Files.createDirectories(index.getParent());
        Files.writeString(index, Epochs.class.getName() + "\n");
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, getClass().getClassLoader());
    }

    /** A Maven project with sources, a pom, build output and docs. */
    private static Path project(Path at) throws IOException {
        Files.createDirectories(at.resolve("src/main/java/demo"));
        Files.writeString(at.resolve("src/main/java/demo/Train.java"), "class Train {}");
        Files.writeString(at.resolve("pom.xml"), "<project/>");
        Files.createDirectories(at.resolve("target/classes"));
        Files.writeString(at.resolve("target/classes/Train.class"), "cafebabe");
        Files.createDirectories(at.resolve("docs"));
        Files.writeString(at.resolve("docs/guide.md"), "# guide");
        return at;
    }

    /** Every regular file below {@code root} with its content. */
    private static Map<Path, String> files(Path root) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(p), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    private String tune(Path base, String study, String checkpointDir) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new Tuner(new PrintStream(console, true, StandardCharsets.UTF_8)).run(TuneRequest.builder().optimizer("hyperband")
                .seed(1).iterations(1).study(study).checkpointDir(Path.of(checkpointDir)).baseDirectory(base)
                .writeDate(false).fresh(true).build(), loader());
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dotDotAsStudyIsRefusedBeforeAnythingIsTouched() throws Exception {
        Path project = project(dir.resolve("work/proj"));
        Files.createDirectories(project.resolve("ckpt"));
        Map<Path, String> before = files(dir.resolve("work"));
        TuneException e = assertThrows(TuneException.class, () -> tune(project, "..", "ckpt"));
        assertTrue(e.getMessage().startsWith("hpo.study: '..' is not a valid study name: " + StudyNames.RULE), e.getMessage());
        assertEquals(before, files(dir.resolve("work")));
    }

    @Test
    void dotDotWithTheProjectAsCheckpointFolderKeepsTheParentAndItsSiblings() throws Exception {
        Path project = project(dir.resolve("work/parent/proj"));
        project(dir.resolve("work/parent/sibling"));
        Map<Path, String> before = files(dir.resolve("work"));
        assertThrows(TuneException.class, () -> tune(project, "..", "."));
        assertThrows(TuneException.class, () -> tune(project, ".", "."));
        assertThrows(TuneException.class, () -> tune(project, "../sibling", "."));
        assertEquals(before, files(dir.resolve("work")));
    }

    @Test
    void aStudyNamedLikeAFolderOfTheProjectLeavesTheFolderAlone() throws Exception {
        Path project = project(dir.resolve("work/proj"));
        Map<Path, String> before = files(project);
        String console = tune(project, "docs", ".");
        assertTrue(console.contains("hpo4j: warning: checkpoint folder " + project.resolve("./docs")
                + " was not created by hpo4j"), console);
        Map<Path, String> after = files(project);
        before.forEach((path, content) -> assertEquals(content, after.get(path), path::toString));
    }

    @Test
    void reportAndWorkerCheckTheStudyNameToo() throws Exception {
        Path project = project(dir.resolve("work/proj"));
        Map<Path, String> before = files(dir.resolve("work"));
        IllegalArgumentException report = assertThrows(IllegalArgumentException.class,
                () -> ReportCommand.run(loader(), null, "../../../elsewhere/x", StoreAccess.of(null), "html", null, project));
        assertTrue(report.getMessage().contains("hpo.study: '../../../elsewhere/x' is not a valid study name"),
                report.getMessage());
        StudyWorker worker = new StudyWorker(new PrintStream(new ByteArrayOutputStream()));
        TuneException join = assertThrows(TuneException.class, () -> worker.run(new StudyWorker.Request(null, "..",
                "jdbc:postgresql://127.0.0.1:1/none", null, null, 1, null, 60, project, null), loader()));
        assertTrue(join.getMessage().contains(StudyNames.RULE), join.getMessage());
        assertEquals(before, files(dir.resolve("work")));
    }

    @Test
    void unicodeNamesAreAcceptedInEitherNormalForm() throws Exception {
        Path project = project(dir.resolve("work/proj"));
        tune(project, "u\u0308ni-çødé", "ckpt");
        assertTrue(Files.exists(project.resolve(".hpo/\u00fcni-çødé.db")), "stored under the NFC name");
    }
}
