package org.hpo4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.hpo4j.execute.CountingObjective;
import org.hpo4j.objective.CheckpointFolder;
import org.hpo4j.objective.CheckpointRoot;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.store.ConfigurationCodec;
import org.hpo4j.store.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint folders may be shared between machines: a file someone else put there is never
 * deserialized unless the study recorded its digest, and even then only the expected class and
 * what it is built from is instantiated, within limits. Either way the evaluation starts from
 * scratch, with a warning, instead of hanging or running foreign code.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // the crafted checkpoint used to spin until the evaluation timeout
class HostileCheckpointTest {
    static final String CONFIG = "{\"x\":0.5}";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream previousErr;

    @BeforeEach
    void captureWarnings() {
        previousErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        Gadget.RAN = false;
    }

    @AfterEach
    void restore() {
        System.setErr(previousErr);
    }

    String warnings() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Nested sets sharing their elements: hashing the outermost one costs 2^depth (SerialDOS). */
    static Set<Object> nestedSets(int depth) {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < depth; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("x"); // t1 != t2
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return root;
    }

    /** A checkpoint file as CheckpointFolder writes it, holding {@code state} serialized, for configuration {@code owner}. */
    static byte[] checkpointFile(Object state, String owner) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(payload)) {
            out.writeObject(state);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(file)) {
            byte[] o = owner.getBytes(StandardCharsets.UTF_8);
            out.writeInt(0x48504F43);
            out.writeByte(2);
            out.writeInt(o.length);
            out.write(o);
            out.writeInt(payload.size());
            out.write(payload.toByteArray());
        }
        return file.toByteArray();
    }

    /** A class with a side effect when deserialized, standing for a gadget of some library on the class path. */
    static final class Gadget implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean RAN;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            RAN = true;
        }
    }

    /** Plants {@code state} as the checkpoint at budget 3 and records its digest, as if the store was compromised too. */
    CheckpointFolder planted(Object state) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("0-0-0"));
        Files.write(folder.resolve("budget-3.ckpt"), checkpointFile(state, CONFIG));
        return new CheckpointFolder(folder, 9, 3, CONFIG, CheckpointFolder.digest(folder, 3).orElseThrow());
    }

    @Test
    void aPlantedFileWithoutTheRecordedDigestIsNeverDeserialized() throws IOException {
        CheckpointFolder honest = new CheckpointFolder(dir.resolve("0-0-0"), 3, 0, CONFIG, null);
        honest.save(7);
        String recorded = CheckpointFolder.digest(dir.resolve("0-0-0"), 3).orElseThrow();
        Files.write(dir.resolve("0-0-0/budget-3.ckpt"), checkpointFile(new Gadget(), CONFIG));
        CheckpointFolder promoted = new CheckpointFolder(dir.resolve("0-0-0"), 9, 3, CONFIG, recorded);
        assertEquals(Optional.empty(), promoted.load(Integer.class));
        assertEquals(0, promoted.continuedFrom(), "a refused checkpoint is a start from scratch");
        assertFalse(Gadget.RAN);
        assertTrue(warnings().contains("is not the file the study wrote"), warnings());

        CheckpointFolder unrecorded = new CheckpointFolder(dir.resolve("0-0-0"), 9, 3, CONFIG, null);
        assertEquals(Optional.empty(), unrecorded.loadBytes());
        assertTrue(warnings().contains("has no digest in the study store"), warnings());
    }

    @Test
    void nestedSetsAreRefusedWhereTheStateHoldsNone() throws IOException {
        CheckpointFolder folder = planted(nestedSets(100));
        assertEquals(Optional.empty(), folder.load(Integer.class));
        assertEquals(0, folder.continuedFrom());
        assertTrue(warnings().contains("class java.util.HashSet is not what the expected class is built from"), warnings());
    }

    @Test
    void nestedSetsAreRefusedBeforeHashingThemWhereSetsAreExpected() throws IOException {
        CheckpointFolder folder = planted(nestedSets(100));
        assertEquals(Optional.empty(), folder.load(HashSet.class));
        assertTrue(warnings().contains("collections nested 17 deep (at most 16)"), warnings());
    }

    @Test
    void classesOfOtherCodeSourcesAreRefusedBeforeTheyRun() throws IOException {
        Map<String, Object> state = new HashMap<>();
        state.put("weights", new Gadget());
        CheckpointFolder folder = planted(new Holder(state));
        assertEquals(Optional.empty(), folder.load(Integer.class));
        assertFalse(Gadget.RAN, "refused before it was instantiated");
    }

    /** A state whose field says only Map<String, Object>. */
    static final class Holder implements Serializable {
        private static final long serialVersionUID = 1L;
        final Map<String, Object> values;

        Holder(Map<String, Object> values) {
            this.values = values;
        }
    }

    /** A training state as users write them: arrays, lists, maps, an abstract field with a subclass of the project. */
    abstract static class Layer implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    static final class Dense extends Layer {
        private static final long serialVersionUID = 1L;
        final double[][] weights = {{1, 2}, {3, 4}};
    }

    record Step(int epoch, String note) implements Serializable {
    }

    static final class Net implements Serializable {
        private static final long serialVersionUID = 1L;
        final List<Layer> layers = new ArrayList<>(List.of(new Dense(), new Dense()));
        final Map<String, Double> metrics = new HashMap<>(Map.of("loss", 0.25));
        final Set<String> seen = new HashSet<>(Set.of("a", "b"));
        final List<Step> history = List.of(new Step(1, "warm-up"), new Step(3, "decay"));
        final Object anything = new ArrayList<>(List.of(1, "two", 3.0));
        Optimizer optimizer = Optimizer.ADAM;
    }

    enum Optimizer { SGD, ADAM }

    @Test
    void whatTheStateIsBuiltFromIsAdmitted() throws IOException {
        Net loaded = planted(new Net()).load(Net.class).orElseThrow(() -> new AssertionError(warnings()));
        assertEquals(2, loaded.layers.size());
        assertEquals(4, ((Dense) loaded.layers.get(1)).weights[1][1], 0);
        assertEquals(0.25, loaded.metrics.get("loss"), 0);
        assertEquals(Set.of("a", "b"), loaded.seen);
        assertEquals(new Step(3, "decay"), loaded.history.get(1));
        assertEquals(List.of(1, "two", 3.0), loaded.anything);
        assertEquals(Optimizer.ADAM, loaded.optimizer);
        assertEquals("", warnings());
    }

    /**
     * Through a study: after the first rung ends (its digest recorded), someone replaces each
     * checkpoint with nested sets; every promotion then trains from scratch and is charged in full.
     */
    @Test
    void aStudyWhoseCheckpointsWereReplacedTrainsFromScratch() throws IOException {
        Path root = dir.resolve("checkpoints");
        StudyListener attacker = new StudyListener() {
            @Override
            public void evaluationFinished(Evaluation e) {
                Path file = CheckpointRoot.of(root, e.job().configId()).resolve("budget-" + (long) e.job().budget() + ".ckpt");
                if (!Files.isDirectory(file.getParent())) {
                    return; // the largest budget: its checkpoints are gone already
                }
                try {
                    Files.write(file, checkpointFile(nestedSets(100), ConfigurationCodec.encode(e.job().configuration())));
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            }
        };
        CountingObjective.EPOCHS.clear();
        StudyResult result;
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"), false)) {
            result = Study.builder(CountingObjective.SPACE).name("attacked").optimizer("hyperband", CheckpointStudyTest.SETTINGS_FIDELITY, CheckpointStudyTest.SETTINGS_SEED, CheckpointStudyTest.SETTINGS_BRACKETS)
                    .seed(3).workDirectory(dir).checkpointDirectory(root).store(store).listener(attacker).build()
                    .optimize(new CountingObjective(), progress -> false);
        }
        long promotions = result.evaluations().stream().filter(e -> e.job().previousBudget() > 0).count();
        assertTrue(promotions > 3, "hyperband promotes");
        for (Evaluation e : result.evaluations()) {
            assertFalse(e.isFailure(), e.toString());
            assertFalse(e.continued(), "no promotion continued from a replaced file: " + e.job());
            assertEquals(e.job().budget() / CheckpointStudyTest.MAX, e.cost(), 1e-12, "charged in full");
        }
        assertTrue(warnings().contains("is not the file the study wrote"), warnings());
    }
}
