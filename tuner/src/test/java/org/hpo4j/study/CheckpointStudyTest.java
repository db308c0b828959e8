package org.hpo4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hpo4j.execute.CountingObjective;
import org.hpo4j.execute.ForkedWorkerExecutor;
import org.hpo4j.objective.CheckpointFolder;
import org.hpo4j.objective.CheckpointRoot;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.store.ConfigurationCodec;
import org.hpo4j.store.SqliteStore;
import org.hpo4j.store.StoredJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Promotions continue from the configuration's checkpoint: each epoch is trained once and charged once. */
class CheckpointStudyTest {
    static final double MAX = 27;
    /** One Hyperband iteration over 1..27 epochs: bracket s=3 promotes through 1, 3, 9, 27. */
    static final Fidelity SETTINGS_FIDELITY = new Fidelity(1, MAX);
    static final long SETTINGS_SEED = 7;
    static final HyperbandSettings SETTINGS_BRACKETS = new HyperbandSettings(3, 1);
    static final StoppingRule UNTIL_DONE = progress -> false;

    @TempDir
    Path dir;

    @BeforeEach
    void clearCounts() {
        CountingObjective.EPOCHS.clear();
    }

    StudyBuilder study(String name) {
        return Study.builder(CountingObjective.SPACE).name(name).optimizer("hyperband", SETTINGS_FIDELITY, SETTINGS_SEED, SETTINGS_BRACKETS).seed(3)
                .workDirectory(dir);
    }

    /** The largest budget each configuration (by its values) was evaluated at. */
    static Map<String, Double> finalBudgets(StudyResult result) {
        Map<String, Double> last = new HashMap<>();
        for (Evaluation e : result.evaluations()) {
            last.merge(e.job().configuration().toString(), e.job().budget(), Math::max);
        }
        return last;
    }

    static Map<String, Double> budgetSums(StudyResult result) {
        Map<String, Double> sum = new HashMap<>();
        for (Evaluation e : result.evaluations()) {
            sum.merge(e.job().configuration().toString(), e.job().budget(), Double::sum);
        }
        return sum;
    }

    static Map<String, Integer> asInts(Map<String, Double> m) {
        return m.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> (int) Math.round(e.getValue())));
    }

    static void assertChargedAsContinued(StudyResult result) {
        double expected = 0;
        for (Evaluation e : result.evaluations()) {
            Job j = e.job();
            if (j.previousBudget() > 0) {
                assertTrue(e.continued(), "promotion " + j + " continued from its checkpoint");
                assertEquals(j.previousBudget(), e.continuedFrom(), 0, j.toString());
            } else {
                assertFalse(e.continued(), j.toString());
            }
            assertEquals((j.budget() - e.continuedFrom()) / MAX, e.cost(), 1e-12, j.toString());
            expected += e.cost();
        }
        double finalBudgetSum = finalBudgets(result).values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(finalBudgetSum / MAX, result.totalCost(), 1e-9, "each configuration is charged its final budget once");
        assertEquals(expected, result.totalCost(), 1e-9);
    }

    @Test
    void aConfigurationPromotedThroughEveryRungTrainsEachEpochOnce() {
        StudyResult result = study("continue").build().optimize(new CountingObjective(), UNTIL_DONE);

        Map<String, Double> last = finalBudgets(result);
        assertEquals(asInts(last), CountingObjective.EPOCHS, "epochs trained per configuration == its final budget");
        // the first bracket's survivor went 1 -> 3 -> 9 -> 27
        Set<Job.ConfigId> throughEveryRung = result.evaluations().stream()
                .filter(e -> e.job().rung() == 3).map(e -> e.job().configId()).collect(Collectors.toSet());
        assertEquals(1, throughEveryRung.size(), "bracket s=3 promotes one configuration to its fourth rung");
        Job.ConfigId top = throughEveryRung.iterator().next();
        List<Double> budgets = result.evaluations().stream().filter(e -> e.job().configId().equals(top))
                .map(e -> e.job().budget()).toList();
        assertEquals(List.of(1.0, 3.0, 9.0, 27.0), budgets);
        String topKey = result.evaluations().stream().filter(e -> e.job().configId().equals(top)).findFirst()
                .orElseThrow().job().configuration().toString();
        assertEquals(27, CountingObjective.EPOCHS.get(topKey), "27 epochs for 1 + 2 + 6 + 18");
        assertChargedAsContinued(result);
        // the restart semantics would charge far more
        double restartCost = result.evaluations().stream().mapToDouble(e -> e.job().budget() / MAX).sum();
        assertTrue(result.totalCost() < restartCost, result.totalCost() + " vs " + restartCost);
    }

    /**
     * Checkpoints go as the study goes: a configuration that reached the largest budget loses its
     * checkpoints when its evaluation is recorded, and the rest go when the study ends.
     */
    @Test
    void checkpointsAreDeletedWhenNothingContinuesThemAnyMore() throws IOException {
        List<String> atMax = new java.util.ArrayList<>();
        StudyListener watcher = new StudyListener() {
            @Override
            public void evaluationFinished(Evaluation e) {
                Path folder = CheckpointRoot.of(dir.resolve("cleaned").resolve("checkpoints"), e.job().configId());
                if (e.job().budget() >= MAX) {
                    atMax.add(e.job().configId() + (Files.exists(folder) ? " kept" : " deleted"));
                }
            }
        };
        Study study = study("cleaned").listener(watcher).build();
        StudyResult result = study.optimize(new CountingObjective(), UNTIL_DONE);
        assertChargedAsContinued(result);
        assertFalse(atMax.isEmpty());
        assertTrue(atMax.stream().allMatch(s -> s.endsWith(" deleted")), atMax.toString());
        assertFalse(Files.exists(study.checkpointRoot()), "nothing is left when the study ends");

        Study kept = study("kept").keepCheckpoints(true).build();
        kept.optimize(new CountingObjective(), UNTIL_DONE);
        assertTrue(Files.isRegularFile(kept.checkpointRoot().resolve(CheckpointRoot.MARKER)), "hpo.keepCheckpoints keeps them");
    }

    @Test
    void checkpointFilesArePerConfiguration() throws IOException {
        Study study = study("files").keepCheckpoints(true).build();
        StudyResult result = study.optimize(new CountingObjective(), UNTIL_DONE);
        Path root = study.checkpointRoot();
        assertEquals(dir.resolve("files").resolve("checkpoints"), root);

        Map<Job.ConfigId, Evaluation> lastOf = new HashMap<>();
        for (Evaluation e : result.evaluations()) {
            lastOf.merge(e.job().configId(), e, (a, b) -> a.job().budget() >= b.job().budget() ? a : b);
        }
        Set<Path> folders;
        try (Stream<Path> s = Files.list(root)) {
            folders = s.filter(p -> !p.getFileName().toString().equals(CheckpointRoot.MARKER)).collect(Collectors.toSet());
        }
        Set<Path> expected = new HashSet<>();
        for (Job.ConfigId id : lastOf.keySet()) {
            expected.add(CheckpointRoot.of(root, id));
        }
        assertEquals(expected, folders, "one folder per configuration");
        for (Evaluation last : lastOf.values()) {
            Job job = last.job();
            // read the folder as the next promotion would: it continues from the final budget
            CheckpointFolder next = new CheckpointFolder(CheckpointRoot.of(root, job.configId()), job.budget() * 3,
                    job.budget(), ConfigurationCodec.encode(job.configuration()),
                    CheckpointFolder.digest(CheckpointRoot.of(root, job.configId()), job.budget()).orElseThrow());
            CountingObjective.State state = next.load(CountingObjective.State.class).orElseThrow();
            assertEquals(job.configuration().toString(), state.owner, "the folder holds its own configuration's state");
            assertEquals(job.budget(), state.epoch, 0);
            try (Stream<Path> s = Files.list(CheckpointRoot.of(root, job.configId()))) {
                List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
                assertTrue(names.stream().noneMatch(n -> n.endsWith(".tmp")), names.toString());
                // the checkpoint of this budget and of the one before (for a rerun); older ones are dropped
                assertTrue(names.size() <= 2, names.toString());
            }
        }
    }

    @Test
    void anObjectiveWithoutCheckpointsRestartsAndIsChargedInFull() {
        StudyResult withCheckpoints = study("plain").build().optimize(new CountingObjective.Restarting(), UNTIL_DONE);
        Map<String, Integer> epochs = Map.copyOf(CountingObjective.EPOCHS);
        CountingObjective.EPOCHS.clear();
        StudyResult switchedOff = study("off").checkpoints(false).build()
                .optimize(new CountingObjective.Restarting(), UNTIL_DONE);
        CountingObjective.EPOCHS.clear();
        StudyResult saverSwitchedOff = study("saver-off").checkpoints(false).build()
                .optimize(new CountingObjective(), UNTIL_DONE);

        assertEquals(asInts(budgetSums(withCheckpoints)), epochs, "every evaluation trains from epoch 0");
        for (StudyResult r : List.of(withCheckpoints, switchedOff, saverSwitchedOff)) {
            for (Evaluation e : r.evaluations()) {
                assertFalse(e.continued(), e.job().toString());
                assertEquals(e.job().budget() / MAX, e.cost(), 1e-12, "full budget charged: " + e.job());
            }
        }
        // the same trials, values and costs whether the study offers checkpoints or not
        assertEquals(jobsAndValues(withCheckpoints), jobsAndValues(switchedOff));
        assertEquals(jobsAndValues(withCheckpoints), jobsAndValues(saverSwitchedOff));
        assertEquals(withCheckpoints.totalCost(), switchedOff.totalCost(), 0);
        // and the continuing objective proposes the same trials too: its values do not depend on continuing
        CountingObjective.EPOCHS.clear();
        StudyResult continued = study("same-trials").build().optimize(new CountingObjective(), UNTIL_DONE);
        assertEquals(jobsAndValues(withCheckpoints), jobsAndValues(continued));
        assertTrue(continued.totalCost() < withCheckpoints.totalCost());
    }

    static List<String> jobsAndValues(StudyResult r) {
        return r.evaluations().stream().map(e -> e.job() + " " + e.value()).toList();
    }

    @Test
    void theStoreRecordsWhatWasChargedAndAResumeChargesTheSame() {
        Path db = dir.resolve("study.db");
        StudyResult first;
        try (SqliteStore store = SqliteStore.open(db, false)) {
            first = study("stored").store(store).build().optimize(new CountingObjective(), UNTIL_DONE);
            for (StoredJob j : store.jobs("stored")) {
                assertEquals(j.previousBudget(), j.continuedFrom(), 0, "job " + j.jobId() + " continued from its rung");
            }
        }
        assertEquals(asInts(finalBudgets(first)), CountingObjective.EPOCHS);
        assertChargedAsContinued(first);
        try (SqliteStore store = SqliteStore.open(db, false)) {
            StudyResult replayed = study("stored").store(store).build().optimize(new CountingObjective(), UNTIL_DONE);
            assertEquals(first.evaluations().size(), replayed.evaluations().size());
            for (int i = 0; i < first.evaluations().size(); i++) {
                assertEquals(first.evaluations().get(i).cost(), replayed.evaluations().get(i).cost(), 0);
                assertEquals(first.evaluations().get(i).continuedFrom(), replayed.evaluations().get(i).continuedFrom(), 0);
            }
        }
    }

    @Test
    void forkedWorkersShareTheCheckpointFolder() throws IOException {
        Path log = dir.resolve("epochs.log");
        StudyResult result;
        try (ForkedWorkerExecutor workers = ForkedWorkerExecutor.builder(CountingObjective.class.getName())
                .workers(2).maxHeap("64m").jvmArgs(List.of("-D" + CountingObjective.LOG_PROPERTY + "=" + log))
                .expectedSpace(CountingObjective.SPACE.describe()).build()) {
            result = study("forked").executor(workers).build().optimize(UNTIL_DONE);
        }
        Map<String, Integer> trained = new HashMap<>();
        for (String line : Files.readAllLines(log)) {
            int space = line.lastIndexOf(' ');
            trained.merge(line.substring(0, space), Integer.parseInt(line.substring(space + 1)), Integer::sum);
        }
        assertEquals(asInts(finalBudgets(result)), trained, "epochs trained per configuration, over both workers");
        assertTrue(result.evaluations().stream().anyMatch(e -> e.job().rung() == 3));
        assertChargedAsContinued(result);
    }
}
