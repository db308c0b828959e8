package org.hpo4j.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hpo4j.annotations.Direction;
import org.hpo4j.trial.Criteria;
import org.hpo4j.trial.Goal;

/**
 * What identifies a study in a store. Reopening a study checks that all of it is unchanged, since
 * replaying the stored history into an optimizer built from other settings would silently mix two
 * different studies.
 *
 * @param name the study's name, unique within a store
 * @param space the search space's fingerprint ({@code SearchSpace.describe()})
 * @param direction whether the objective is minimized or maximized
 * @param optimizer the optimizer's registry name
 * @param seed the study seed
 * @param settings the optimizer settings in text (budget range, eta, iterations), compared verbatim
 * @param criteria the objectives and constraints ({@link Criteria#single} of {@code direction} for
 *     one objective); for several, {@code direction} is the first objective's
 */
public record StudyDefinition(String name, String space, Direction direction, String optimizer, long seed,
                              String settings, Criteria criteria) {

    /** The definition of a study of one objective. */
    public StudyDefinition(String name, String space, Direction direction, String optimizer, long seed, String settings) {
        this(name, space, direction, optimizer, seed, settings, Criteria.single(direction));
    }

    public StudyDefinition {
        Objects.requireNonNull(name, "study name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("study name is blank");
        }
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(criteria, "criteria");
        if (criteria.objectives().get(0).direction() != direction) {
            throw new IllegalArgumentException("direction " + direction + " is not that of the first objective, "
                    + criteria.objectives().get(0));
        }
    }

    /** Whether the study has several objectives or constraints, which the store keeps apart. */
    public boolean hasCriteria() {
        return !criteria.equals(Criteria.single(direction));
    }

    /**
     * What differs between this definition and a stored one, in words (empty when they match).
     * The space is compared line by line so the message names the parameters that changed.
     */
    public List<String> differencesFrom(StudyDefinition stored) {
        List<String> diffs = new ArrayList<>();
        if (!space.equals(stored.space)) {
            List<String> now = List.of(space.split("\n"));
            List<String> before = List.of(stored.space.split("\n"));
            StringBuilder b = new StringBuilder("the search space changed:");
            for (String line : before) {
                if (!now.contains(line)) {
                    b.append("\n  - ").append(line);
                }
            }
            for (String line : now) {
                if (!before.contains(line)) {
                    b.append("\n  + ").append(line);
                }
            }
            diffs.add(b.toString());
        }
        if (direction != stored.direction) {
            diffs.add("direction " + stored.direction + " -> " + direction);
        }
        if (!optimizer.equals(stored.optimizer)) {
            diffs.add("optimizer '" + stored.optimizer + "' -> '" + optimizer + "'");
        }
        if (seed != stored.seed) {
            diffs.add("seed " + stored.seed + " -> " + seed);
        }
        if (!criteria.equals(stored.criteria)) {
            diffs.add("objectives and constraints " + describe(stored.criteria) + " -> " + describe(criteria));
        }
        if (!settings.equals(stored.settings)) {
            diffs.add("settings [" + stored.settings + "] -> [" + settings + "]");
        }
        return diffs;
    }

    /** Criteria as messages show them: {@code [min error, min latencyMs; latencyMs <= 20]}. */
    static String describe(Criteria criteria) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < criteria.objectives().size(); i++) {
            Goal g = criteria.objectives().get(i);
            b.append(i == 0 ? "" : ", ").append(g.direction() == Direction.MAXIMIZE ? "max " : "min ").append(g.name());
        }
        for (int i = 0; i < criteria.constraints().size(); i++) {
            b.append(i == 0 ? "; " : ", ").append(criteria.constraints().get(i));
        }
        return b.append("]").toString();
    }
}
