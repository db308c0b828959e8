package org.hpo4j.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hpo4j.annotations.Direction;

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
 */
public record StudyDefinition(String name, String space, Direction direction, String optimizer, long seed,
                              String settings) {

    public StudyDefinition {
        Objects.requireNonNull(name, "study name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("study name is blank");
        }
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(settings, "settings");
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
        if (!settings.equals(stored.settings)) {
            diffs.add("settings [" + stored.settings + "] -> [" + settings + "]");
        }
        return diffs;
    }
}
