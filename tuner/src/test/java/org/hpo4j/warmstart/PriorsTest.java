package org.hpo4j.warmstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hpo4j.annotations.Direction;
import org.hpo4j.inject.TunedProperties;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.optimizer.PriorObservation;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Condition;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.store.SqliteStore;
import org.hpo4j.study.StoppingRule;
import org.hpo4j.study.Study;
import org.hpo4j.study.StudyResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriorsTest {
    private static final SearchSpace OLD = SearchSpace.builder()
            .add(FloatParameter.uniform("lr", 0, 1))
            .add(CategoricalParameter.of("opt", List.of("sgd", "adam")))
            .build();
    /** The new space: lr's range shrank, a parameter was added (default 0.3). */
    private static final SearchSpace NEW = SearchSpace.builder()
            .add(FloatParameter.uniform("lr", 0, 0.5))
            .add(CategoricalParameter.of("opt", List.of("sgd", "adam")))
            .add(FloatParameter.uniform("dropout", 0, 0.9).withDefault(0.3))
            .build();

    @TempDir
    Path dir;

    private Path earlierStudy(String name) {
        Path db = dir.resolve(name + ".db");
        try (SqliteStore store = SqliteStore.open(db, false)) {
            Study.builder(OLD).name(name).store(store).seed(1)
                    .optimizer("random", new Fidelity(1, 9), 1).build()
                    .optimize((c, ctx) -> c.getDouble("lr"), StoppingRule.maxEvaluations(12));
        }
        return db;
    }

    @Test
    void aStoreGivesItsFinishedEvaluationsThatFitTheNewSpace() {
        Path db = earlierStudy("old");
        List<String> warnings = new ArrayList<>();
        List<Prior> priors = Priors.load(db.toString(), NEW, warnings::add);
        // the objective is lr itself: those above the new range's 0.5 are skipped, each named
        assertTrue(priors.size() > 0 && priors.size() < 12, priors.size() + " priors");
        assertEquals(12 - priors.size(), warnings.size());
        for (String w : warnings) {
            assertTrue(w.contains(db.toString()) && w.contains("#old job ") && w.contains("'lr'"), w);
        }
        for (Prior p : priors) {
            assertEquals(0.3, p.configuration().getDouble("dropout"));
            assertEquals(p.configuration().getDouble("lr"), p.value(), 1e-12);
            assertEquals(9.0, p.budget());
        }
        // an explicit study name gives the same, and so does a path relative to a base folder
        assertEquals(priors, Priors.load(db + "#old", NEW, w -> { }));
        assertEquals(priors.size(), Priors.load("old.db#old", dir, NEW, w -> { }).size());
    }

    @Test
    void aMissingStudyOrFileIsAnErrorNamingIt() {
        Path db = earlierStudy("old");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Priors.load(db + "#other", NEW, w -> { }));
        assertTrue(e.getMessage().contains("'other'") && e.getMessage().contains(db.toString()), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Priors.load(dir.resolve("none.db").toString(), NEW, w -> { }));
        assertTrue(e.getMessage().contains("none.db"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Priors.load(dir.resolve("none.properties").toString(), NEW, w -> { }));
        assertTrue(e.getMessage().contains("none.properties"), e.getMessage());
    }

    @Test
    void aTunedPropertiesFileGivesItsConfigurationValueAndBudget() throws IOException {
        Path file = dir.resolve("a.properties");
        Configuration best = OLD.configuration(Map.of("lr", 0.25, "opt", "adam"));
        TunedProperties.write(file, OLD, best, new TunedProperties.Provenance("a.B", "s", 0.125,
                Direction.MINIMIZE, 27, "epochs", "tpe", 1, 50, null));
        List<Prior> priors = Priors.load(file.toString(), NEW, w -> { throw new AssertionError(w); });
        assertEquals(1, priors.size());
        Prior p = priors.get(0);
        assertEquals(NEW.configuration(Map.of("lr", 0.25, "opt", "adam", "dropout", 0.3)), p.configuration());
        assertEquals(0.125, p.value());
        assertEquals(27.0, p.budget());
    }

    @Test
    void aPropertiesFileThatNoLongerFitsIsSkippedNamingFileAndKey() throws IOException {
        Path unknown = dir.resolve("unknown.properties");
        Files.writeString(unknown, "lr=0.1\nopt=sgd\nmomentum=0.9\n");
        Path outOfRange = dir.resolve("range.properties");
        Files.writeString(outOfRange, "lr=0.8\nopt=sgd\n");
        Path good = dir.resolve("good.properties");
        Files.writeString(good, "lr=0.1\nopt=sgd\n");
        List<String> warnings = new ArrayList<>();
        List<Prior> priors = Priors.load(unknown + ", " + outOfRange + "," + good, NEW, warnings::add);
        assertEquals(1, priors.size());
        assertEquals(dir.resolve("good.properties").toString(), priors.get(0).source());
        assertTrue(Double.isNaN(priors.get(0).value()));
        assertEquals(2, warnings.size());
        assertTrue(warnings.get(0).contains(unknown.toString()) && warnings.get(0).contains("'momentum'"), warnings.get(0));
        assertTrue(warnings.get(1).contains(outOfRange.toString()) && warnings.get(1).contains("'lr'"), warnings.get(1));
    }

    @Test
    void bestPrefersLargerBudgetsThenValuesAndDropsDuplicates() {
        Configuration a = NEW.configuration(Map.of("lr", 0.1, "opt", "sgd", "dropout", 0.1));
        Configuration b = NEW.configuration(Map.of("lr", 0.2, "opt", "sgd", "dropout", 0.1));
        Configuration c = NEW.configuration(Map.of("lr", 0.3, "opt", "sgd", "dropout", 0.1));
        Configuration d = NEW.configuration(Map.of("lr", 0.4, "opt", "sgd", "dropout", 0.1));
        List<Prior> priors = List.of(
                new Prior(a, 1, 0.01, "a@1"),   // best value, but only at a small budget
                new Prior(b, 9, 0.5, "b@9"),
                new Prior(c, 9, 0.2, "c@9"),
                new Prior(c, 3, 0.1, "c@3"),    // the same configuration: counts at budget 9
                new Prior(d, Double.NaN, Double.NaN, "d.properties"));
        assertEquals(List.of(c, b, a), Priors.best(priors, Direction.MINIMIZE, 3));
        assertEquals(List.of(b, c, a, d), Priors.best(priors, Direction.MAXIMIZE, 10));
        List<PriorObservation> obs = Priors.observations(priors, Direction.MAXIMIZE, 27);
        assertEquals(4, obs.size());
        assertEquals(-0.5, obs.get(1).value());
    }

    @Test
    void aStudyWarmStartedFromAnEarlierStoreEvaluatesItsBestFirst() {
        Path db = earlierStudy("old");
        List<Prior> priors = Priors.load(db.toString(), NEW, w -> { });
        List<Configuration> expected = Priors.best(priors, Direction.MINIMIZE, 3);
        StudyResult r = Study.builder(NEW).name("new").seed(5)
                .optimizer("tpe", new Fidelity(1, 9), 5)
                .warmStart(priors)
                .build()
                .optimize((c, ctx) -> c.getDouble("lr") + c.getDouble("dropout"), StoppingRule.maxEvaluations(6));
        for (int i = 0; i < 3; i++) {
            assertEquals(expected.get(i), r.evaluations().get(i).job().configuration());
            assertEquals(9.0, r.evaluations().get(i).job().budget());
        }
        assertEquals(6, r.evaluations().size());
    }

    @Test
    void aWarmStartedStudyResumesFromItsOwnStore() {
        Path db = earlierStudy("old");
        List<Prior> priors = Priors.load(db.toString(), NEW, w -> { });
        Path mine = dir.resolve("new.db");
        List<Configuration> first;
        try (SqliteStore store = SqliteStore.open(mine, false)) {
            first = Study.builder(NEW).name("new").seed(5).store(store)
                    .optimizer("bohb", new Fidelity(1, 9), 5).warmStart(priors, 2, 0.5).build()
                    .optimize((c, ctx) -> c.getDouble("lr"), StoppingRule.maxEvaluations(5))
                    .evaluations().stream().map(e -> e.job().configuration()).toList();
        }
        try (SqliteStore store = SqliteStore.open(mine, false)) {
            StudyResult r = Study.builder(NEW).name("new").seed(5).store(store)
                    .optimizer("bohb", new Fidelity(1, 9), 5).warmStart(priors, 2, 0.5).build()
                    .optimize((c, ctx) -> c.getDouble("lr"), StoppingRule.maxEvaluations(8));
            assertEquals(first, r.evaluations().subList(0, 5).stream().map(e -> e.job().configuration()).toList());
            assertEquals(8, r.evaluations().size());
        }
    }
}
