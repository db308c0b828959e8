package org.hpo4j.trial;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hpo4j.annotations.Direction;

/**
 * What the result of an {@code @Objective} method means: its objectives, each with a direction, and
 * its constraints. A method returning a number has one objective and no constraint
 * ({@link #single}); one returning a record has two to four objectives ({@code @Minimize},
 * {@code @Maximize}) and any number of constraints ({@code @AtMost}, {@code @AtLeast}).
 *
 * @param objectives the objectives in component order; the first is the one intermediate reports
 *     ({@code TrialContext.report}) and learning-curve stopping are about
 * @param constraints the constraints in component order
 */
public record Criteria(List<Goal> objectives, List<Constraint> constraints) {

    /** The name of the one objective of a method that returns a number. */
    public static final String SINGLE = "objective";

    /** Copies the lists; at least one objective, names unique within each list. */
    public Criteria {
        objectives = List.copyOf(objectives);
        constraints = List.copyOf(constraints);
        if (objectives.isEmpty()) {
            throw new IllegalArgumentException("criteria need at least one objective");
        }
        unique(objectives.stream().map(Goal::name).toList(), "objective");
        unique(constraints.stream().map(Constraint::name).toList(), "constraint");
    }

    private static void unique(List<String> names, String what) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException("two " + what + "s are named '" + name + "'");
            }
        }
    }

    /** One objective named {@value #SINGLE}, no constraint: a method that returns a number. */
    public static Criteria single(Direction direction) {
        return new Criteria(List.of(new Goal(SINGLE, direction)), List.of());
    }

    /** Whether there is more than one objective. */
    public boolean isMultiObjective() {
        return objectives.size() > 1;
    }

    /** The names of the objectives, in order. */
    public List<String> objectiveNames() {
        return objectives.stream().map(Goal::name).toList();
    }

    /** The objective values as optimizers minimize them (maximized ones negated). */
    public double[] minimized(Score score) {
        check(score);
        double[] values = new double[objectives.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = objectives.get(i).minimized(score.objectives().get(i));
        }
        return values;
    }

    /**
     * The total violation of {@code score}: the sum of {@link Constraint#violation} over the
     * constraints, 0 when it is feasible.
     */
    public double violation(Score score) {
        double total = 0;
        for (double v : violations(score)) {
            total += v;
        }
        return total;
    }

    /** Each constraint's {@link Constraint#violation} for {@code score}, in order: what optimizers rank by. */
    public double[] violations(Score score) {
        check(score);
        double[] values = new double[constraints.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = constraints.get(i).violation(score.constraints().get(i));
        }
        return values;
    }

    /**
     * Whether a study of these criteria tells optimizers vectors (several objectives, or
     * constraints) rather than one value.
     */
    public boolean hasVectors() {
        return isMultiObjective() || !constraints.isEmpty();
    }

    /** The constraints {@code score} violates, in order; empty when it is feasible. */
    public List<Constraint> violated(Score score) {
        check(score);
        return java.util.stream.IntStream.range(0, constraints.size())
                .filter(i -> !constraints.get(i).holds(score.constraints().get(i)))
                .mapToObj(constraints::get)
                .toList();
    }

    private void check(Score score) {
        if (score.objectives().size() != objectives.size() || score.constraints().size() != constraints.size()) {
            throw new IllegalArgumentException("a score of " + score.objectives().size() + " objectives and "
                    + score.constraints().size() + " constraint values does not fit " + this);
        }
    }
}
