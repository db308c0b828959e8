package org.hpo4j.samples.digits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Map;
import org.hpo4j.inject.Hpo;
import org.hpo4j.inject.Injector;
import org.hpo4j.inject.Injectors;
import org.hpo4j.inject.TunedProperties;
import org.junit.jupiter.api.Test;

class DigitsMlpTest {

    @Test
    void theProcessorSeesEveryHyperparameterAndTheBudget() {
        Injector<DigitsMlp> injector = Injectors.forClass(DigitsMlp.class);
        assertEquals("digits-mlp", injector.studyName());
        assertEquals(java.util.Set.of("learningRate", "hidden", "optimizer", "momentum", "weightDecay", "dropout", "batchSize"),
                injector.space().parameters().stream().map(p -> p.name()).collect(java.util.stream.Collectors.toSet()));
        assertEquals("[optimizer == momentum]", injector.space().parameter("momentum").conditions().toString());
        assertEquals(81, injector.space().budget().orElseThrow().max());
    }

    @Test
    void theShippedPropertiesFileLoadsIntoTheFields() throws Exception {
        Map<String, String> file;
        try (InputStream in = DigitsMlp.class.getClassLoader().getResourceAsStream(Hpo.resourceName(DigitsMlp.class))) {
            if (in == null) {
                // a checkout without a tuned file: nothing to check here, the initializers are used
                return;
            }
            file = TunedProperties.read(in, Hpo.resourceName(DigitsMlp.class));
        }
        DigitsMlp model = Hpo.load(new DigitsMlp());
        assertEquals(Double.parseDouble(file.get("learningRate")), model.learningRate);
        assertEquals(Integer.parseInt(file.get("hidden")), model.hidden);
        assertEquals(file.get("optimizer"), model.optimizer);
        assertEquals(Integer.parseInt(file.get("batchSize")), model.batchSize);
        assertEquals(file.containsKey("epochs") ? Integer.parseInt(file.get("epochs")) : 81, model.epochs,
                "the budget the file was tuned for (older files without it: the initializer, the full budget)");
    }

    @Test
    void aShortEvaluationThroughTheInjectorLearns() throws Exception {
        Injector<DigitsMlp> injector = Injectors.forClass(DigitsMlp.class);
        DigitsMlp model = new DigitsMlp();
        injector.apply(model, injector.space().configuration(Map.of("learningRate", 0.003, "hidden", 32L, "optimizer", "adam",
                "weightDecay", 1e-5, "dropout", 0.1, "batchSize", 32L)));
        injector.applyBudget(model, 3);
        assertEquals(3, model.epochs);
        double error = injector.evaluate(model, null);
        assertTrue(error < 0.15, "3 epochs of Adam: validation error " + error);
        assertTrue(model.testAccuracy() > 0.85);
    }
}
