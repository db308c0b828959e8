package org.hpo4j.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFolderTest {
    static final String CONFIG = "{\"x\":0.5}";

    @TempDir
    Path dir;

    /** The folder as an evaluation sees it, with the digest a study would have recorded for the previous budget. */
    CheckpointFolder at(double budget, double previous) {
        return new CheckpointFolder(dir.resolve("0-2-1"), budget, previous, CONFIG,
                CheckpointFolder.digest(dir.resolve("0-2-1"), previous).orElse(null));
    }

    List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("0-2-1"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aPromotionLoadsWhatTheRungBelowSaved() throws IOException {
        CheckpointFolder first = at(3, 0);
        assertEquals(Optional.empty(), first.load(ArrayList.class), "a first evaluation has nothing to continue");
        assertEquals(0, first.continuedFrom());
        first.save(new ArrayList<>(List.of("w", 3)));
        assertEquals(List.of("budget-3.ckpt"), files());

        CheckpointFolder promoted = at(9, 3);
        assertEquals(List.of("w", 3), promoted.load(ArrayList.class).orElseThrow());
        assertEquals(3, promoted.continuedFrom());
        promoted.save(new ArrayList<>(List.of("w", 9)));
        CheckpointFolder next = at(27, 9);
        assertEquals(List.of("w", 9), next.load(ArrayList.class).orElseThrow());
        next.save(new ArrayList<>(List.of("w", 27)));
        assertEquals(List.of("budget-27.ckpt", "budget-9.ckpt"), files(), "older rungs are dropped, no temp files stay");
    }

    @Test
    void aLeftoverAtTheCurrentBudgetIsNotMistakenForThePreviousState() {
        // a killed attempt at budget 9 saved before it died; the rerun must continue from 3, not 9
        at(3, 0).save(new byte[] {3});
        at(9, 3).save(new byte[] {9});
        CheckpointFolder rerun = at(9, 3);
        assertArrayEquals(new byte[] {3}, rerun.loadBytes().orElseThrow());
        assertEquals(Optional.empty(), at(27, 1).loadBytes(), "nothing was saved at budget 1");
    }

    @Test
    void anotherConfigurationsCheckpointIsIgnored() {
        at(3, 0).save(new byte[] {1});
        CheckpointFolder other = new CheckpointFolder(dir.resolve("0-2-1"), 9, 3, "{\"x\":0.7}",
                CheckpointFolder.digest(dir.resolve("0-2-1"), 3).orElseThrow());
        assertEquals(Optional.empty(), other.loadBytes());
        assertEquals(0, other.continuedFrom(), "a miss is a restart");
    }

    @Test
    void aWrongTypeIsAClearError() {
        at(3, 0).save("text");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> at(9, 3).load(Integer.class));
        assertTrue(e.getMessage().contains("budget-3.ckpt") && e.getMessage().contains("java.lang.String")
                && e.getMessage().contains("java.lang.Integer"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> at(9, 3).loadBytes());
        assertTrue(e.getMessage().contains("loadCheckpoint(Class)"), e.getMessage());
    }

    @Test
    void aStateThatCannotBeSerializedNamesItsClass() {
        class Opaque implements java.io.Serializable {
            final Object lock = new Object();
        }
        Exception e = assertThrows(java.io.UncheckedIOException.class, () -> at(3, 0).save(new Opaque()));
        assertTrue(e.getMessage().contains("Opaque"), e.getMessage());
    }

    @Test
    void aFileThatDoesNotReadWholeIsARestart() throws IOException {
        at(3, 0).save(new byte[] {1, 2, 3, 4});
        Path file = dir.resolve("0-2-1").resolve("budget-3.ckpt");
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 2));
        CheckpointFolder next = at(9, 3);
        assertEquals(Optional.empty(), next.loadBytes());
        assertEquals(0, next.continuedFrom());
        Files.write(file, new byte[0]);
        assertEquals(Optional.empty(), at(9, 3).loadBytes());
    }

    @Test
    void deleteAllRemovesWhatHpo4jWroteAndTheFoldersItEmptied() throws IOException {
        at(3, 0).save(new byte[] {1});
        at(9, 3).save(new byte[] {2});
        assertTrue(Files.isRegularFile(dir.resolve(CheckpointRoot.MARKER)), "the folder hpo4j created is marked");
        List<String> warnings = new ArrayList<>();
        CheckpointRoot.deleteAll(dir, warnings::add);
        assertTrue(Files.notExists(dir));
        assertEquals(List.of(), warnings);
        CheckpointRoot.deleteAll(dir.resolve("never-made"), warnings::add);
        assertEquals(List.of(), warnings);
    }

    @Test
    void deleteAllLeavesEverythingElseAndSaysSo() throws IOException {
        at(3, 0).save(new byte[] {1});
        Path own = Files.writeString(dir.resolve("0-2-1").resolve("weights.bin"), "the objective's own file");
        Path notes = Files.writeString(dir.resolve("notes.txt"), "the user's");
        Path folder = Files.createDirectories(dir.resolve("src"));
        List<String> warnings = new ArrayList<>();
        CheckpointRoot.deleteAll(dir, warnings::add);
        assertTrue(Files.notExists(dir.resolve("0-2-1").resolve("budget-3.ckpt")));
        assertTrue(Files.exists(own) && Files.exists(notes) && Files.isDirectory(folder));
        assertTrue(Files.exists(dir.resolve(CheckpointRoot.MARKER)), "still hpo4j's, for the next clean-up");
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("left 3 file(s)"), warnings::toString);
    }

    @Test
    void aFolderHpo4jDidNotCreateIsNeverCleaned() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Path pom = Files.writeString(project.resolve("pom.xml"), "<project/>");
        // a folder named like a configuration's, holding a file named like a checkpoint
        Path lookalike = Files.createDirectories(project.resolve("0-0-0")).resolve("budget-1.ckpt");
        Files.writeString(lookalike, "not hpo4j's");
        List<String> warnings = new ArrayList<>();
        CheckpointRoot.deleteAll(project, warnings::add);
        assertTrue(Files.exists(pom) && Files.exists(lookalike));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("was not created by hpo4j"), warnings::toString);

        // saving into it later does not claim it either
        new CheckpointFolder(project.resolve("1-0-0"), 3, 0, CONFIG, null).save(new byte[] {1});
        assertTrue(Files.notExists(project.resolve(CheckpointRoot.MARKER)));
    }
}
