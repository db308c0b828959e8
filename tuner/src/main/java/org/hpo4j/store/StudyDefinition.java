package org.hpo4j.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hpo4j.annotations.Direction;
import org.hpo4j.trial.Criteria;
import org.hpo4j.trial.Goal;

/**
 * What identifies a study in a store. Reopening a study checks that all of it is unchanged, field
 * by field, since replaying the stored history into an optimizer built from other settings would
 * silently mix two different studies.
 *
 * @param name the study's name, unique within a store
 * @param space the search space's fingerprint ({@code SearchSpace.describe()})
 * @param direction whether the objective is minimized or maximized
 * @param optimizer the optimizer's registry name (or class name, for an optimizer object)
 * @param seed the study seed
 * @param settings the optimizer's settings (budgets, warm start)
 * @param criteria the objectives and constraints ({@link Criteria#single} of {@code direction} for
 *     one objective); for several, {@code direction} is the first objective's
 */
public record StudyDefinition(String name, String space, Direction direction, String optimizer, long seed,
                              StudySettings settings, Criteria criteria) {

    /**
     * The kinds of parameters as {@code SearchSpace.describe()} wrote them before it used words of its
     * own: the simple names of the parameter classes. Stored studies of those versions still open.
     */
    private static final Pattern LEGACY_KIND = Pattern.compile("(?m)^(\\S+) (FloatParameter|IntParameter|CategoricalParameter) ");

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

    /** The definition of a study of one objective. */
    public StudyDefinition(String name, String space, Direction direction, String optimizer, long seed,
                           StudySettings settings) {
        this(name, space, direction, optimizer, seed, settings, Criteria.single(direction));
    }

    /** A definition whose settings are stored text ({@link StudySettings#decode}). */
    public StudyDefinition(String name, String space, Direction direction, String optimizer, long seed,
                           String settings, Criteria criteria) {
        this(name, space, direction, optimizer, seed, StudySettings.decode(settings), criteria);
    }

    /** A definition of one objective whose settings are stored text ({@link StudySettings#decode}). */
    public StudyDefinition(String name, String space, Direction direction, String optimizer, long seed, String settings) {
        this(name, space, direction, optimizer, seed, StudySettings.decode(settings));
    }

    /** Whether the study has several objectives or constraints, which the store keeps apart. */
    public boolean hasCriteria() {
        return !criteria.equals(Criteria.single(direction));
    }

    /**
     * A space description in today's words: one written when descriptions named parameter classes
     * ({@code lr FloatParameter [...]}) reads as it is written now ({@code lr float [...]}).
     */
    public static String currentSpace(String description) {
        Matcher m = LEGACY_KIND.matcher(description);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String kind = switch (m.group(2)) {
                case "FloatParameter" -> "float";
                case "IntParameter" -> "int";
                default -> "categorical";
            };
            m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + " " + kind + " "));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** Whether this study's space is the one described by {@code description} (in today's or earlier words). */
    public boolean hasSpace(String description) {
        return currentSpace(space).equals(currentSpace(description));
    }

    /**
     * What differs between this definition and a stored one, one entry per field (empty when they
     * match). The space is compared line by line so the message names the parameters that changed.
     */
    public List<String> differencesFrom(StudyDefinition stored) {
        List<String> diffs = new ArrayList<>();
        if (!hasSpace(stored.space)) {
            List<String> now = List.of(currentSpace(space).split("\n"));
            List<String> before = List.of(currentSpace(stored.space).split("\n"));
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
            // the default optimizer changed between releases: say how to continue with the stored one
            diffs.add("optimizer '" + stored.optimizer + "' -> '" + optimizer + "' (to continue the study, name its optimizer:"
                    + " -Dhpo.optimizer=" + stored.optimizer + ")");
        }
        if (seed != stored.seed) {
            diffs.add("seed " + stored.seed + " -> " + seed);
        }
        if (!criteria.equals(stored.criteria)) {
            diffs.add("objectives and constraints " + describe(stored.criteria) + " -> " + describe(criteria));
        }
        diffs.addAll(settings.differencesFrom(stored.settings));
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
