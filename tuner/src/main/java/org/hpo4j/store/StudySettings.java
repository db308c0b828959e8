package org.hpo4j.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The optimizer settings a stored study is bound to, as typed values: the budgets (range, eta of an
 * optimizer with brackets, and the optimizer's seed) of an optimizer built from the registry, and
 * the warm start that seeded it.
 * A study is continued only with equal settings; {@link #differencesFrom} names each field that
 * differs. {@code maxIterations} is not part of it: a study may be continued for more (or fewer)
 * iterations, since the bound only ends the same sequence of jobs earlier or later.
 *
 * <p>Stored as text by {@link #encode()} and read back by {@link #decode}, the one codec: version 3
 * writes {@code v3 minBudget=1.0 maxBudget=81.0 eta=3.0 seed=0 warmStart=3/10/0.5/1a2b}, with
 * {@code eta} only for an optimizer that has one. Versions 1 (no tag) and 2 wrote an eta for every
 * optimizer, also for those without brackets, which never used it; such a stored eta is ignored
 * when the settings of today have none ({@link #differencesFrom}), so those studies still open.
 *
 * @param budgets the budget range, eta and seed the optimizer was built with; empty for an
 *     optimizer handed to the study as an object
 * @param warmStart the warm start that seeded the optimizer; empty without one
 */
public record StudySettings(Optional<Budgets> budgets, Optional<WarmStart> warmStart) {
    /** The version {@link #encode()} writes. */
    public static final int VERSION = 3;

    /** No budgets, no warm start: an optimizer object's settings. */
    public static final StudySettings NONE = new StudySettings(Optional.empty(), Optional.empty());

    /**
     * The budgets of an optimizer built by name.
     *
     * @param min the smallest budget
     * @param max the largest budget
     * @param eta the promotion factor of an optimizer with brackets; empty for one without
     * @param seed the optimizer's seed
     */
    public record Budgets(double min, double max, OptionalDouble eta, long seed) {
        public Budgets {
            Objects.requireNonNull(eta, "eta");
        }

        /** The budgets of an optimizer with brackets. */
        public Budgets(double min, double max, double eta, long seed) {
            this(min, max, OptionalDouble.of(eta), seed);
        }
    }

    /**
     * A warm start.
     *
     * @param seeds how many prior configurations were evaluated first
     * @param priors how many earlier evaluations the optimizer learned from
     * @param weight what one prior counts, relative to an own evaluation
     * @param digest a digest of the priors' configurations, budgets and values
     */
    public record WarmStart(int seeds, int priors, double weight, String digest) {
        public WarmStart {
            Objects.requireNonNull(digest, "digest");
        }
    }

    public StudySettings {
        Objects.requireNonNull(budgets, "budgets");
        Objects.requireNonNull(warmStart, "warmStart");
    }

    /** Settings with budgets and no warm start. */
    public static StudySettings of(Budgets budgets) {
        return new StudySettings(Optional.of(budgets), Optional.empty());
    }

    /** These settings with {@code value} as their warm start. */
    public StudySettings withWarmStart(WarmStart value) {
        return new StudySettings(budgets, Optional.of(value));
    }

    /** The text the store keeps. */
    public String encode() {
        StringBuilder b = new StringBuilder("v").append(VERSION);
        budgets.ifPresent(x -> {
            b.append(" minBudget=").append(x.min()).append(" maxBudget=").append(x.max());
            x.eta().ifPresent(eta -> b.append(" eta=").append(eta));
            b.append(" seed=").append(x.seed());
        });
        warmStart.ifPresent(w -> b.append(" warmStart=").append(w.seeds()).append('/').append(w.priors()).append('/')
                .append(w.weight()).append('/').append(w.digest()));
        return b.toString();
    }

    /**
     * The settings in {@code stored}, written by {@link #encode()} of this version or an earlier one.
     *
     * @throws IllegalArgumentException for text no version wrote, quoting it
     */
    public static StudySettings decode(String stored) {
        Map<String, String> fields = new LinkedHashMap<>();
        String[] words = stored.trim().isEmpty() ? new String[0] : stored.trim().split(" +");
        int first = 0;
        int version = 1;
        if (words.length > 0 && words[0].matches("v\\d+")) {
            version = Integer.parseInt(words[0].substring(1));
            if (version > VERSION) {
                throw new IllegalArgumentException("study settings [" + stored + "] were written by a newer hpo4j"
                        + " (settings version " + version + "; this one reads up to " + VERSION + ")");
            }
            first = 1;
        }
        for (int i = first; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("study settings [" + stored + "]: '" + words[i] + "' is no key=value");
            }
            fields.put(words[i].substring(0, eq), words[i].substring(eq + 1));
        }
        try {
            Optional<Budgets> budgets = fields.containsKey("maxBudget")
                    ? Optional.of(new Budgets(Double.parseDouble(fields.remove("minBudget")),
                    Double.parseDouble(fields.remove("maxBudget")), eta(fields.remove("eta"), version),
                    Long.parseLong(fields.remove("seed"))))
                    : Optional.empty();
            Optional<WarmStart> warmStart = Optional.empty();
            String w = fields.remove("warmStart");
            if (w != null) {
                String[] parts = w.split("/");
                warmStart = Optional.of(new WarmStart(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                        Double.parseDouble(parts[2]), parts[3]));
            }
            if (!fields.isEmpty()) {
                throw new IllegalArgumentException("study settings [" + stored + "]: unknown " + fields.keySet());
            }
            return new StudySettings(budgets, warmStart);
        } catch (NullPointerException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("study settings [" + stored + "] cannot be read: " + e, e);
        }
    }

    /** What differs from {@code stored}, one entry per field (empty when they match). */
    public List<String> differencesFrom(StudySettings stored) {
        List<String> diffs = new ArrayList<>();
        if (budgets.isPresent() != stored.budgets.isPresent()) {
            diffs.add("optimizer built " + (stored.budgets.isPresent() ? "by name" : "as an object") + " -> "
                    + (budgets.isPresent() ? "by name" : "as an object"));
        } else if (budgets.isPresent()) {
            Budgets now = budgets.get();
            Budgets before = stored.budgets.get();
            compare(diffs, "minBudget", before.min(), now.min());
            compare(diffs, "maxBudget", before.max(), now.max());
            if (now.eta().isPresent()) {
                compare(diffs, "eta", before.eta().isPresent() ? before.eta().getAsDouble() : "none", now.eta().getAsDouble());
            }
            compare(diffs, "optimizer seed", before.seed(), now.seed());
        }
        if (!warmStart.equals(stored.warmStart)) {
            diffs.add("warm start " + stored.warmStart.map(StudySettings::describe).orElse("none") + " -> "
                    + warmStart.map(StudySettings::describe).orElse("none"));
        }
        return diffs;
    }

    /** Versions before 3 wrote an eta for every optimizer; version 3 only for those that have one. */
    private static OptionalDouble eta(String text, int version) {
        // before version 3 a missing eta is a damaged text: parseDouble's NullPointerException says so
        return text == null && version >= 3 ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(text));
    }

    private static void compare(List<String> diffs, String field, Object before, Object now) {
        if (!before.equals(now)) {
            diffs.add(field + " " + before + " -> " + now);
        }
    }

    private static String describe(WarmStart w) {
        return w.seeds() + " seeds of " + w.priors() + " priors, weight " + w.weight() + ", digest " + w.digest();
    }
}
