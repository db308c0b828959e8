package org.hpo4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.hpo4j.inject.StudyNames;
import org.junit.jupiter.api.Test;

/**
 * {@code @StudyName} follows the runtime's one rule for study names ({@link StudyNames}): the
 * processor cannot call it at compile time, so this test holds the two to the same answers, and
 * shows that names that would reach outside a folder ({@code .}, {@code ..}, separators) do not
 * compile while non-ASCII letters do, normalised as the command line is.
 */
class StudyNameRuleTest {
    private static final List<String> NAMES = List.of("digits", "mlp-2.v1", "a_b", "ünï-çødé", "u\u0308ni",
            "数字", "x".repeat(200), "é".repeat(100), "é".repeat(101), "\uD835\uDC00bc" /* math bold A */,
            "", " ", ".", "..", "...", ".hidden", "a..b", "../x", "a/b", "a\\b", "C:x", "my study", "a\tb",
            "a\u0000b", "~", "$x", "a;b", "\u200Bzero-width");

    @Test
    void processorAndRuntimeAgreeOnEveryName() {
        for (String name : NAMES) {
            assertEquals(StudyNames.isValid(name), Names.isValidStudyName(name), () -> "'" + name + "'");
            if (StudyNames.isValid(name)) {
                assertEquals(StudyNames.normalize(name), Names.normalizedStudyName(name));
            }
        }
    }

    @Test
    void namesThatLeaveTheFolderDoNotCompile() {
        for (String name : List.of(".", "..", "../x", "a/b", "a\\\\b")) {
            Compilation compilation = compile(name);
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorContaining("is not made of dots only (such as '.' or '..')");
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
