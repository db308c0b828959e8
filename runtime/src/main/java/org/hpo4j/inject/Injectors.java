package org.hpo4j.inject;

/** Finds the generated {@link Injector} of an annotated class. */
public final class Injectors {
    private Injectors() {
    }

    /** The name of the generated injector: {@code a.b.Outer$Inner} gives {@code a.b.Outer_InnerInjector}. */
    public static String injectorClassName(Class<?> type) {
        String pkg = type.getPackageName();
        String simple = type.getName().substring(pkg.isEmpty() ? 0 : pkg.length() + 1).replace('$', '_');
        return (pkg.isEmpty() ? "" : pkg + ".") + simple + "Injector";
    }

    private static ClassLoader loader(Class<?> type) {
        return type.getClassLoader() != null ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
    }

    /** The closest superclass of {@code type} that has a generated injector, or null. */
    private static String annotatedSuperclass(Class<?> type, ClassLoader loader) {
        for (Class<?> s = type.getSuperclass(); s != null && s != Object.class; s = s.getSuperclass()) {
            try {
                Class.forName(injectorClassName(s), false, loader);
                return s.getName();
            } catch (ClassNotFoundException | LinkageError e) {
                // look further up
            }
        }
        return null;
    }

    /**
     * The generated injector of {@code type}, loaded with the class's own class loader.
     *
     * @throws IllegalStateException when there is none (the processor did not run on the class)
     */
    @SuppressWarnings("unchecked")
    public static <T> Injector<T> forClass(Class<T> type) {
        String name = injectorClassName(type);
        try {
            Class<?> injector = Class.forName(name, true, loader(type));
            return (Injector<T>) injector.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            String inherited = annotatedSuperclass(type, loader(type));
            if (inherited != null) {
                // the compiler runs processors only on classes with their annotations in the compilation
                throw new IllegalStateException("no generated injector " + name + " for " + type.getName()
                        + ", although its superclass " + inherited + " has one: the processor only sees classes that"
                        + " carry an hpo4j annotation or are compiled with their annotated superclass; annotate "
                        + type.getSimpleName() + " (its @Objective, or @StudyName) and recompile", e);
            }
            throw new IllegalStateException("no generated injector " + name + " for " + type.getName()
                    + ": annotate its fields (@Uniform, @Categorical, ...) and make sure hpo4j-processor runs"
                    + " (list it under maven-compiler-plugin's annotationProcessorPaths)", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + name + ": " + e, e);
        }
    }
}
