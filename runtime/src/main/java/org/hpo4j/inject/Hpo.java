package org.hpo4j.inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.hpo4j.space.BudgetSpec;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.Parameter;
import org.hpo4j.space.SearchSpace;

/**
 * Loads tuned hyperparameters into an instance of an annotated class.
 *
 * <pre>{@code
 * DigitsMlp model = Hpo.load(new DigitsMlp());   // tuned values, else the initializers
 * }</pre>
 *
 * <p>{@link #load(Object)} reads the class-path resource {@code hpo/<binary class name>.properties}
 * (what {@code mvn hpo:tune} writes), then system properties
 * {@code -Dhpo.<SimpleName>.<key>=value} or {@code -Dhpo.<binary class name>.<key>=value}, which
 * win over the file. Parameters that neither sets keep the instance's values. Every given key is
 * checked against the class's search space; a bad one is an {@link HpoConfigurationException}
 * that names the file or system property, the key, the value and what is allowed.
 *
 * <p>The budget is part of the tuned result: a learning rate tuned for 405 boosting rounds is not
 * the one for 100. So the {@code @Budget} field is set to the budget the file was tuned for (its
 * key is the field's name, like a hyperparameter's), and {@code -Dhpo.<SimpleName>.<budgetField>=N}
 * overrides it. {@code -D}{@value #KEEP_BUDGET}{@code =true}, or {@link #loadKeepingBudget}, keeps
 * the field's own value instead (an explicit system property for the budget still applies).
 */
public final class Hpo {
    private static final String PREFIX = "hpo.";

    /** The system property that, set to {@code true}, keeps the {@code @Budget} field's own value. */
    public static final String KEEP_BUDGET = "hpo.keepBudget";

    private Hpo() {
    }

    /** The class-path resource that holds the tuned values of {@code type}. */
    public static String resourceName(Class<?> type) {
        return "hpo/" + type.getName() + ".properties";
    }

    /**
     * Applies the tuned values of the instance's class (resource, then system-property overrides)
     * and returns the instance.
     *
     * @throws HpoConfigurationException for an unknown key, a bad or out-of-range value, or a value
     *     for a parameter that is inactive
     * @throws IllegalStateException when the class has no generated injector
     */
    public static <T> T load(T instance) {
        return load(instance, System.getProperties());
    }

    /**
     * Like {@link #load(Object)}, but the {@code @Budget} field keeps its value: the hyperparameters
     * tuned at one budget, applied to a run at another (on purpose).
     */
    public static <T> T loadKeepingBudget(T instance) {
        Properties properties = new Properties();
        properties.putAll(System.getProperties());
        properties.setProperty(KEEP_BUDGET, "true");
        return load(instance, properties);
    }

    private static <T> T load(T instance, Properties systemProperties) {
        Class<T> type = typeOf(instance);
        Injector<T> injector = Injectors.forClass(type);
        String resource = resourceName(type);
        ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
        URL url = loader.getResource(resource);
        Map<String, String> fromFile = Map.of();
        String source = resource;
        if (url != null) {
            try (InputStream in = url.openStream()) {
                fromFile = TunedProperties.read(in, resource);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + url + ": " + e.getMessage(), e);
            }
        }
        return apply(instance, injector, fromFile, source, systemProperties);
    }

    /**
     * Applies the values of the given properties file (then system-property overrides) instead of
     * the class-path resource.
     */
    public static <T> T load(T instance, Path file) {
        Class<T> type = typeOf(instance);
        try {
            return apply(instance, Injectors.forClass(type), TunedProperties.read(file), file.toString(), System.getProperties());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The core of loading, with everything passed in: checks {@code fromFile} (named {@code source}
     * in errors) and the overrides found in {@code systemProperties}, then applies the resulting
     * configuration. Active parameters set by neither keep the instance's values; one that only the
     * new values make active (momentum once the optimizer becomes "momentum") takes its default.
     */
    public static <T> T apply(T instance, Injector<T> injector, Map<String, String> fromFile, String source,
                              Properties systemProperties) {
        SearchSpace space = injector.space();
        Optional<BudgetSpec> budget = space.budget();
        boolean keepBudget = keepBudget(systemProperties);
        // the budget with where it came from; a system property replaces the file's
        String budgetText = null;
        String budgetOrigin = null;
        // given values with where each came from; overrides replace file values
        Map<String, String> given = new LinkedHashMap<>();
        Map<String, String> origin = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(fromFile).entrySet()) {
            if (isBudget(budget, e.getKey())) {
                if (!keepBudget) {
                    budgetText = e.getValue();
                    budgetOrigin = source;
                }
                continue;
            }
            if (!space.contains(e.getKey())) {
                throw new HpoConfigurationException(source, e.getKey(), e.getValue(),
                        "unknown parameter of " + injector.type().getName() + "; known: " + names(space));
            }
            given.put(e.getKey(), e.getValue());
            origin.put(e.getKey(), source);
        }
        for (Map.Entry<String, String> e : overrides(injector.type(), systemProperties).entrySet()) {
            String property = e.getKey();
            String key = keyOf(injector.type(), property);
            if (isBudget(budget, key)) {
                budgetText = e.getValue();
                budgetOrigin = "system property " + property;
                continue;
            }
            if (!space.contains(key)) {
                throw new HpoConfigurationException("system property " + property, key, e.getValue(),
                        "unknown parameter of " + injector.type().getName() + "; known: " + names(space));
            }
            given.put(key, e.getValue());
            origin.put(key, "system property " + property);
        }
        if (budgetText != null) {
            injector.applyBudget(instance, budgetValue(budget.get(), budgetText, budgetOrigin));
        }
        if (given.isEmpty()) {
            return instance;
        }

        Map<String, Object> current = injector.read(instance).asMap();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Parameter p : space.parameters()) {
            boolean active = SearchSpace.isActive(p, values);
            String text = given.get(p.name());
            if (text != null) {
                if (!active) {
                    throw new HpoConfigurationException(origin.get(p.name()), p.name(), text,
                            "parameter is inactive here: it needs " + p.conditions() + " but the values are " + values);
                }
                try {
                    values.put(p.name(), p.coerce(text));
                } catch (IllegalArgumentException e) {
                    throw new HpoConfigurationException(origin.get(p.name()), p.name(), text,
                            "expected a value in " + p.describeDomain() + " (" + e.getMessage() + ")");
                }
            } else if (active) {
                Object v = current.get(p.name());
                values.put(p.name(), v != null ? v : p.defaultValue());
            }
        }
        Configuration configuration = space.configuration(values);
        injector.apply(instance, configuration);
        return instance;
    }

    private static boolean isBudget(Optional<BudgetSpec> budget, String key) {
        return budget.isPresent() && budget.get().name().equals(key);
    }

    /** Whether {@value #KEEP_BUDGET} asks to keep the budget field's value; anything but true/false is an error. */
    private static boolean keepBudget(Properties systemProperties) {
        String text = systemProperties.getProperty(KEEP_BUDGET);
        if (text == null || text.isBlank()) {
            return false;
        }
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new HpoConfigurationException("system property " + KEEP_BUDGET, KEEP_BUDGET, text,
                    "expected true or false");
        };
    }

    /**
     * The budget {@code text} says, checked: a positive finite number, whole for an integer field. It
     * may lie outside {@code @Budget}'s range, since {@code hpo.maxBudget} may have tuned beyond it.
     */
    private static double budgetValue(BudgetSpec spec, String text, String origin) {
        double value;
        try {
            value = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new HpoConfigurationException(origin, spec.name(), text, "the budget must be a number");
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new HpoConfigurationException(origin, spec.name(), text, "the budget must be positive and finite");
        }
        if (spec.integer() && value != Math.rint(value)) {
            throw new HpoConfigurationException(origin, spec.name(), text, "the budget field holds whole numbers");
        }
        return value;
    }

    /** The system properties that override parameters of {@code type}, sorted by name. */
    static Map<String, String> overrides(Class<?> type, Properties systemProperties) {
        Map<String, String> found = new TreeMap<>();
        for (String name : systemProperties.stringPropertyNames()) {
            if (keyOf(type, name) != null) {
                found.put(name, systemProperties.getProperty(name));
            }
        }
        return found;
    }

    /** The parameter key of an override property of {@code type}, or {@code null} if it is none. */
    private static String keyOf(Class<?> type, String property) {
        for (String prefix : new String[] {PREFIX + type.getName() + ".", PREFIX + type.getSimpleName() + "."}) {
            if (property.startsWith(prefix) && property.length() > prefix.length()) {
                return property.substring(prefix.length());
            }
        }
        return null;
    }

    private static String names(SearchSpace space) {
        return space.parameters().stream().map(Parameter::name).toList().toString();
    }

    @SuppressWarnings("unchecked")
    private static <T> Class<T> typeOf(T instance) {
        if (instance == null) {
            throw new IllegalArgumentException("Hpo.load needs an instance, got null");
        }
        return (Class<T>) instance.getClass();
    }
}
