package org.hpo4j.warmstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.hpo4j.annotations.Direction;
import org.hpo4j.inject.TunedProperties;
import org.hpo4j.optimizer.PriorObservation;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.store.ConfigurationCodec;
import org.hpo4j.store.JobState;
import org.hpo4j.store.StoredJob;
import org.hpo4j.store.StudyStore;
import org.hpo4j.store.StudyStores;
import org.hpo4j.store.StorageLocation;
import org.hpo4j.optimizer.Directions;
import org.hpo4j.optimizer.Pareto;
import org.hpo4j.optimizer.Result;
import org.hpo4j.objective.MinimizedResults;
import org.hpo4j.trial.Criteria;

/**
 * Loads the evaluations of earlier studies as {@link Prior}s of a new space, and chooses from them.
 *
 * <p>Every configuration is passed through {@link SearchSpace#complete}: values are coerced and
 * range-checked, parameters the earlier study did not have get their defaults, values of
 * parameters that are now inactive are dropped. A configuration that does not fit (an unknown
 * parameter, a value out of the new range) is skipped, and the {@code warnings} consumer is told
 * which one and why, naming the file and the key; it is never mixed in half-valid.
 */
public final class Priors {

    private Priors() {
    }

    /**
     * Loads a comma-separated list of earlier studies, as {@code -Dhpo.warmStart} gives them: each
     * entry is a {@code .properties} file written by {@code hpo:tune}, or a study store
     * ({@code path.db}, a {@code jdbc:} URL) followed by {@code #study}; a {@code .db} file without
     * {@code #study} holds the study named like the file, as {@code hpo:tune} names it.
     *
     * @param spec the list; blank gives no priors
     * @param space the new study's space
     * @param warnings told about every configuration skipped
     * @throws IllegalArgumentException naming the entry when a file does not exist, a study is not
     *     in its store, or a store is given without a study name
     */
    public static List<Prior> load(String spec, SearchSpace space, Consumer<String> warnings) {
        return load(spec, null, space, warnings);
    }

    /**
     * {@link #load(String, SearchSpace, Consumer)} with relative file paths resolved against
     * {@code base} (a project's folder); {@code null} leaves them relative to the working folder.
     */
    public static List<Prior> load(String spec, Path base, SearchSpace space, Consumer<String> warnings) {
        List<Prior> all = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return all;
        }
        for (String raw : spec.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.endsWith(".properties")) {
                all.addAll(fromProperties(resolve(base, entry), space, warnings));
                continue;
            }
            int hash = entry.lastIndexOf('#');
            String location = hash < 0 ? entry : entry.substring(0, hash);
            Optional<Path> file = StorageLocation.parse(location) instanceof StorageLocation.SqliteFile f
                    ? Optional.of(resolve(base, f.file().toString())) : Optional.empty();
            if (file.isPresent()) {
                location = file.get().toString();
            }
            String study;
            if (hash >= 0) {
                study = entry.substring(hash + 1);
            } else if (file.isPresent()) {
                String name = file.get().getFileName().toString();
                study = name.substring(0, name.length() - ".db".length());
            } else {
                throw new IllegalArgumentException("warm start entry '" + entry + "': name the study as "
                        + entry + "#<study>, or give a .db file or a .properties file");
            }
            if (file.isPresent() && !Files.isRegularFile(file.get())) {
                throw new IllegalArgumentException("warm start entry '" + entry + "': no study store " + location);
            }
            Path dir = Path.of(location).toAbsolutePath().getParent();
            try (StudyStore store = StudyStores.open(location, dir == null ? Path.of(".") : dir, study, false)) {
                all.addAll(fromStore(store, study, space, warnings));
            }
        }
        return all;
    }

    private static Path resolve(Path base, String file) {
        Path p = Path.of(file);
        return base == null || p.isAbsolute() ? p : base.resolve(p);
    }

    /**
     * The finished evaluations of {@code study} in {@code store}, in job order.
     *
     * @throws IllegalArgumentException when the store has no such study
     */
    public static List<Prior> fromStore(StudyStore store, String study, SearchSpace space, Consumer<String> warnings) {
        if (store.find(study).isEmpty()) {
            throw new IllegalArgumentException("warm start: " + store.location() + " holds no study '" + study + "'");
        }
        List<Prior> priors = new ArrayList<>();
        for (StoredJob job : store.jobs(study)) {
            if (job.state() != JobState.FINISHED) {
                continue;
            }
            String source = store.location() + "#" + study + " job " + job.jobId();
            Map<String, Object> values;
            try {
                values = ConfigurationCodec.parse(job.configuration());
            } catch (IllegalArgumentException e) {
                warnings.accept("warm start: skipped " + source + ": unreadable configuration: " + e.getMessage());
                continue;
            }
            Configuration c = fit(values, space, source, warnings);
            if (c != null) {
                priors.add(new Prior(c, job.budget(), job.value(), source, job.objectives(), job.constraints()));
            }
        }
        return priors;
    }

    /**
     * The configuration of a tuned properties file, with the value and budget of its header when
     * it has them (files written by {@code hpo:tune} do).
     *
     * @return one prior, or none when the configuration does not fit the space
     * @throws IllegalArgumentException when the file does not exist
     */
    public static List<Prior> fromProperties(Path file, SearchSpace space, Consumer<String> warnings) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("warm start: no properties file " + file);
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("warm start: cannot read " + file, e);
        }
        Map<String, String> values = TunedProperties.parse(text, file.toString());
        // the budget is not a hyperparameter: files name its field in the header, "# budget: 27 (epochs)"
        java.util.Optional<TunedProperties.Header> header = TunedProperties.header(text);
        space.budget().ifPresent(b -> values.remove(b.name()));
        header.map(TunedProperties.Header::budgetName).ifPresent(values::remove);
        Configuration c = fit(values, space, file.toString(), warnings);
        if (c == null) {
            return List.of();
        }
        return List.of(new Prior(c, header.map(TunedProperties.Header::budget).orElse(Double.NaN),
                header.map(TunedProperties.Header::value).orElse(Double.NaN), file.toString()));
    }

    private static Configuration fit(Map<String, ?> values, SearchSpace space, String source, Consumer<String> warnings) {
        for (String key : values.keySet()) {
            if (!space.contains(key)) {
                warnings.accept("warm start: skipped " + source + ": key '" + key
                        + "' is not a parameter of the new space " + names(space));
                return null;
            }
        }
        try {
            return space.complete(values);
        } catch (IllegalArgumentException e) {
            warnings.accept("warm start: skipped " + source + ": " + e.getMessage());
            return null;
        }
    }

    private static List<String> names(SearchSpace space) {
        return space.parameters().stream().map(p -> p.name()).toList();
    }

    /**
     * The best {@code k} distinct configurations, to evaluate first: each configuration counts
     * with its evaluation at the largest budget, configurations evaluated at larger budgets come
     * first (a value at a small budget says less), then by value; configurations without a value
     * come last, in the order given.
     */
    public static List<Configuration> best(List<Prior> priors, Direction direction, int k) {
        if (k < 0) {
            throw new IllegalArgumentException("warm-start top-k must be >= 0, got " + k);
        }
        Map<Configuration, Prior> top = new java.util.LinkedHashMap<>();
        for (Prior p : priors) {
            top.merge(p.configuration(), p, (a, b) -> budgetOf(b) > budgetOf(a) ? b : a);
        }
        Comparator<Prior> byValue = Comparator.comparingDouble(p -> !p.hasValue() ? Double.POSITIVE_INFINITY
                : Directions.minimized(direction, p.value()));
        Comparator<Prior> order = Comparator.comparing(Prior::hasValue).reversed()
                .thenComparing(Comparator.comparingDouble(Priors::budgetOf).reversed())
                .thenComparing(byValue);
        // a stable sort keeps ties in the given order, so the choice is deterministic
        Set<Configuration> chosen = new LinkedHashSet<>();
        top.values().stream().sorted(order).limit(k).forEach(p -> chosen.add(p.configuration()));
        return List.copyOf(chosen);
    }

    /**
     * The best {@code k} distinct configurations under {@code criteria}, to evaluate first. With one
     * objective and no constraint, {@link #best(List, Direction, int)}. Otherwise each configuration
     * counts with its evaluation at the largest budget; those with every objective and constraint
     * value come first, by budget (larger first), then by non-dominated rank and crowding of their
     * objectives as the optimizer minimizes them, infeasible ones behind the feasible by their
     * violation ({@link Pareto#order}); the others last, in the order given.
     */
    public static List<Configuration> best(List<Prior> priors, Criteria criteria, int k) {
        if (!criteria.hasVectors()) {
            return best(priors, criteria.objectives().get(0).direction(), k);
        }
        if (k < 0) {
            throw new IllegalArgumentException("warm-start top-k must be >= 0, got " + k);
        }
        int objectives = criteria.objectives().size();
        int constraints = criteria.constraints().size();
        Map<Configuration, Prior> top = new java.util.LinkedHashMap<>();
        for (Prior p : priors) {
            top.merge(p.configuration(), p, (a, b) -> budgetOf(b) > budgetOf(a) ? b : a);
        }
        java.util.TreeMap<Double, List<Prior>> byBudget = new java.util.TreeMap<>(Comparator.reverseOrder());
        List<Prior> rest = new ArrayList<>();
        for (Prior p : top.values()) {
            if (p.fits(objectives, constraints)) {
                byBudget.computeIfAbsent(budgetOf(p), b -> new ArrayList<>()).add(p);
            } else {
                rest.add(p);
            }
        }
        List<Configuration> chosen = new ArrayList<>();
        for (List<Prior> atBudget : byBudget.values()) {
            List<Pareto.Point> points = atBudget.stream()
                    .map(p -> Pareto.Point.of(MinimizedResults.of(criteria, Direction.MINIMIZE, resultOf(p)))).toList();
            for (int i : Pareto.order(points)) {
                chosen.add(atBudget.get(i).configuration());
            }
        }
        rest.forEach(p -> chosen.add(p.configuration()));
        return List.copyOf(chosen.subList(0, Math.min(k, chosen.size())));
    }

    /**
     * The priors a model of a study of {@code criteria} can learn from, as the optimizer is told
     * results ({@link MinimizedResults}): with one objective and no constraint,
     * {@link #observations(List, Direction, double)}; otherwise the priors with every objective and
     * constraint value, objectives to minimize and each constraint's violation. A prior without a
     * budget counts at {@code defaultBudget}.
     */
    public static List<PriorObservation> observations(List<Prior> priors, Criteria criteria, double defaultBudget) {
        if (!criteria.hasVectors()) {
            return observations(priors, criteria.objectives().get(0).direction(), defaultBudget);
        }
        List<PriorObservation> out = new ArrayList<>();
        for (Prior p : priors) {
            Result told = p.fits(criteria.objectives().size(), criteria.constraints().size())
                    ? MinimizedResults.of(criteria, Direction.MINIMIZE, resultOf(p)) : null;
            if (told != null && !told.isFailure()) {
                out.add(new PriorObservation(p.configuration(), Double.isNaN(p.budget()) ? defaultBudget : p.budget(), told));
            }
        }
        return out;
    }

    private static Result resultOf(Prior p) {
        return Result.of(p.objectives(), p.constraints());
    }

    private static double budgetOf(Prior p) {
        return Double.isNaN(p.budget()) ? Double.NEGATIVE_INFINITY : p.budget();
    }

    /**
     * The priors with a value, as observations for a model: values negated when the study
     * maximizes (optimizers minimize); a prior without a budget counts at {@code defaultBudget}.
     */
    public static List<PriorObservation> observations(List<Prior> priors, Direction direction, double defaultBudget) {
        List<PriorObservation> out = new ArrayList<>();
        for (Prior p : priors) {
            if (p.hasValue()) {
                double v = Directions.minimized(direction, p.value());
                out.add(new PriorObservation(p.configuration(), Double.isNaN(p.budget()) ? defaultBudget : p.budget(), v));
            }
        }
        return out;
    }
}
