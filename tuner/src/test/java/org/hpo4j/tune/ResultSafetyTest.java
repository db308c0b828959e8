package org.hpo4j.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results outlive mvn clean, and a worse one never silently replaces a better file. */
class ResultSafetyTest {
    @TempDir
    Path dir;

    private ClassLoader loader() throws Exception {
        return IndexedClasses.loader(dir, org.hpo4j.inject.TunableNet.class);
    }

    private TuneRequest.Builder request() {
        return TuneRequest.builder().optimizer("random").baseDirectory(dir).seed(7).maxEvaluations(6).writeDate(false);
    }

    private static String run(TuneRequest request, ClassLoader loader) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new Tuner(new PrintStream(console, true, StandardCharsets.UTF_8)).run(request, loader);
        return console.toString(StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void theStudyIsStoredOutsideTargetSoThatMvnCleanKeepsIt() throws Exception {
        ClassLoader loader = loader();
        run(request().build(), loader);
        assertTrue(Files.isRegularFile(dir.resolve(".hpo/TunableNet.db")));
        deleteTree(dir.resolve("target")); // what mvn clean does
        String again = run(request().build(), loader);
        assertEquals(0, again.lines().filter(l -> l.startsWith("[")).count(), "nothing ran again:\n" + again);
        assertTrue(again.contains("finished: 6 evaluations"), again);
    }

    @Test
    void aStudyAtTheOldLocationIsReadThereWithANote() throws Exception {
        ClassLoader loader = loader();
        run(request().build(), loader);
        Files.createDirectories(dir.resolve("target/hpo"));
        Files.move(dir.resolve(".hpo/TunableNet.db"), dir.resolve("target/hpo/TunableNet.db"));
        String again = run(request().build(), loader);
        assertTrue(again.contains("hpo4j: note: study TunableNet is stored at the old location target/hpo/TunableNet.db,"
                + " which mvn clean deletes; it is used there. To keep it, move it: mkdir -p .hpo && mv"
                + " target/hpo/TunableNet.db .hpo/"), again);
        assertEquals(0, again.lines().filter(l -> l.startsWith("[")).count(), "resumed, not started over:\n" + again);
        assertFalse(Files.exists(dir.resolve(".hpo/TunableNet.db")), "no second store was started");
    }

    @Test
    void aWorseResultGoesNextToTheBetterFileUnlessOverwriteIsAsked() throws Exception {
        ClassLoader loader = loader();
        run(request().build(), loader);
        Path file = dir.resolve("src/main/resources/hpo/org.hpo4j.inject.TunableNet.properties");
        // a better result of the same class at the same budget, as an earlier study would have left it
        String better = Files.readString(file).replaceFirst("# objective: [^ ]+ ", "# objective: 1.0E-9 ");
        Files.writeString(file, better);

        String out = run(request().study("other").seed(8).build(), loader);
        Path next = dir.resolve("src/main/resources/hpo/org.hpo4j.inject.TunableNet.new.properties");
        assertEquals(better, Files.readString(file), "the better file is kept");
        assertTrue(Files.readString(next).contains("# study: other"), "the new result is next to it");
        assertTrue(out.contains("hpo4j: warning: " + file + " holds a better result (objective 1.0E-9 at budget 27)")
                && out.contains("it is kept, and the new result goes to org.hpo4j.inject.TunableNet.new.properties."
                + " -Dhpo.overwrite=true replaces it"), out);
        assertTrue(out.contains("hpo4j: wrote src/main/resources/hpo/org.hpo4j.inject.TunableNet.new.properties"), out);

        run(request().study("third").seed(9).overwrite(true).build(), loader);
        assertTrue(Files.readString(file).contains("# study: third"), "hpo.overwrite replaces the file");
    }

    @Test
    void aResultAtALargerBudgetReplacesOneAtASmallerBudget() throws Exception {
        ClassLoader loader = loader();
        run(request().build(), loader);
        Path file = dir.resolve("src/main/resources/hpo/org.hpo4j.inject.TunableNet.properties");
        // what an interrupted study leaves: a better-looking value, at a small budget
        Files.writeString(file, Files.readString(file).replaceFirst("# objective: [^ ]+ ", "# objective: 1.0E-9 ")
                .replace("# budget: 27 (epochs)", "# budget: 3 (epochs)"));
        run(request().study("full").build(), loader);
        assertTrue(Files.readString(file).contains("# study: full"), Files.readString(file));
        assertFalse(Files.exists(dir.resolve("src/main/resources/hpo/org.hpo4j.inject.TunableNet.new.properties")));
    }
}
