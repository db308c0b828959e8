package org.hpo4j.samples.digits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hpo4j.annotations.Direction;
import org.hpo4j.inject.Injector;
import org.hpo4j.inject.Injectors;
import org.hpo4j.trial.Constraint;
import org.hpo4j.trial.Criteria;
import org.hpo4j.trial.Goal;
import org.hpo4j.trial.Score;
import org.junit.jupiter.api.Test;

class DigitsMlpSizeTest {

    @Test
    void twoObjectivesAndABoundOnTheWeights() throws Exception {
        Injector<DigitsMlpSize> injector = Injectors.forClass(DigitsMlpSize.class);
        assertEquals("digits-mlp-size", injector.studyName());
        assertEquals(new Criteria(List.of(new Goal("validationError", Direction.MINIMIZE), new Goal("kiloWeights", Direction.MINIMIZE)),
                List.of(new Constraint("kiloWeights", Constraint.Kind.AT_MOST, 10))), injector.criteria());
        assertEquals(7, injector.space().size(), "the hyperparameters of DigitsMlp");

        DigitsMlpSize model = new DigitsMlpSize();
        injector.apply(model, injector.space().configuration(Map.of("learningRate", 0.003, "hidden", 32L, "optimizer", "adam",
                "weightDecay", 1e-5, "dropout", 0.1, "batchSize", 32L)));
        injector.applyBudget(model, 2);
        Score score = injector.score(model, null);
        assertTrue(score.objectives().get(0) < 0.2, "2 epochs of Adam: validation error " + score.objectives().get(0));
        // 64 inputs + bias to 32 hidden units, 32 + bias to 10 classes
        assertEquals((65 * 32 + 33 * 10) / 1000.0, score.objectives().get(1), 1e-12);
        assertEquals(score.objectives().get(1), score.constraints().get(0));
        assertEquals(0, injector.criteria().violation(score));
    }
}
