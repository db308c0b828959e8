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

    /**
     * The generated injector of {@code type}, loaded with the class's own class loader.
     *
     * @throws IllegalStateException when there is none (the processor did not run on the class)
     */
    @SuppressWarnings("unchecked")
    public static <T> Injector<T> forClass(Class<T> type) {
        String name = injectorClassName(type);
        try {
            ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
            Class<?> injector = Class.forName(name, true, loader);
            return (Injector<T>) injector.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no generated injector " + name + " for " + type.getName()
                    + ": annotate its fields (@Uniform, @Categorical, ...) and make sure hpo4j-processor runs"
                    + " (list it under maven-compiler-plugin's annotationProcessorPaths)", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + name + ": " + e, e);
        }
    }
}
