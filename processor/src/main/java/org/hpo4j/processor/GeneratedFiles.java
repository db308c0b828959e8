package org.hpo4j.processor;

import com.github.javaparser.ast.CompilationUnit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.Filer;
import javax.annotation.processing.FilerException;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/** The only place that touches the {@link Filer}: writes generated sources and the objective index. */
final class GeneratedFiles {
    /** Where the index of classes with an {@code @Objective} lives in the class output. */
    static final String INDEX = "META-INF/hpo4j/objectives";

    private final Filer filer;

    GeneratedFiles(Filer filer) {
        this.filer = filer;
    }

    /** Writes a compilation unit as the source of {@code qualifiedName}, originating from {@code origin}. */
    void writeSource(String qualifiedName, CompilationUnit unit, TypeElement origin) throws IOException {
        JavaFileObject file = filer.createSourceFile(qualifiedName, origin);
        try (Writer out = file.openWriter()) {
            out.write(Generation.print(unit));
        }
    }

    /**
     * The entries of an index left in the class output by an earlier compilation, for incremental
     * builds that recompile only some classes; empty when there is none or it cannot be read.
     */
    Set<String> readIndex() {
        Set<String> entries = new TreeSet<>();
        try {
            FileObject existing = filer.getResource(StandardLocation.CLASS_OUTPUT, "", INDEX);
            try (BufferedReader in = new BufferedReader(existing.openReader(true))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String entry = line.strip();
                    if (!entry.isEmpty() && !entry.startsWith("#")) {
                        entries.add(entry);
                    }
                }
            }
        } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
            // no earlier index (a clean build) or a filer that cannot read: start from nothing
        }
        return entries;
    }

    /** Writes the index: one binary class name per line, sorted so that builds are reproducible. */
    void writeIndex(Collection<String> binaryNames, TypeElement[] origins) throws IOException {
        FileObject file;
        try {
            file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", INDEX, origins);
        } catch (FilerException e) {
            throw new IOException("the index was already written in this compilation: " + e.getMessage(), e);
        }
        try (Writer out = file.openWriter()) {
            for (String name : new TreeSet<>(binaryNames)) {
                out.write(name);
                out.write('\n');
            }
        }
    }
}
