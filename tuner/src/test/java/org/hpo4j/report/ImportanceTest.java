package org.hpo4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.random.MersenneTwister;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Condition;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

class ImportanceTest {
    private static ParameterImportance find(ImportanceEstimate e, String name) {
        return e.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aParameterThatDrivesTheValueRanksAboveNoise() {
        SearchSpace space = SearchSpace.builder()
                .add(FloatParameter.uniform("noise", 0, 1))
                .add(FloatParameter.logUniform("driver", 1e-3, 1))
                .add(new IntParameter("weak", 1, 10, false, null, List.of()))
                .build();
        MersenneTwister random = new MersenneTwister(1);
        List<Configuration> configs = new ArrayList<>();
        double[] values = new double[60];
        for (int i = 0; i < values.length; i++) {
            Configuration c = space.sample(random::nextDouble);
            configs.add(c);
            values[i] = Math.pow(Math.log10(c.getDouble("driver")) + 1.5, 2) + 0.05 * c.getLong("weak")
                    + 0.01 * random.nextGaussian();
        }
        ImportanceEstimate e = Importance.estimate(space, configs, values, 9, 5);
        assertEquals("driver", e.parameters().get(0).name(), "ranking: " + e.parameters());
        assertEquals("weak", e.parameters().get(1).name(), "ranking: " + e.parameters());
        assertTrue(find(e, "driver").importance() > 0.5, "driver: " + find(e, "driver").importance());
        assertTrue(find(e, "noise").importance() < 0.05, "noise: " + find(e, "noise").importance());
        double sum = e.parameters().stream().mapToDouble(ParameterImportance::importance).sum();
        assertTrue(sum <= 1 + 1e-9, "main effects add up to more than the whole: " + sum);
        assertEquals(9, e.budget());
        assertEquals(60, e.evaluations());

        // the main effect follows the true shape: lowest near driver = 10^-1.5
        List<EffectPoint> effect = find(e, "driver").effect();
        EffectPoint lowest = effect.stream().min((a, b) -> Double.compare(a.predicted(), b.predicted())).orElseThrow();
        assertTrue(lowest.value() > 0.005 && lowest.value() < 0.2, "lowest main effect at " + lowest);
        assertTrue(effect.get(0).predicted() > lowest.predicted() + 1, "effect: " + effect);
    }

    @Test
    void aCategoricalDriverAndAConditionalParameter() {
        SearchSpace space = SearchSpace.builder()
                .add(CategoricalParameter.of("kind", List.of("good", "<bad>", "ugly")))
                .add(FloatParameter.uniform("child", 0, 1).when(Condition.equalTo("kind", "ugly")))
                .add(FloatParameter.uniform("noise", 0, 1))
                .build();
        MersenneTwister random = new MersenneTwister(2);
        List<Configuration> configs = new ArrayList<>();
        double[] values = new double[45];
        for (int i = 0; i < values.length; i++) {
            Configuration c = space.sample(random::nextDouble);
            configs.add(c);
            values[i] = switch (c.getString("kind")) {
                case "good" -> 0;
                case "<bad>" -> 3;
                default -> 1;
            } + 0.01 * random.nextDouble();
        }
        ImportanceEstimate e = Importance.estimate(space, configs, values, 1, 5);
        assertEquals("kind", e.parameters().get(0).name(), "ranking: " + e.parameters());
        ParameterImportance kind = find(e, "kind");
        assertEquals(List.of("good", "<bad>", "ugly"), kind.effect().stream().map(EffectPoint::label).toList());
        assertTrue(kind.effect().get(1).predicted() > kind.effect().get(2).predicted()
                && kind.effect().get(2).predicted() > kind.effect().get(0).predicted(), "effect: " + kind.effect());
        ParameterImportance child = find(e, "child");
        assertTrue(child.activeEvaluations() > 0 && child.activeEvaluations() < 45, "child active in " + child);
    }

    @Test
    void theEstimateIsDeterministic() {
        ReportData data = StudyFixtures.hyperband("d", 9);
        Optional<ImportanceEstimate> a = Importance.estimate(data);
        Optional<ImportanceEstimate> b = Importance.estimate(data);
        assertTrue(a.isPresent());
        assertEquals(a, b);
    }

    @Test
    void usesTheLargestBudgetWithEnoughEvaluations() {
        ReportData data = StudyFixtures.hyperband("budgets", 4);
        Map<Double, Long> counts = new java.util.TreeMap<>();
        data.rows().stream().filter(r -> r.state() == EvaluationState.FINISHED)
                .forEach(r -> counts.merge(r.budget(), 1L, Long::sum));
        double expected = counts.entrySet().stream().filter(en -> en.getValue() >= Importance.MIN_EVALUATIONS)
                .mapToDouble(Map.Entry::getKey).max().orElseThrow();
        assertTrue(expected < 27, "the fixture should have too few evaluations at the largest budget: " + counts);
        assertEquals(expected, Importance.estimate(data).orElseThrow().budget());
    }

    @Test
    void tooFewEvaluationsGiveNoEstimate() {
        assertTrue(Importance.estimate(ExportsTest.threeRows()).isEmpty());
    }
}
