package org.hpo4j.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hpo4j.inject.TunableNetInjector;
import org.hpo4j.inject.TunedProperties;
import org.hpo4j.optimizer.HyperbandSchedule;
import org.hpo4j.optimizer.registry.Optimizers;
import org.hpo4j.space.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunerTest {
    @TempDir
    Path dir;

    /** A class loader whose objective index lists {@code names}, over the test classes. */
    private ClassLoader withIndex(String... names) throws Exception {
        Path root = Files.createTempDirectory(dir, "cp");
        Path index = root.resolve(ObjectiveClasses.INDEX);
        Files.createDirectories(index.getParent());
        Files.writeString(index, "# written by the processor\n" + String.join("\n", names) + "\n");
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, getClass().getClassLoader());
    }

    private TuneRequest.Builder request() {
        return TuneRequest.builder().optimizer("random").baseDirectory(dir).seed(7);
    }

    @Test
    void indexesOfSeveralClassPathEntriesAreMerged() throws Exception {
        ClassLoader inner = withIndex("b.Second", "a.First");
        Path other = Files.createTempDirectory(dir, "cp2");
        Files.createDirectories(other.resolve("META-INF/hpo4j"));
        Files.writeString(other.resolve(ObjectiveClasses.INDEX), "a.First\nc.Third\n");
        ClassLoader both = new URLClassLoader(new URL[] {other.toUri().toURL()}, inner);
        assertEquals(List.of("a.First", "b.Second", "c.Third"), ObjectiveClasses.list(both));
    }

    @Test
    void noIndexIsAnErrorThatSaysHowToGetOne() {
        TuneException e = assertThrows(TuneException.class, () -> ObjectiveClasses.choose(List.of(), null));
        assertTrue(e.getMessage().contains("no objective class found") && e.getMessage().contains("annotationProcessorPaths"), e.getMessage());
    }

    @Test
    void severalClassesNeedHpoObjective() {
        TuneException e = assertThrows(TuneException.class, () -> ObjectiveClasses.choose(List.of("a.A", "b.B"), null));
        assertTrue(e.getMessage().contains("a.A, b.B") && e.getMessage().contains("-Dhpo.objective"), e.getMessage());
        assertEquals("b.B", ObjectiveClasses.choose(List.of("a.A", "b.B"), "b.B"));
        assertEquals("b.B", ObjectiveClasses.choose(List.of("a.A", "b.B"), "B"), "an unambiguous simple name works");
        TuneException unknown = assertThrows(TuneException.class, () -> ObjectiveClasses.choose(List.of("a.A"), "c.C"));
        assertTrue(unknown.getMessage().startsWith("hpo.objective: no objective class 'c.C'") && unknown.getMessage().contains("a.A"),
                unknown.getMessage());
    }

    @Test
    void classWithoutNoArgumentConstructorIsNamed() {
        TuneException e = assertThrows(TuneException.class,
                () -> ObjectiveClasses.load(NeedsArgument.class.getName(), getClass().getClassLoader()));
        assertTrue(e.getMessage().contains(NeedsArgument.class.getName()) && e.getMessage().contains("no public no-argument constructor"),
                e.getMessage());
    }

    @Test
    void listedClassThatIsMissingIsNamed() throws Exception {
        ClassLoader loader = withIndex("org.example.Gone");
        TuneException e = assertThrows(TuneException.class,
                () -> new Tuner(new PrintStream(new ByteArrayOutputStream())).run(request().build(), loader));
        assertTrue(e.getMessage().contains("org.example.Gone") && e.getMessage().contains("cannot be loaded"), e.getMessage());
    }

    @Test
    void unknownOptimizerNamesTheParameterAndTheKnownOnes() {
        TuneException e = assertThrows(TuneException.class,
                () -> RequestChecks.check(request().optimizer("gradient-descent").build()));
        assertTrue(e.getMessage().startsWith("hpo.optimizer: unknown optimizer 'gradient-descent'"), e.getMessage());
        assertTrue(e.getMessage().contains(String.join(", ", Optimizers.names())), e.getMessage());
    }

    @Test
    void unnamedOptimizerIsHyperGpWithOneWorkerOrMany() {
        TuneRequest.Builder unnamed = TuneRequest.builder().baseDirectory(dir);
        assertEquals("hyper-gp", unnamed.build().optimizer());
        assertEquals("hyper-gp", unnamed.optimizer(" ").build().optimizer());
        assertEquals("hyper-gp", unnamed.optimizer(null).parallelism(2).build().optimizer());
        assertEquals("hyper-gp", unnamed.parallelism(1).storage("jdbc:postgresql://db.example/hpo").build().optimizer());
        assertEquals("hyper-gp", unnamed.storage("target/hpo/other.db").build().optimizer());
        // a named optimizer is kept whatever the workers
        assertEquals("hyperband", unnamed.optimizer("hyperband").parallelism(8).build().optimizer());
    }

    @Test
    void badNumbersNameTheirParameter() {
        assertTrue(assertThrows(TuneException.class, () -> RequestChecks.check(request().eta(1.5).build()))
                .getMessage().startsWith("hpo.eta"));
        assertTrue(assertThrows(TuneException.class, () -> RequestChecks.check(request().maxEvaluations(0).build()))
                .getMessage().startsWith("hpo.maxEvaluations"));
        assertTrue(assertThrows(TuneException.class, () -> RequestChecks.check(request().iterations(-1).build()))
                .getMessage().startsWith("hpo.iterations"));
        assertTrue(assertThrows(TuneException.class, () -> RequestChecks.check(request().parallelism(0).build()))
                .getMessage().startsWith("hpo.parallelism"));
        assertTrue(assertThrows(TuneException.class, () -> RequestChecks.check(request().timeLimit("soon").build()))
                .getMessage().startsWith("hpo.timeLimit"));
        assertTrue(assertThrows(TuneException.class, () -> RequestChecks.check(request().study("my study").build()))
                .getMessage().startsWith("hpo.study"));
    }

    @Test
    void timeLimitsAcceptUnitsAndIsoDurations() {
        assertEquals(Duration.ofSeconds(90), RequestChecks.duration("90s"));
        assertEquals(Duration.ofMinutes(10), RequestChecks.duration("10m"));
        assertEquals(Duration.ofHours(2), RequestChecks.duration("2h"));
        assertEquals(Duration.ofMinutes(90), RequestChecks.duration("PT1H30M"));
        assertEquals(Duration.ofMillis(2500), RequestChecks.duration("2.5"));
        assertNull(RequestChecks.duration(" "));
    }

    @Test
    void minBudgetNotBelowMaxBudgetNamesBothAndTheAnnotation() {
        TuneException e = assertThrows(TuneException.class,
                () -> Tuner.plan(request().minBudget(30.0).build(), new TunableNetInjector()));
        assertTrue(e.getMessage().startsWith("hpo.minBudget (30) must be less than hpo.maxBudget (27)"), e.getMessage());
        assertTrue(e.getMessage().contains("@Budget of org.hpo4j.inject.TunableNet is [1, 27]"), e.getMessage());
    }

    @Test
    void etaIsRefusedForAnOptimizerWithoutBracketsAndNamesTheProperty() {
        TuneException e = assertThrows(TuneException.class,
                () -> Tuner.plan(request().optimizer("gp").eta(3.0).build(), new TunableNetInjector()));
        assertTrue(e.getMessage().startsWith("hpo.eta: optimizer 'gp'") && e.getMessage().contains("hyperband"),
                e.getMessage());
        assertEquals(4, Tuner.plan(request().optimizer("hyperband").eta(4.0).build(), new TunableNetInjector())
                .brackets().orElseThrow().eta());
    }

    @Test
    void planTakesBudgetsFromTheAnnotationAndDefaultsToOneHyperbandIteration() {
        Plan plan = Tuner.plan(request().build(), new TunableNetInjector());
        assertEquals(1, plan.fidelity().minBudget());
        assertEquals(27, plan.fidelity().maxBudget());
        assertTrue(plan.brackets().isEmpty(), "random search has no eta and no Hyperband iterations");
        assertEquals(423.0 / 27, plan.maxCost(), 1e-9, "random search gets the cost of one Hyperband iteration over [1, 27]: 423 epochs");
        Plan bohb = Tuner.plan(request().optimizer("bohb").build(), new TunableNetInjector());
        assertEquals(1, bohb.brackets().orElseThrow().maxIterations());
        assertEquals(3, bohb.brackets().orElseThrow().eta());
        assertTrue(bohb.maxCost() > 423.0 / 27, "for bohb the bound is only a safety net");
        assertEquals("epochs", plan.budgetName());
        assertEquals("TunableNet", plan.study());
        assertEquals(dir.resolve("src/main/resources/hpo/org.hpo4j.inject.TunableNet.properties"), plan.output());

        Plan bounded = Tuner.plan(request().maxEvaluations(10).minBudget(3.0).output(Path.of("x.properties")).build(),
                new TunableNetInjector());
        assertEquals(0, bounded.maxCost());
        assertEquals(3, bounded.fidelity().minBudget());
        Plan boundedBohb = Tuner.plan(request().optimizer("bohb").maxEvaluations(10).build(), new TunableNetInjector());
        assertEquals(0, boundedBohb.brackets().orElseThrow().maxIterations(), "a stopping rule given: no iteration bound");
        assertEquals(dir.resolve("x.properties"), bounded.output());
    }

    @Test
    void multiFidelityOptimizerOnAClassWithoutBudgetIsExplained() {
        TuneException e = assertThrows(TuneException.class,
                () -> Tuner.plan(TuneRequest.builder().baseDirectory(dir).build(), new PeakInjector()));
        assertTrue(e.getMessage().contains("has no @Budget field") && e.getMessage().contains("hpo.optimizer=random"), e.getMessage());
    }

    @Test
    void oneHyperbandIterationCostsWhatTheBracketsAddUpTo() {
        // s=3: 27*1+9*3+3*9+1*27, s=2: 12*3+4*9+1*27, s=1: 6*9+2*27, s=0: 4*27
        assertEquals(108 + 99 + 108 + 108, HyperbandSchedule.of(1, 27, 3, HyperbandSchedule.Sizing.LI).iterationBudget(), 1e-9);
        // s=2: 4*1+2*2+1*4, s=1: 3*2+1*4, s=0: 3*4
        assertEquals(12 + 10 + 12, HyperbandSchedule.of(1, 4, 2, HyperbandSchedule.Sizing.LI).iterationBudget(), 1e-9);
    }

    @Test
    void runWritesTheBestConfigurationAndTheSameSeedGivesTheSameFile() throws Exception {
        ClassLoader loader = withIndex("org.hpo4j.inject.TunableNet");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        TuneSummary first = new Tuner(new PrintStream(console, true, StandardCharsets.UTF_8))
                .run(request().maxEvaluations(12).build(), loader);
        assertEquals(12, first.evaluations());
        assertEquals(12, first.cost(), 1e-9, "random search runs every job at the max budget: one full evaluation each");
        Path file = dir.resolve("src/main/resources/hpo/org.hpo4j.inject.TunableNet.properties");
        assertEquals(file, first.output());
        String text = Files.readString(file);
        Map<String, String> values = new java.util.TreeMap<>(TunedProperties.read(file));
        assertEquals("27", values.remove("epochs"), "random search evaluates at the max budget, and the file says so");
        Configuration written = TunableNetInjector.SPACE.configuration(values);
        assertEquals(first.best(), written);
        double expected = written.getDouble("learningRate") * written.getLong("hidden") + 27;
        assertEquals(expected, first.value(), 1e-12, "the value is the objective's at the written configuration");
        assertTrue(text.contains("# evaluations: 12") && text.contains("# seed: 7") && text.contains("# optimizer: random"), text);
        String out = console.toString(StandardCharsets.UTF_8);
        assertEquals(12, out.lines().filter(l -> l.startsWith("[")).count(), "one line per evaluation in batch mode:\n" + out);
        assertTrue(out.contains("finished: 12 evaluations (0 failed)"), out);

        Files.delete(file);
        TuneSummary second = new Tuner(new PrintStream(new ByteArrayOutputStream())).run(request().maxEvaluations(12).build(), loader);
        assertEquals(first.best(), second.best());
        assertEquals(TunedProperties.withoutDate(text), TunedProperties.withoutDate(Files.readString(file)));

        // the study is stored: another seed under the same study name is refused, fresh starts over
        TuneException mismatch = assertThrows(TuneException.class, () -> new Tuner(new PrintStream(new ByteArrayOutputStream()))
                .run(request().seed(8).maxEvaluations(12).build(), loader));
        assertTrue(mismatch.getMessage().contains("seed 7 -> 8") && mismatch.getMessage().contains("-Dhpo.fresh=true"),
                mismatch.getMessage());
        new Tuner(new PrintStream(new ByteArrayOutputStream()))
                .run(request().seed(8).fresh(true).overwrite(true).maxEvaluations(12).build(), loader);
        assertFalse(TunedProperties.withoutDate(text).equals(TunedProperties.withoutDate(Files.readString(file))),
                "another seed explores other configurations");
    }

    @Test
    void hpoWarmStartRunsTheEarlierBestFirstAndABadEntryIsNamed() throws Exception {
        ClassLoader loader = withIndex("org.hpo4j.inject.TunableNet");
        TuneSummary earlier = new Tuner(new PrintStream(new ByteArrayOutputStream()))
                .run(request().study("earlier").maxEvaluations(8).build(), loader);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new Tuner(new PrintStream(console, true, StandardCharsets.UTF_8)).run(request().study("later").seed(9)
                .optimizer("tpe").warmStart(".hpo/earlier.db").curveStopping(true).maxEvaluations(5).build(), loader);
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("warm start from 8 earlier evaluations"),
                console.toString(StandardCharsets.UTF_8));
        try (org.hpo4j.store.SqliteStore store = org.hpo4j.store.SqliteStore.open(dir.resolve(".hpo/later.db"), false)) {
            assertEquals(earlier.best(), store.jobs("later").get(0).toJob(TunableNetInjector.SPACE).configuration());
        }
        TuneException e = assertThrows(TuneException.class, () -> new Tuner(new PrintStream(new ByteArrayOutputStream()))
                .run(request().study("third").warmStart(".hpo/none.db").maxEvaluations(2).build(), loader));
        assertTrue(e.getMessage().startsWith("hpo.warmStart:") && e.getMessage().contains("none.db"), e.getMessage());
    }

    @Test
    void withoutStoppingParametersBohbRunsOneFullHyperbandIteration() throws Exception {
        ClassLoader loader = withIndex("org.hpo4j.inject.TunableNet");
        TuneSummary s = new Tuner(new PrintStream(new ByteArrayOutputStream()))
                .run(TuneRequest.builder().baseDirectory(dir).seed(3).optimizer("bohb").build(), loader);
        assertEquals("bohb", s.optimizer());
        // brackets over [1, 27] with eta 3: 27+9+3+1, 12+4+1, 6+2, 4 evaluations
        assertEquals(40 + 17 + 8 + 4, s.evaluations());
        assertEquals(423.0 / 27, s.cost(), 1e-9);
        assertEquals(27, s.budget(), "the incumbent is taken at the largest budget");
    }

    @Test
    void withoutStoppingParametersTheDefaultRunsAboutOneHyperbandIterationsBudgetAndFinishes() throws Exception {
        ClassLoader loader = withIndex("org.hpo4j.inject.TunableNet");
        for (int workers : new int[] {1, 2}) {
            TuneSummary s = new Tuner(new PrintStream(new ByteArrayOutputStream()))
                    .run(TuneRequest.builder().baseDirectory(dir).study("default-" + workers).seed(3).parallelism(workers)
                            .build(), loader);
            assertEquals("hyper-gp", s.optimizer());
            // it plans one iteration's budget (423 / 27 over [1, 27]) of new configurations, then only
            // promotes; a configuration started last may add at most one full-budget evaluation
            assertTrue(s.cost() >= 0.5 * 423.0 / 27 && s.cost() <= 423.0 / 27 + 1 + 1e-9, workers + " workers: cost " + s.cost());
            assertEquals(27, s.budget(), "the incumbent is taken at the largest budget");
        }
    }

    @Test
    void theBannerSaysWhatEtaIsAndWhatTheStudyWillSpendAndTheProgressCountsAgainstIt() throws Exception {
        ClassLoader loader = withIndex("org.hpo4j.inject.TunableNet");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new Tuner(new PrintStream(console, true, StandardCharsets.UTF_8))
                .run(TuneRequest.builder().optimizer("bohb").baseDirectory(dir).seed(3).build(), loader);
        String out = console.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("hpo4j:   eta 3 is Hyperband's halving rate: each rung keeps the best 1/3 of its"
                + " configurations and gives them 3 times the epochs"), out);
        // the brackets of [1, 27] with eta 3: 40 + 17 + 8 + 4 evaluations, 423 epochs = 15.67 full evaluations
        assertTrue(out.contains("hpo4j:   stops after 1 Hyperband iteration (every bracket once); plans 69 evaluations"
                + " costing 15.67 full evaluations (one full evaluation = 27 epochs;"), out);
        assertTrue(out.contains("hpo4j: evaluations 10/69 | running "), "a progress line every 10 in batch mode:\n" + out);
        assertTrue(out.contains("hpo4j: evaluations 60/69 | running "), out);
        assertTrue(out.lines().filter(l -> l.startsWith("[")).allMatch(l -> l.matches(".* best [-0-9.e+]+@\\d+ .*")),
                "the best names the budget it is at:\n" + out);
        Outlook bohb = Outlook.of(Tuner.plan(TuneRequest.builder().optimizer("bohb").baseDirectory(dir).build(), new TunableNetInjector()));
        assertEquals("69", bohb.evaluationsText());
        assertEquals(423.0 / 27, bohb.cost(), 1e-9);
        Outlook async = Outlook.of(Tuner.plan(TuneRequest.builder().optimizer("async-bohb").baseDirectory(dir).parallelism(2).build(),
                new TunableNetInjector()));
        assertEquals("~69", async.evaluationsText(), "asynchronous promotions: an estimate");
        Outlook random = Outlook.of(Tuner.plan(TuneRequest.builder().optimizer("random").baseDirectory(dir).build(),
                new TunableNetInjector()));
        assertEquals("~16", random.evaluationsText(), "the cost of a Hyperband iteration, one full evaluation each");
        assertEquals("12", Outlook.of(Tuner.plan(TuneRequest.builder().optimizer("bohb").maxEvaluations(12).baseDirectory(dir).build(),
                new TunableNetInjector())).evaluationsText());
    }

    @Test
    void withTwoWorkersAsyncBohbRunsOneCycleOfBrackets() throws Exception {
        ClassLoader loader = withIndex("org.hpo4j.inject.TunableNet");
        TuneSummary s = new Tuner(new PrintStream(new ByteArrayOutputStream()))
                .run(TuneRequest.builder().baseDirectory(dir).seed(3).parallelism(2).optimizer("async-bohb").build(), loader);
        assertEquals("async-bohb", s.optimizer());
        // one cycle starts Hyperband's 27 + 12 + 6 + 4 configurations; promotions add at most
        // synchronous successive halving's 13 + 5 + 2
        assertTrue(s.evaluations() >= 49 && s.evaluations() <= 69, "evaluations: " + s.evaluations());
        assertEquals(27, s.budget(), "the incumbent is taken at the largest budget");
    }

    @Test
    void interactiveRunsShowOneProgressLineRewrittenInPlace() throws Exception {
        ClassLoader loader = withIndex(Peak.class.getName());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new Tuner(new PrintStream(console, true, StandardCharsets.UTF_8))
                .run(request().maxEvaluations(5).batchMode(false).build(), loader);
        String out = console.toString(StandardCharsets.UTF_8);
        assertEquals(5, out.split("\r  evaluations ", -1).length - 1, out);
        assertTrue(out.contains("evaluations 5/5 | running 0 | best "), out);
        assertTrue(out.contains("evaluations 1/5 | running 0 | best ") && out.contains(" | left ~"), out);
        assertFalse(out.lines().anyMatch(l -> l.startsWith("[")), "no per-evaluation lines: " + out);
        assertTrue(out.contains("hpo4j: study Peak finished: 5 evaluations"), out);
    }

    @Test
    void maximizedObjectivesAreReportedUnnegatedAndTheBestIsTheHighest() throws Exception {
        ClassLoader loader = withIndex(Peak.class.getName());
        TuneSummary s = new Tuner(new PrintStream(new ByteArrayOutputStream()))
                .run(request().maxEvaluations(40).writeDate(false).build(), loader);
        double x = s.best().getDouble("x");
        assertEquals(-(x - 1) * (x - 1), s.value(), 1e-12);
        assertTrue(s.value() > -0.5, "40 random draws on [-5, 5] come within 0.7 of the peak: " + s.value());
        assertFalse(Files.readString(s.output()).contains("# date"), "writeDate=false omits the date line");
    }

    @Test
    void spaceGoalDescribesEveryParameter() throws Exception {
        String text = SpaceTable.of(withIndex("org.hpo4j.inject.TunableNet"), null);
        assertTrue(text.startsWith("org.hpo4j.inject.TunableNet  (study TunableNet, minimize)"), text);
        assertTrue(text.contains("momentum") && text.contains("[optimizer == momentum]") && text.contains("[1.0E-4, 1.0] (log)")
                && text.contains("epochs") && text.contains("budget"), text);
    }
}
