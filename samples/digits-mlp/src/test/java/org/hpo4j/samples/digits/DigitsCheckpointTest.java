package org.hpo4j.samples.digits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.hpo4j.inject.Injector;
import org.hpo4j.inject.Injectors;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.objective.Objective;
import org.hpo4j.study.StoppingRule;
import org.hpo4j.study.Study;
import org.hpo4j.study.StudyResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample continues promoted configurations through the generated injector, exactly as if it had trained on. */
class DigitsCheckpointTest {
    @TempDir
    Path dir;

    /** What the tuner does per evaluation: a fresh instance, values and budget injected, the @Objective method. */
    static Objective throughTheInjector() {
        Injector<DigitsMlp> injector = Injectors.forClass(DigitsMlp.class);
        return (configuration, context) -> {
            DigitsMlp model = new DigitsMlp();
            injector.apply(model, configuration);
            injector.applyBudget(model, context.budget());
            return injector.evaluate(model, context);
        };
    }

    StudyResult firstBracket(String name, boolean checkpoints) {
        Injector<DigitsMlp> injector = Injectors.forClass(DigitsMlp.class);
        // bracket s=2 of Hyperband over 1..9 epochs: 9 configurations at 1, 3 at 3, 1 at 9
        return Study.builder(injector.space()).name(name).optimizer("hyperband", new Fidelity(1, 9), 5, new HyperbandSettings(3, 1))
                .maxBudget(9).seed(5).workDirectory(dir).checkpoints(checkpoints).build()
                .optimize(throughTheInjector(), StoppingRule.maxEvaluations(13));
    }

    static List<String> jobsAndValues(StudyResult r) {
        return r.evaluations().stream().map(e -> e.job() + " " + e.value()).toList();
    }

    @Test
    void promotionsContinueFromTheSavedNetworkAndEndWhereUninterruptedTrainingEnds() {
        StudyResult continued = firstBracket("digits-continue", true);
        StudyResult restarted = firstBracket("digits-restart", false);

        assertEquals(13, continued.evaluations().size());
        for (Evaluation e : continued.evaluations()) {
            assertEquals(e.job().previousBudget() > 0, e.continued(), e.job().toString());
            assertEquals((e.job().budget() - e.job().previousBudget()) / 9, e.cost(), 1e-12);
        }
        for (Evaluation e : restarted.evaluations()) {
            assertFalse(e.continued());
            assertEquals(e.job().budget() / 9, e.cost(), 1e-12);
        }
        // weights, optimizer moments, random generator and epoch count all survive: same values, same trials
        assertEquals(jobsAndValues(restarted), jobsAndValues(continued));
        assertEquals(21.0 / 9, continued.totalCost(), 1e-9, "9 x 1 + 3 x 2 + 1 x 6 epochs");
        assertEquals(27.0 / 9, restarted.totalCost(), 1e-9, "9 x 1 + 3 x 3 + 1 x 9 epochs");
        assertTrue(continued.incumbent().isPresent());
    }
}
