package org.hpo4j.samples.xgboost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import ml.dmlc.xgboost4j.java.Booster;
import org.hpo4j.inject.Hpo;
import org.hpo4j.inject.Injector;
import org.hpo4j.inject.Injectors;
import org.hpo4j.inject.TunedProperties;
import org.hpo4j.space.Configuration;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.objective.Objective;
import org.hpo4j.study.StoppingRule;
import org.hpo4j.study.Study;
import org.hpo4j.study.StudyResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample's smoke tests: seconds, no tuning. */
class DigitsXgbTest {
    @TempDir
    Path dir;

    /** A configuration that subsamples rows and columns, where continuing could go wrong. */
    private static DigitsXgb subsampling(String booster) {
        Injector<DigitsXgb> injector = Injectors.forClass(DigitsXgb.class);
        DigitsXgb model = new DigitsXgb();
        Map<String, Object> values = new java.util.HashMap<>(Map.of("booster", booster, "eta", 0.2, "maxDepth", 4L,
                "minChildWeight", 1.0, "subsample", 0.6, "colsampleBytree", 0.5, "lambda", 1.0, "alpha", 1e-3));
        if (booster.equals("dart")) {
            values.putAll(Map.of("sampleType", "uniform", "normalizeType", "tree", "rateDrop", 0.1, "skipDrop", 0.3));
        }
        Configuration c = injector.space().configuration(values);
        injector.apply(model, c);
        return model;
    }

    /** What the tuner does per evaluation: a fresh instance, values and budget injected, the @Objective method. */
    static Objective throughTheInjector() {
        Injector<DigitsXgb> injector = Injectors.forClass(DigitsXgb.class);
        return (configuration, context) -> {
            DigitsXgb model = new DigitsXgb();
            injector.apply(model, configuration);
            injector.applyBudget(model, context.budget());
            return injector.evaluate(model, context);
        };
    }

    /** Bracket s=2 of Hyperband over 5..45 rounds: 9 configurations at 5, 3 at 15, 1 at 45. */
    StudyResult firstBracket(String name, boolean checkpoints) {
        Injector<DigitsXgb> injector = Injectors.forClass(DigitsXgb.class);
        return Study.builder(injector.space()).name(name).optimizer("hyperband", new Fidelity(5, 45), 11, new HyperbandSettings(3, 1))
                .maxBudget(45).seed(11).workDirectory(dir).checkpoints(checkpoints).build()
                .optimize(throughTheInjector(), StoppingRule.maxEvaluations(13));
    }

    @Test
    void promotionsContinueTheSavedBoosterAndRecordWhatTrainingAtOnceGives() {
        StudyResult continued = firstBracket("xgb-continue", true);
        StudyResult restarted = firstBracket("xgb-restart", false);
        assertEquals(13, continued.evaluations().size());
        assertEquals(4, continued.evaluations().stream().filter(Evaluation::continued).count(),
                "every promotion continued from its checkpoint");
        // seed_per_iteration: 5 + 10 rounds are the same booster as 15 at once, so the values agree exactly
        assertEquals(continued.evaluations().stream().map(e -> e.job() + " " + e.value()).toList(),
                restarted.evaluations().stream().map(e -> e.job() + " " + e.value()).toList());
        assertTrue(continued.totalCost() < restarted.totalCost(), continued.totalCost() + " vs " + restarted.totalCost());
        double best = continued.incumbent().orElseThrow().value();
        // ten classes by chance: log-loss ln 10 = 2.30; 45 rounds of a good configuration do far better
        assertTrue(best < 0.5, "validation log-loss of the best at 45 rounds: " + best);
    }

    @Test
    void continuedBoostingIsTheBoosterTrainedAtOnceEvenWithSubsampling() throws Exception {
        for (String booster : new String[] {"gbtree", "dart"}) {
            DigitsData data = DigitsData.load();
            DigitsXgb first = subsampling(booster);
            first.rounds = 6;
            byte[] saved = first.boost(data.train.matrix(), Optional.empty()).toByteArray();
            DigitsXgb more = subsampling(booster);
            more.rounds = 18;
            Booster continued = more.boost(data.train.matrix(), Optional.of(saved));
            Booster atOnce = more.boost(data.train.matrix(), Optional.empty());
            assertEquals(18, continued.getNumBoostedRound());
            float[][] a = continued.predict(data.valid.matrix());
            float[][] b = atOnce.predict(data.valid.matrix());
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(b[i], a[i], 0f, booster + ": row " + i + " differs between 6 + 12 rounds and 18 at once");
            }
        }
    }

    @Test
    void scoresAreLogLossAndAccuracy() {
        Scores s = Scores.of(new float[][] {{0.5f, 0.5f}, {0.1f, 0.9f}, {1f, 0f}}, new int[] {0, 1, 1});
        assertEquals((-Math.log(0.5) - Math.log(0.9) - Math.log(1e-15)) / 3, s.logLoss(), 1e-6);
        assertEquals(2.0 / 3, s.accuracy(), 1e-12, "ties go to the first class");
    }

    @Test
    void theShippedPropertiesFileLoadsIntoTheFieldsRoundsIncluded() throws Exception {
        Map<String, String> file;
        try (InputStream in = DigitsXgb.class.getClassLoader().getResourceAsStream(Hpo.resourceName(DigitsXgb.class))) {
            if (in == null) {
                // a checkout without a tuned file: nothing to check here, the initializers are used
                return;
            }
            file = TunedProperties.read(in, Hpo.resourceName(DigitsXgb.class));
        }
        DigitsXgb model = Hpo.load(new DigitsXgb());
        assertEquals(Double.parseDouble(file.get("eta")), model.eta);
        assertEquals(Integer.parseInt(file.get("maxDepth")), model.maxDepth);
        assertEquals(file.get("booster"), model.booster);
        assertEquals(Integer.parseInt(file.get("rounds")), model.rounds, "the budget the file was tuned for");
        assertEquals(100, Hpo.loadKeepingBudget(new DigitsXgb()).rounds, "unless asked to keep the initializer");
    }
}
