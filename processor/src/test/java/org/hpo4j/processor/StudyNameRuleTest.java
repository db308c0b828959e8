package org.hpo4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.hpo4j.inject.StudyNames;
import org.junit.jupiter.api.Test;

/**
 * {@code @StudyName} follows the runtime's one rule for study names ({@link StudyNames}): names that
 * would reach outside a folder ({@code .}, {@code ..}, separators) do not compile, and the error
 * states the rule; non-ASCII letters do compile, normalised as the command line is.
 */
class StudyNameRuleTest {
    @Test
    void namesThatLeaveTheFolderDoNotCompile() {
        for (String name : List.of(".", "..", "../x", "a/b", "a\\\\b")) {
            Compilation compilation = compile(name);
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorContaining(StudyNames.RULE);
            assertThat(compilation).hadErrorContaining("@StudyName(\"" + name.replace("\\\\", "\\") + "\")");
        }
    }

    @Test
    void unicodeNamesCompileInTheFormTheCommandLineChecks() throws Exception {
        // decomposed u + combining diaeresis, as a macOS file name or shell may give it
        Compilation compilation = compile("u\u0308nï-çødé");
        assertThat(compilation).succeededWithoutWarnings();
        Class<?> type = Class.forName("test.Named", true, Compile.loader(compilation));
        String name = DigitsMlpTest.injector(type).studyName();
        assertEquals("\u00fcnï-çødé", name);
        assertEquals(name, StudyNames.check("u\u0308nï-çødé", "hpo.study"));
    }

    private static Compilation compile(String name) {
        JavaFileObject file = Compile.source("test.Named",
                "package test;",
                "import org.hpo4j.annotations.*;",
                "@StudyName(\"" + name + "\")",
                "public class Named {",
                "  @Uniform(lo = 0, hi = 1) double lr = 0.5;",
                "  @Objective public double loss() { return lr; }",
                "}");
        return Compile.compile(file);
    }
}
