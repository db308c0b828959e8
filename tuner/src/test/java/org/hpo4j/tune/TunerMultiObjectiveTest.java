package org.hpo4j.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hpo4j.inject.TunedProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hpo:tune} on a class of two objectives and a latency bound that half the space breaks:
 * the multi-objective default optimizer runs, the Pareto front is written and shown, the
 * properties file holds a feasible point the selection rule picks, and the study resumes.
 */
class TunerMultiObjectiveTest {
    @TempDir
    Path dir;

    private ClassLoader withIndex(String name) throws Exception {
        Path root = Files.createTempDirectory(dir, "cp");
        Path index = root.resolve(ObjectiveClasses.INDEX);
        Files.createDirectories(index.getParent());
        Files.writeString(index, name + "\n");
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, getClass().getClassLoader());
    }

    private TuneRequest.Builder request() {
        return TuneRequest.builder().baseDirectory(dir).seed(3).writeDate(false);
    }

    private Path properties(String className) {
        return dir.resolve("src/main/resources/hpo/" + className + ".properties");
    }

    @Test
    void writesTheFrontAndAFeasiblePropertiesFileAndResumes() throws Exception {
        ClassLoader loader = withIndex(Tradeoff.class.getName());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        TuneSummary summary = new Tuner(new PrintStream(console, true, StandardCharsets.UTF_8))
                .run(request().maxEvaluations(60).build(), loader);
        String out = console.toString(StandardCharsets.UTF_8);
        assertEquals("mo-gp", summary.optimizer(), "several objectives get the multi-objective default:\n" + out);

        Map<String, String> written = TunedProperties.read(properties(Tradeoff.class.getName()));
        double y = Double.parseDouble(written.get("y"));
        assertTrue(10 + 20 * y <= 20, "the properties file holds a feasible point, y = " + y);

        Path csv = dir.resolve("target/hpo/Tradeoff/pareto.csv");
        List<String> lines = Files.readAllLines(csv);
        assertEquals("job_id,budget,error,sizeMb,latencyMs,param:x,param:y", lines.get(0));
        assertTrue(lines.size() > 2, "a front of several points:\n" + String.join("\n", lines));
        double previousError = Double.NEGATIVE_INFINITY;
        double previousSize = Double.POSITIVE_INFINITY;
        List<String[]> rows = lines.subList(1, lines.size()).stream().map(l -> l.split(","))
                .sorted(java.util.Comparator.comparingDouble(r -> Double.parseDouble(r[2]))).toList();
        for (String[] r : rows) {
            assertEquals(9, Double.parseDouble(r[1]), "the front is at the largest budget");
            assertTrue(Double.parseDouble(r[4]) <= 20, "every point of the front is feasible: " + String.join(",", r));
            double error = Double.parseDouble(r[2]);
            double size = Double.parseDouble(r[3]);
            assertTrue(error >= previousError && size < previousSize, "sorted by error, size must fall (non-dominated)");
            previousError = error;
            previousSize = size;
        }
        // the default rule: the smallest error on the front, which is the first row sorted by error
        assertEquals(rows.get(0)[5], written.get("x"));
        assertTrue(out.contains("Pareto front: " + rows.size() + " feasible non-dominated evaluations"), out);
        assertTrue(Files.readString(dir.resolve("target/hpo/Tradeoff/pareto.json")).contains("\"front\""));

        TuneSummary resumed = new Tuner(new PrintStream(new ByteArrayOutputStream())).run(request().maxEvaluations(80).build(), loader);
        assertEquals(80, resumed.evaluations(), "the stored study continues with its 60 evaluations replayed");
    }

    @Test
    void theSelectionRuleIsTheUsersAndTheSameSeedGivesTheSameFile() throws Exception {
        ClassLoader loader = withIndex(Tradeoff.class.getName());
        new Tuner(new PrintStream(new ByteArrayOutputStream())).selection("min sizeMb where error <= 0.6")
                .run(request().maxEvaluations(40).build(), loader);
        Map<String, String> first = TunedProperties.read(properties(Tradeoff.class.getName()));
        double x = Double.parseDouble(first.get("x"));
        double y = Double.parseDouble(first.get("y"));
        assertTrue(1 - x + 0.5 / 9 + 0.1 * y <= 0.6 && 10 + 20 * y <= 20, first.toString());

        String text = Files.readString(properties(Tradeoff.class.getName()));
        new Tuner(new PrintStream(new ByteArrayOutputStream())).selection("min sizeMb where error <= 0.6")
                .run(request().maxEvaluations(40).fresh(true).build(), loader);
        assertEquals(text, Files.readString(properties(Tradeoff.class.getName())), "same seed, same file");
    }

    @Test
    void aBadRuleIsRefusedBeforeAnythingRuns() throws Exception {
        ClassLoader loader = withIndex(Tradeoff.class.getName());
        TuneException e = assertThrows(TuneException.class, () -> new Tuner(new PrintStream(new ByteArrayOutputStream()))
                .selection("min error where latency <= 20").run(request().maxEvaluations(5).build(), loader));
        assertTrue(e.getMessage().contains("unknown component 'latency'") && e.getMessage().contains("latencyMs"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("target/hpo/Tradeoff.db")), "nothing ran");
    }

    @Test
    void noFeasiblePointIsAnErrorNamingTheConstraintAndWritesNoProperties() throws Exception {
        ClassLoader loader = withIndex(Unreachable.class.getName());
        TuneException e = assertThrows(TuneException.class, () -> new Tuner(new PrintStream(new ByteArrayOutputStream()))
                .run(request().maxEvaluations(20).build(), loader));
        assertTrue(e.getMessage().contains("latencyMs <= 5 held in 0 of") && e.getMessage().contains("no properties file"),
                e.getMessage());
        assertFalse(Files.exists(properties(Unreachable.class.getName())));
    }

    @Test
    void aSingleObjectiveOptimizerIsRefusedForSeveralObjectives() throws Exception {
        ClassLoader loader = withIndex(Tradeoff.class.getName());
        Exception e = assertThrows(RuntimeException.class, () -> new Tuner(new PrintStream(new ByteArrayOutputStream()))
                .run(request().optimizer("tpe").maxEvaluations(5).build(), loader));
        assertTrue(e.getMessage().contains("optimizer 'tpe' ranks by one value") && e.getMessage().contains("mo-gp"),
                e.getMessage());
    }

    @Test
    void selectWritesAnyStoredEvaluationWithoutTuningAgain() throws Exception {
        ClassLoader loader = withIndex(Tradeoff.class.getName());
        new Tuner(new PrintStream(new ByteArrayOutputStream())).run(request().maxEvaluations(30).build(), loader);
        List<String> front = Files.readAllLines(dir.resolve("target/hpo/Tradeoff/pareto.csv"));
        String[] last = front.get(front.size() - 1).split(",");
        int job = Integer.parseInt(last[0]);

        Path output = Path.of("chosen.properties");
        SelectCommand.Selected selected = SelectCommand.run(loader, null, null, StoreAccess.of(null), job, output, dir, false);
        assertEquals(dir.resolve(output), selected.file());
        assertEquals("", selected.warning(), "a point of the front is feasible");
        Map<String, String> written = TunedProperties.read(selected.file());
        assertEquals(last[5], written.get("x"));
        assertEquals(last[6], written.get("y"));
        assertTrue(Files.readString(selected.file()).contains("# evaluations: 30"));

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> SelectCommand.run(loader, null, null, StoreAccess.of(null), 999, output, dir, false));
        assertTrue(unknown.getMessage().startsWith("hpo.trial: study 'Tradeoff' has no evaluation 999"), unknown.getMessage());
    }

    /**
     * A study of several objectives warm-started from an earlier one's store: its first jobs are
     * the earlier front's configurations at the full budget (every objective and the constraint
     * were read back: the seeds are feasible and non-dominated there), and the same seed with the
     * same priors gives the same properties file.
     */
    @Test
    void warmStartsFromAStoredStudyOfSeveralObjectives() throws Exception {
        ClassLoader loader = withIndex(Tradeoff.class.getName());
        Path earlier = dir.resolve("earlier");
        new Tuner(new PrintStream(new ByteArrayOutputStream()))
                .run(TuneRequest.builder().baseDirectory(earlier).seed(11).writeDate(false).maxEvaluations(60).build(), loader);
        Path db = earlier.resolve(".hpo/Tradeoff.db");
        assertTrue(Files.isRegularFile(db), "the earlier study's store");
        java.util.Set<Integer> frontJobs = new java.util.HashSet<>();
        List<String> csv = Files.readAllLines(earlier.resolve("target/hpo/Tradeoff/pareto.csv"));
        for (String line : csv.subList(1, csv.size())) {
            frontJobs.add(Integer.parseInt(line.split(",")[0]));
        }
        java.util.Set<String> front = new java.util.HashSet<>();
        try (org.hpo4j.store.StudyStore store = org.hpo4j.store.StudyStores.open(db.toString(), earlier, "Tradeoff", false)) {
            for (org.hpo4j.store.StoredJob j : store.jobs("Tradeoff")) {
                if (frontJobs.contains(j.jobId())) {
                    front.add(j.configuration());
                }
            }
        }
        assertTrue(front.size() >= 3, "a front of at least three points to seed from: " + front);

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new Tuner(new PrintStream(console, true, StandardCharsets.UTF_8))
                .run(request().maxEvaluations(20).warmStart(db.toString()).build(), loader);
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("warm start from 60 earlier evaluations"),
                console.toString(StandardCharsets.UTF_8));
        List<org.hpo4j.store.StoredJob> jobs;
        try (org.hpo4j.store.StudyStore store = org.hpo4j.store.StudyStores.open(dir.resolve(".hpo/Tradeoff.db").toString(),
                dir, "Tradeoff", false)) {
            jobs = store.jobs("Tradeoff");
        }
        for (int i = 0; i < 3; i++) {
            org.hpo4j.store.StoredJob seed = jobs.get(i);
            assertEquals(new org.hpo4j.optimizer.Job.ConfigId(-1, 0, i), seed.configId());
            assertEquals(9, seed.budget());
            assertTrue(front.contains(seed.configuration()), "seed " + i + " " + seed.configuration()
                    + " is on the earlier front " + front);
        }
        String text = Files.readString(properties(Tradeoff.class.getName()));
        new Tuner(new PrintStream(new ByteArrayOutputStream()))
                .run(request().maxEvaluations(20).warmStart(db.toString()).fresh(true).build(), loader);
        assertEquals(text, Files.readString(properties(Tradeoff.class.getName())), "same seed and priors, same file");
    }
}
