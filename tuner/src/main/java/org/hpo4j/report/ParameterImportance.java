package org.hpo4j.report;

import java.util.List;

/**
 * How much of the variation of the objective one parameter explains on its own.
 *
 * @param name the parameter
 * @param importance the fraction of the model's variance explained by the parameter's main effect,
 *     in {@code [0, 1]}
 * @param activeEvaluations how many of the evaluations used had the parameter active
 * @param effect the estimated main effect over the parameter's domain, in domain order
 */
public record ParameterImportance(String name, double importance, int activeEvaluations, List<EffectPoint> effect) {
    public ParameterImportance {
        effect = List.copyOf(effect);
    }
}
