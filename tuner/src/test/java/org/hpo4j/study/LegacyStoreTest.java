package org.hpo4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.hpo4j.objective.Objective;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Condition;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.store.SqliteStore;
import org.hpo4j.store.StudyMismatchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study file written by the release before typed study settings and kind words in the space
 * description (commit 47972f5; {@code src/test/resources/stores/WriteLegacyStudy.java.txt} wrote
 * it) still opens and continues as if it had never stopped; a changed setting is named by field.
 */
class LegacyStoreTest {
    private static final SearchSpace SPACE = SearchSpace.builder()
            .add(FloatParameter.logUniform("learningRate", 1e-4, 1))
            .add(IntParameter.uniform("hidden", 16, 256))
            .add(CategoricalParameter.of("optimizer", List.of("sgd", "adam")))
            .add(FloatParameter.uniform("momentum", 0, 0.99).when(Condition.equalTo("optimizer", "sgd")))
            .budget("epochs", 1, 9, true)
            .build();

    private static final Objective OBJECTIVE = (c, ctx) -> {
        double v = Math.abs(Math.log10(c.getDouble("learningRate")) + 2) + 1.0 / ctx.budget() + c.getInt("hidden") / 1000.0;
        ctx.report(1, v + 1);
        return v;
    };

    @TempDir
    Path dir;

    private Path legacyFile() throws Exception {
        Path file = dir.resolve("legacy.db");
        try (InputStream in = LegacyStoreTest.class.getResourceAsStream("/stores/legacy-v4.db")) {
            Files.copy(in, file);
        }
        return file;
    }

    private StudyBuilder study(int minBudget) throws Exception {
        return Study.builder(SPACE).name("legacy").seed(5).workDirectory(Files.createTempDirectory(dir, "w"))
                .optimizer("hyperband", new Fidelity(minBudget, 9), 5);
    }

    private static List<String> trace(StudyResult r) {
        return r.evaluations().stream().map(e -> e.job().id() + " " + e.job().configuration() + " @" + e.job().budget()
                + " = " + e.value() + " cost " + e.cost()).toList();
    }

    @Test
    void aStudyStoredByTheEarlierReleaseContinuesAsIfItHadNeverStopped() throws Exception {
        Path file = legacyFile();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT space, settings FROM studies WHERE name = 'legacy'")) {
            assertTrue(rs.next());
            assertTrue(rs.getString(1).contains("learningRate FloatParameter [1.0E-4, 1.0] (log)"), rs.getString(1));
            assertEquals("minBudget=1.0 maxBudget=9.0 eta=3.0 seed=5", rs.getString(2), "settings in the old text");
        }
        StudyResult resumed;
        try (SqliteStore store = SqliteStore.open(file, false)) {
            resumed = study(1).store(store).build().optimize(OBJECTIVE, StoppingRule.maxEvaluations(16));
        }
        StudyResult uninterrupted = study(1).build().optimize(OBJECTIVE, StoppingRule.maxEvaluations(16));
        assertEquals(16, resumed.evaluations().size());
        assertEquals(trace(uninterrupted), trace(resumed), "the 10 stored evaluations and 6 new ones");
    }

    @Test
    void aChangedSettingOfAStoredStudyIsNamedByField() throws Exception {
        try (SqliteStore store = SqliteStore.open(legacyFile(), false)) {
            Study changed = study(3).store(store).build();
            StudyMismatchException e = assertThrows(StudyMismatchException.class,
                    () -> changed.optimize(OBJECTIVE, StoppingRule.maxEvaluations(12)));
            assertTrue(e.getMessage().contains("minBudget 1.0 -> 3.0"), e.getMessage());
            assertFalse(e.getMessage().contains("search space"), "the space is the same in either words: " + e.getMessage());
            assertFalse(e.getMessage().contains("maxBudget"), "only what changed: " + e.getMessage());
        }
    }
}
