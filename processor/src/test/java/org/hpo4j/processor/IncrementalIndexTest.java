package org.hpo4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The objective index under incremental compilation: javac on real folders, compiling only some
 * classes into an output folder that holds the rest from an earlier compilation. (Not under
 * {@code -Werror}: javac's -Xlint:processing warns whenever a generated class already exists on the
 * class path, as it does in any incremental build with any processor.)
 */
class IncrementalIndexTest {
    @TempDir
    Path work;

    private Path write(String name, String... lines) throws IOException {
        Path file = work.resolve("src/test/" + name + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines));
        return file;
    }

    private static String withObjective(String name) {
        return String.join("\n", "package test;", "import org.hpo4j.annotations.*;", "public class " + name + " {",
                "  @Uniform(lo = 0, hi = 1) double x = 0.5;", "  @Objective public double f() { return x; }", "}");
    }

    private static String withoutObjective(String name) {
        return String.join("\n", "package test;", "import org.hpo4j.annotations.*;", "public class " + name + " {",
                "  @Uniform(lo = 0, hi = 1) double x = 0.5;", "}");
    }

    private void compile(Path... sources) throws IOException {
        Path out = work.resolve("classes");
        Files.createDirectories(out);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter log = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            List<File> list = new ArrayList<>();
            for (Path p : sources) {
                list.add(p.toFile());
            }
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromFiles(list);
            List<String> options = List.of("-d", out.toString(), "-classpath",
                    System.getProperty("java.class.path") + File.pathSeparator + out, "-implicit:none");
            JavaCompiler.CompilationTask task = javac.getTask(log, files, null, options, null, units);
            task.setProcessors(List.of(new Hpo4jProcessor()));
            assertTrue(task.call(), log::toString);
        }
    }

    private List<String> index() throws IOException {
        return Files.readAllLines(work.resolve("classes/META-INF/hpo4j/objectives"));
    }

    @Test
    void recompilingSomeClassesKeepsTheOthersEntries() throws IOException {
        Path a = write("A", withObjective("A"));
        Path b = write("B", withObjective("B"));
        compile(a, b);
        assertEquals(List.of("test.A", "test.B"), index());

        // B loses its objective; A is not recompiled but is still there
        write("B", withoutObjective("B"));
        compile(b);
        assertEquals(List.of("test.A"), index());

        Path c = write("C", withObjective("C"));
        compile(c);
        assertEquals(List.of("test.A", "test.C"), index());

        // A was deleted: its class is gone, so is its entry
        Files.delete(a);
        Files.delete(work.resolve("classes/test/A.class"));
        compile(c);
        assertEquals(List.of("test.C"), index());
    }
}
