package org.hpo4j.study;

import java.time.Duration;
import java.util.List;

/**
 * When a study stops asking for new jobs. A study also stops when its optimizer is finished.
 * Rules are checked before each job is started, so a running job is never cut short by them.
 */
@FunctionalInterface
public interface StoppingRule {

    /** Whether the study should start no further job, given its progress so far. */
    boolean shouldStop(Progress progress);

    /**
     * What a rule looks at.
     *
     * @param evaluations number of finished evaluations, failures included
     * @param cost sum of the finished evaluations' costs, in full evaluations
     * @param elapsed time since the study started optimizing
     */
    record Progress(int evaluations, double cost, Duration elapsed) {
    }

    /** Stops once {@code n} evaluations are finished. */
    static StoppingRule maxEvaluations(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxEvaluations must be at least 1, got " + n);
        }
        return named(p -> p.evaluations() >= n, "maxEvaluations(" + n + ")");
    }

    /**
     * Stops once the cost spent reaches {@code cost} full evaluations (an evaluation at budget
     * {@code b} costs {@code b / maxBudget}).
     */
    static StoppingRule maxCost(double cost) {
        if (!(cost > 0) || Double.isInfinite(cost)) {
            throw new IllegalArgumentException("maxCost must be positive and finite, got " + cost);
        }
        return named(p -> p.cost() >= cost, "maxCost(" + cost + ")");
    }

    /** Stops once {@code limit} has passed since the study started. */
    static StoppingRule timeLimit(Duration limit) {
        if (limit == null || limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be positive, got " + limit);
        }
        return named(p -> p.elapsed().compareTo(limit) >= 0, "timeLimit(" + limit + ")");
    }

    /** Stops as soon as any of {@code rules} says so. */
    static StoppingRule anyOf(StoppingRule... rules) {
        if (rules.length == 0) {
            throw new IllegalArgumentException("anyOf needs at least one rule");
        }
        List<StoppingRule> all = List.of(rules);
        return named(p -> all.stream().anyMatch(r -> r.shouldStop(p)), "anyOf" + all);
    }

    /** Stops when this rule or {@code other} says so. */
    default StoppingRule or(StoppingRule other) {
        return anyOf(this, other);
    }

    private static StoppingRule named(StoppingRule rule, String text) {
        return new StoppingRule() {
            @Override
            public boolean shouldStop(Progress progress) {
                return rule.shouldStop(progress);
            }

            @Override
            public String toString() {
                return text;
            }
        };
    }
}
