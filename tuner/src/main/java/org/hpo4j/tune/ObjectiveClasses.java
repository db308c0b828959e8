package org.hpo4j.tune;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import org.hpo4j.inject.Injector;
import org.hpo4j.inject.Injectors;

/**
 * Finds the classes with an {@code @Objective} on a class path through the annotation processor's
 * index, {@value #INDEX}: one binary class name per line, one file per compiled module.
 */
public final class ObjectiveClasses {
    /** The index resource the processor writes. */
    public static final String INDEX = "META-INF/hpo4j/objectives";

    private ObjectiveClasses() {
    }

    /** The binary names listed by every index on the class path, sorted, without duplicates. */
    public static List<String> list(ClassLoader loader) {
        TreeSet<String> names = new TreeSet<>();
        try {
            Enumeration<URL> indexes = loader.getResources(INDEX);
            while (indexes.hasMoreElements()) {
                URL url = indexes.nextElement();
                try (BufferedReader r = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        String name = line.strip();
                        if (!name.isEmpty() && !name.startsWith("#")) {
                            names.add(name);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX, e);
        }
        return List.copyOf(names);
    }

    /**
     * The class to tune: {@code requested} if given (it must be listed), else the only one listed.
     *
     * @throws TuneException when none is listed, the requested one is not, or several are and none
     *     was requested; the message lists the candidates and says how to pick one
     */
    public static String choose(List<String> listed, String requested) {
        if (requested != null && !requested.isBlank()) {
            String r = requested.strip();
            if (listed.contains(r)) {
                return r;
            }
            // accept a simple name when it is unambiguous
            List<String> bySimpleName = listed.stream().filter(n -> simpleName(n).equals(r)).toList();
            if (bySimpleName.size() == 1) {
                return bySimpleName.get(0);
            }
            throw new TuneException("hpo.objective: no objective class '" + r + "' on the class path; found: "
                    + (listed.isEmpty() ? "none" : String.join(", ", listed)));
        }
        if (listed.isEmpty()) {
            throw new TuneException("no objective class found: no " + INDEX + " on the class path. Annotate a method"
                    + " with @Objective, list org.hpo4j:hpo4j-processor under maven-compiler-plugin's"
                    + " annotationProcessorPaths, and compile before hpo:tune");
        }
        if (listed.size() > 1) {
            throw new TuneException("several objective classes found: " + String.join(", ", listed)
                    + "; pick one with -Dhpo.objective=<class>");
        }
        return listed.get(0);
    }

    /**
     * Loads an objective class and its injector, and checks that it can be instantiated.
     *
     * @throws TuneException naming the class when it is missing, has no injector or objective, or
     *     has no public no-argument constructor
     */
    public static <T> Loaded<T> load(String name, ClassLoader loader) {
        Class<?> raw;
        try {
            raw = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new TuneException("objective class " + name + " is listed in " + INDEX + " but cannot be loaded: " + e
                    + " (recompile the project)", e);
        }
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) raw;
        if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
            throw new TuneException("objective class " + name + " is abstract; hpo:tune needs a concrete class");
        }
        if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
            throw new TuneException("objective class " + name + " is an inner class; make it static so that"
                    + " hpo:tune can create instances");
        }
        Constructor<T> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new TuneException("objective class " + name + " has no public no-argument constructor;"
                    + " hpo:tune creates a fresh instance per evaluation with it", e);
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new TuneException("objective class " + name + " is not public; hpo:tune creates instances of it");
        }
        Injector<T> injector;
        try {
            injector = Injectors.forClass(type);
        } catch (IllegalStateException e) {
            throw new TuneException(e.getMessage(), e);
        }
        if (!injector.hasObjective()) {
            throw new TuneException("class " + name + " has no @Objective method");
        }
        return new Loaded<>(type, constructor, injector);
    }

    /** The simple name of a binary class name ({@code a.b.Outer$Inner} gives {@code Inner}). */
    static String simpleName(String binaryName) {
        String s = binaryName.substring(binaryName.lastIndexOf('.') + 1);
        return s.substring(s.lastIndexOf('$') + 1);
    }

    /**
     * An objective class ready to use.
     *
     * @param type the class
     * @param constructor its public no-argument constructor
     * @param injector its generated injector
     * @param <T> the class
     */
    public record Loaded<T>(Class<T> type, Constructor<T> constructor, Injector<T> injector) {

        /** A fresh instance, with the field initializers. */
        public T newInstance() throws ReflectiveOperationException {
            return constructor.newInstance();
        }
    }
}
