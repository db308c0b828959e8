package org.hpo4j.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Compiles test sources in memory with the processor, warnings as errors, and loads the result. */
final class Compile {
    private Compile() {
    }

    /** A source file of class {@code qualifiedName} from lines. */
    static JavaFileObject source(String qualifiedName, String... lines) {
        return JavaFileObjects.forSourceLines(qualifiedName, lines);
    }

    /** Compiles with the processor under {@code -Xlint:all -Werror}. */
    static Compilation compile(JavaFileObject... sources) {
        return Compiler.javac()
                .withProcessors(new Hpo4jProcessor())
                .withOptions("-Xlint:all", "-Werror")
                .compile(sources);
    }

    /** A class loader over the class files of a compilation, child of the test's class loader. */
    static ClassLoader loader(Compilation compilation) {
        return loader(compilation, Compile.class.getClassLoader());
    }

    /** A class loader over the class files of a compilation, child of {@code parent}. */
    static ClassLoader loader(Compilation compilation, ClassLoader parent) {
        Map<String, JavaFileObject> classes = new HashMap<>();
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() == JavaFileObject.Kind.CLASS) {
                // in-memory names look like /CLASS_OUTPUT/test/DigitsMlp.class
                String path = file.toUri().getPath();
                String relative = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length());
                String binaryName = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                classes.put(binaryName, file);
            }
        }
        return new ClassLoader(parent) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                JavaFileObject file = classes.get(name);
                if (file == null) {
                    throw new ClassNotFoundException(name);
                }
                try (InputStream in = file.openInputStream()) {
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** The field of that name declared by {@code type} or the closest superclass that declares one. */
    private static java.lang.reflect.Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        throw new NoSuchFieldException(name + " in " + type.getName() + " or its superclasses");
    }

    /** A field's value, read reflectively (tests only: the generated injector must not need this). */
    static Object get(Object target, String field) {
        try {
            java.lang.reflect.Field f = field(target.getClass(), field);
            f.setAccessible(true);
            return f.get(target);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Sets a field reflectively (tests only). */
    static void set(Object target, String field, Object value) {
        try {
            java.lang.reflect.Field f = field(target.getClass(), field);
            f.setAccessible(true);
            f.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The text of a generated source file. */
    static String generatedSource(Compilation compilation, String qualifiedName) {
        JavaFileObject file = compilation.generatedSourceFile(qualifiedName)
                .orElseThrow(() -> new AssertionError("no generated " + qualifiedName + " in " + compilation.generatedSourceFiles()));
        try {
            return file.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
