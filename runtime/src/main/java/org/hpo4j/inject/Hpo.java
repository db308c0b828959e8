package org.hpo4j.inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
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
 */
public final class Hpo {
    private static final String PREFIX = "hpo.";

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
        return apply(instance, injector, fromFile, source, System.getProperties());
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
        // given values with where each came from; overrides replace file values
        Map<String, String> given = new LinkedHashMap<>();
        Map<String, String> origin = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(fromFile).entrySet()) {
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
            if (!space.contains(key)) {
                throw new HpoConfigurationException("system property " + property, key, e.getValue(),
                        "unknown parameter of " + injector.type().getName() + "; known: " + names(space));
            }
            given.put(key, e.getValue());
            origin.put(key, "system property " + property);
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
