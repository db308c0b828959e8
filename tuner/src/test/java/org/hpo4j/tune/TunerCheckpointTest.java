package org.hpo4j.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hpo.checkpoints and hpo.checkpointDir reach the study. */
class TunerCheckpointTest {
    @TempDir
    Path dir;

    ClassLoader loader() throws Exception {
        Path root = Files.createTempDirectory(dir, "cp");
        Path index = root.resolve(ObjectiveClasses.INDEX);
        Files.createDirectories(index.getParent());
        Files.writeString(index, Epochs.class.getName() + "\n");
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, getClass().getClassLoader());
    }

    TuneSummary tune(TuneRequest.Builder request, ByteArrayOutputStream console) throws Exception {
        Epochs.TRAINED.set(0);
        return new Tuner(new PrintStream(console, true, StandardCharsets.UTF_8))
                .run(request.optimizer("hyperband").seed(4).iterations(1).baseDirectory(dir).writeDate(false).fresh(true)
                        .build(), loader());
    }

    @Test
    void checkpointsCanBeSwitchedOffAndMoved() throws Exception {
        ByteArrayOutputStream on = new ByteArrayOutputStream();
        TuneSummary continued = tune(TuneRequest.builder(), on);
        int continuedEpochs = Epochs.TRAINED.get();
        assertFalse(Files.exists(dir.resolve("target/hpo/Epochs/checkpoints")), "checkpoints are gone at the end");
        assertTrue(on.toString(StandardCharsets.UTF_8).contains("(continued from 3)"), on.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream off = new ByteArrayOutputStream();
        TuneSummary restarted = tune(TuneRequest.builder().checkpoints(false), off);
        int restartedEpochs = Epochs.TRAINED.get();
        assertFalse(off.toString(StandardCharsets.UTF_8).contains("continued from"));

        // cost counts epochs here: each one trained is charged once
        assertEquals(continuedEpochs / 9.0, continued.cost(), 1e-9);
        assertEquals(restartedEpochs / 9.0, restarted.cost(), 1e-9);
        assertTrue(continuedEpochs < restartedEpochs, continuedEpochs + " vs " + restartedEpochs);
        assertEquals(restarted.best(), continued.best(), "the same trials either way");

        tune(TuneRequest.builder().checkpointDir(Path.of("shared")).keepCheckpoints(true), new ByteArrayOutputStream());
        assertTrue(Files.isDirectory(dir.resolve("shared/Epochs")), "one folder per study under hpo.checkpointDir");
        assertTrue(Files.isRegularFile(dir.resolve("shared/Epochs").resolve(org.hpo4j.objective.CheckpointRoot.MARKER)),
                "hpo.keepCheckpoints keeps them");
    }
}
