package org.hpo4j.study;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hpo4j.annotations.Direction;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.optimizer.Pareto;
import org.hpo4j.trial.Constraint;
import org.hpo4j.trial.Criteria;
import org.hpo4j.trial.Score;

/**
 * Which evaluation of a study of several objectives the properties file holds
 * ({@code -Dhpo.select}). Only feasible evaluations at the largest budget a feasible one reached
 * are candidates (the points the Pareto front is made of); a rule picks one of them:
 * <ul>
 *   <li>{@code min <component>} or {@code max <component>}, optionally
 *       {@code where <component> <= | >= | < | > <number>} joined by {@code and}: the best by that
 *       component among the candidates that meet every condition, e.g.
 *       {@code min error where latencyMs <= 20};</li>
 *   <li>{@code weights <objective>=<w>, ...}: the smallest weighted sum of the objectives, each
 *       in its direction (maximized ones count negated), e.g. {@code weights error=1, latencyMs=0.01}.</li>
 * </ul>
 * Without a rule: the best first objective among the candidates ({@link #defaultFor}). Ties go to
 * the evaluation that finished first.
 */
public sealed interface Selection {

    /**
     * Picks the evaluation.
     *
     * @throws NoFeasibleEvaluationException when no evaluation is feasible or none meets the rule's
     *     conditions; the message names the constraints or conditions
     */
    Evaluation choose(List<Evaluation> evaluations, Criteria criteria);

    /** The rule as the user writes it. */
    String text();

    /** The best first objective among the feasible evaluations. */
    static Selection defaultFor(Criteria criteria) {
        return new Best(criteria.objectives().get(0).name(), criteria.objectives().get(0).direction(), List.of());
    }

    /**
     * Reads a rule (see the class comment).
     *
     * @throws IllegalArgumentException naming what is wrong in {@code text}, and the components known
     */
    static Selection parse(String text, Criteria criteria) {
        return new Parser(text, criteria).parse();
    }

    /** The feasible, non-dominated evaluations at the largest budget a feasible one reached, in job order. */
    static List<Evaluation> front(List<Evaluation> evaluations, Criteria criteria) {
        List<Evaluation> candidates = candidates(evaluations, criteria);
        List<Pareto.Point> points = candidates.stream()
                .map(e -> new Pareto.Point(criteria.minimized(score(e)), 0)).toList();
        return Pareto.front(points).stream().map(candidates::get).toList();
    }

    /** The feasible evaluations at the largest budget a feasible one reached. */
    static List<Evaluation> candidates(List<Evaluation> evaluations, Criteria criteria) {
        List<Evaluation> feasible = evaluations.stream()
                .filter(e -> fits(e, criteria) && criteria.violation(score(e)) == 0)
                .toList();
        double top = feasible.stream().mapToDouble(e -> e.job().budget()).max().orElse(Double.NaN);
        return feasible.stream().filter(e -> e.job().budget() == top)
                .sorted(Comparator.comparingInt(e -> e.job().id())).toList();
    }

    /**
     * Whether an evaluation finished with every component (an evaluation stopped early by the
     * curve stopper may hold the first objective only).
     */
    static boolean fits(Evaluation e, Criteria criteria) {
        return !e.isFailure() && e.result().objectives().size() == criteria.objectives().size()
                && e.result().constraints().size() == criteria.constraints().size();
    }

    /** The components an evaluation returned. */
    static Score score(Evaluation e) {
        return new Score(e.result().objectives(), e.result().constraints());
    }

    /** The value of a named component (objective or constrained) in an evaluation. */
    static double component(Evaluation e, Criteria criteria, String name) {
        int o = criteria.objectiveNames().indexOf(name);
        if (o >= 0) {
            return e.result().objectives().get(o);
        }
        for (int i = 0; i < criteria.constraints().size(); i++) {
            if (criteria.constraints().get(i).name().equals(name)) {
                return e.result().constraints().get(i);
            }
        }
        throw new IllegalArgumentException("no component '" + name + "'");
    }

    /** The candidates, or the error that says why there are none. */
    private static List<Evaluation> feasibleOrThrow(List<Evaluation> evaluations, Criteria criteria) {
        List<Evaluation> candidates = candidates(evaluations, criteria);
        if (!candidates.isEmpty()) {
            return candidates;
        }
        List<Evaluation> finished = evaluations.stream().filter(e -> fits(e, criteria)).toList();
        StringBuilder b = new StringBuilder("no evaluation is feasible (" + finished.size() + " finished)");
        for (Constraint c : criteria.constraints()) {
            long held = finished.stream().filter(e -> c.holds(component(e, criteria, c.name()))).count();
            Optional<Double> closest = finished.stream().map(e -> component(e, criteria, c.name()))
                    .min(Comparator.comparingDouble(c::violation));
            b.append("; ").append(c).append(" held in ").append(held).append(" of ").append(finished.size())
                    .append(closest.map(v -> " (closest: " + v + ")").orElse(""));
        }
        throw new NoFeasibleEvaluationException(b + "; loosen the constraint or search elsewhere");
    }

    /**
     * The best by one component among the candidates that meet every condition.
     *
     * @param component the component to optimize
     * @param direction whether to minimize or maximize it
     * @param where the conditions, all of which must hold
     */
    record Best(String component, Direction direction, List<Condition> where) implements Selection {
        public Best {
            where = List.copyOf(where);
        }

        @Override
        public Evaluation choose(List<Evaluation> evaluations, Criteria criteria) {
            List<Evaluation> candidates = feasibleOrThrow(evaluations, criteria).stream()
                    .filter(e -> where.stream().allMatch(c -> c.holds(Selection.component(e, criteria, c.component()))))
                    .toList();
            if (candidates.isEmpty()) {
                throw new NoFeasibleEvaluationException("no feasible evaluation meets '" + text() + "'");
            }
            Comparator<Evaluation> order = Comparator.comparingDouble(e -> Selection.component(e, criteria, component));
            if (direction == Direction.MAXIMIZE) {
                order = order.reversed();
            }
            return candidates.stream().min(order.thenComparingInt(e -> e.job().id())).orElseThrow();
        }

        @Override
        public String text() {
            StringBuilder b = new StringBuilder(direction == Direction.MAXIMIZE ? "max " : "min ").append(component);
            for (int i = 0; i < where.size(); i++) {
                b.append(i == 0 ? " where " : " and ").append(where.get(i));
            }
            return b.toString();
        }
    }

    /**
     * The smallest weighted sum of the objectives in their directions.
     *
     * @param weights one per objective named, in the order written
     */
    record Weighted(List<Weight> weights) implements Selection {
        public Weighted {
            weights = List.copyOf(weights);
        }

        @Override
        public Evaluation choose(List<Evaluation> evaluations, Criteria criteria) {
            return feasibleOrThrow(evaluations, criteria).stream()
                    .min(Comparator.<Evaluation>comparingDouble(e -> sum(e, criteria)).thenComparingInt(e -> e.job().id()))
                    .orElseThrow();
        }

        private double sum(Evaluation e, Criteria criteria) {
            double[] minimized = criteria.minimized(score(e));
            double s = 0;
            for (Weight w : weights) {
                s += w.weight() * minimized[criteria.objectiveNames().indexOf(w.objective())];
            }
            return s;
        }

        @Override
        public String text() {
            StringBuilder b = new StringBuilder("weights ");
            for (int i = 0; i < weights.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(weights.get(i).objective()).append('=').append(weights.get(i).weight());
            }
            return b.toString();
        }
    }

    /** A weight of an objective. */
    record Weight(String objective, double weight) {
    }

    /**
     * A condition of a {@link Best} rule.
     *
     * @param component the component compared
     * @param operator one of {@code <=}, {@code >=}, {@code <}, {@code >}
     * @param bound the number compared with
     */
    record Condition(String component, String operator, double bound) {
        boolean holds(double value) {
            return switch (operator) {
                case "<=" -> value <= bound;
                case ">=" -> value >= bound;
                case "<" -> value < bound;
                case ">" -> value > bound;
                default -> throw new IllegalStateException(operator);
            };
        }

        @Override
        public String toString() {
            return component + " " + operator + " " + bound;
        }
    }

    /** Reads rules word by word. */
    final class Parser {
        private final String text;
        private final Criteria criteria;
        private final List<String> tokens = new ArrayList<>();
        private int at;

        Parser(String text, Criteria criteria) {
            this.text = text == null ? "" : text.trim();
            this.criteria = criteria;
            // operators and separators are words of their own even when written without spaces
            String spaced = this.text.replaceAll("(<=|>=|<|>|=|,)", " $1 ").replace("<  =", "<=").replace(">  =", ">=");
            for (String t : spaced.trim().split("\\s+")) {
                if (!t.isEmpty()) {
                    tokens.add(t);
                }
            }
        }

        Selection parse() {
            String first = next("'min', 'max' or 'weights'").toLowerCase(Locale.ROOT);
            switch (first) {
                case "min", "max" -> {
                    String component = component(next("a component after '" + first + "'"));
                    List<Condition> where = new ArrayList<>();
                    if (at < tokens.size()) {
                        expect("where");
                        do {
                            String name = component(next("a component after 'where' / 'and'"));
                            String op = next("<=, >=, < or > after '" + name + "'");
                            if (!List.of("<=", ">=", "<", ">").contains(op)) {
                                throw error("expected <=, >=, < or > after '" + name + "', got '" + op + "'");
                            }
                            where.add(new Condition(name, op, number(next("a number after '" + op + "'"))));
                        } while (at < tokens.size() && accept("and"));
                    }
                    end();
                    return new Best(component, first.equals("max") ? Direction.MAXIMIZE : Direction.MINIMIZE, where);
                }
                case "weights" -> {
                    List<Weight> weights = new ArrayList<>();
                    do {
                        String name = next("an objective after 'weights'");
                        if (!criteria.objectiveNames().contains(name)) {
                            throw error("'" + name + "' is not an objective; objectives: "
                                    + String.join(", ", criteria.objectiveNames()));
                        }
                        expect("=");
                        weights.add(new Weight(name, number(next("a weight after '='"))));
                    } while (at < tokens.size() && accept(","));
                    end();
                    return new Weighted(weights);
                }
                default -> throw error("a rule starts with 'min', 'max' or 'weights', not '" + first + "'");
            }
        }

        private String component(String name) {
            List<String> known = new ArrayList<>(criteria.objectiveNames());
            criteria.constraints().forEach(c -> {
                if (!known.contains(c.name())) {
                    known.add(c.name());
                }
            });
            if (!known.contains(name)) {
                throw error("unknown component '" + name + "'; known: " + String.join(", ", known));
            }
            return name;
        }

        private double number(String token) {
            try {
                double v = Double.parseDouble(token);
                if (Double.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw error("'" + token + "' is not a finite number");
        }

        private String next(String what) {
            if (at >= tokens.size()) {
                throw error("expected " + what + " at the end");
            }
            return tokens.get(at++);
        }

        private boolean accept(String word) {
            if (tokens.get(at).equalsIgnoreCase(word)) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(String word) {
            String got = next("'" + word + "'");
            if (!got.equalsIgnoreCase(word)) {
                throw error("expected '" + word + "', got '" + got + "'");
            }
        }

        private void end() {
            if (at < tokens.size()) {
                throw error("unexpected '" + tokens.get(at) + "'");
            }
        }

        private IllegalArgumentException error(String problem) {
            return new IllegalArgumentException("hpo.select \"" + text + "\": " + problem
                    + " (rules: 'min error where latencyMs <= 20', 'max accuracy', 'weights error=1, latencyMs=0.01')");
        }
    }
}
