package org.hpo4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.Map;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.hpo4j.annotations.Direction;
import org.hpo4j.inject.Injector;
import org.hpo4j.inject.Injectors;
import org.hpo4j.space.BudgetSpec;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

/** The README's example class, compiled as a user would write it. */
class DigitsMlpTest {
    static final JavaFileObject DIGITS_MLP = Compile.source("test.DigitsMlp",
            "package test;",
            "",
            "import org.hpo4j.annotations.*;",
            "",
            "public class DigitsMlp {",
            "    @LogUniform(lo = 1e-4, hi = 1)               double learningRate = 0.01;",
            "    @IntUniform(lo = 16, hi = 512, log = true)   int hidden = 64;",
            "    @Categorical({\"sgd\", \"momentum\", \"adam\"})    String optimizer = \"adam\";",
            "    @Conditional(on = \"optimizer\", equalTo = \"momentum\")",
            "    @Uniform(lo = 0.5, hi = 0.99)                double momentum = 0.9;",
            "    @Uniform(lo = 0, hi = 0.5)                   double dropout = 0.1;",
            "    @Budget(min = 1, max = 81)                   int epochs = 81;   // the fidelity",
            "",
            "    @Objective(direction = Direction.MINIMIZE)",
            "    public double validationError() {",
            "        return learningRate + hidden + dropout + epochs;",
            "    }",
            "}");

    @Test
    void generatesSearchSpaceInjectorAndIndexWithTheInitializersAsDefaults() throws Exception {
        Compilation compilation = Compile.compile(DIGITS_MLP);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.DigitsMlpSearchSpace").contentsAsUtf8String()
                .contains("@Generated(\"org.hpo4j.processor.Hpo4jProcessor\")");
        assertThat(compilation).generatedSourceFile("test.DigitsMlpInjector").contentsAsUtf8String()
                .contains("public final class DigitsMlpInjector implements Injector<DigitsMlp>");
        assertThat(compilation).generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/hpo4j/objectives")
                .contentsAsUtf8String().isEqualTo("test.DigitsMlp\n");

        ClassLoader loader = Compile.loader(compilation);
        Class<?> type = Class.forName("test.DigitsMlp", true, loader);
        Injector<Object> injector = injector(type);
        SearchSpace space = injector.space();

        assertEquals(new FloatParameter("learningRate", 1e-4, 1, true, 0, 0.01, java.util.List.of()),
                space.parameter("learningRate"));
        assertEquals(new IntParameter("hidden", 16, 512, true, 64L, java.util.List.of()), space.parameter("hidden"));
        CategoricalParameter optimizer = (CategoricalParameter) space.parameter("optimizer");
        assertEquals(java.util.List.of("sgd", "momentum", "adam"), optimizer.choices());
        assertEquals("adam", optimizer.defaultValue());
        FloatParameter momentum = (FloatParameter) space.parameter("momentum");
        assertEquals(0.9, momentum.defaultValue());
        assertEquals("[optimizer == momentum]", momentum.conditions().toString());
        assertEquals(0.1, space.parameter("dropout").defaultValue());
        assertEquals(new BudgetSpec("epochs", 1, 81, true), space.budget().orElseThrow());
        // the defaults, with optimizer = adam, leave momentum inactive
        assertEquals(Map.of("learningRate", 0.01, "hidden", 64L, "optimizer", "adam", "dropout", 0.1),
                space.defaults().asMap());

        Object model = type.getConstructor().newInstance();
        assertEquals(space.defaults(), injector.read(model));
        assertTrue(injector.hasObjective());
        assertEquals(Direction.MINIMIZE, injector.direction());
        assertEquals("DigitsMlp", injector.studyName());
        assertEquals(type, injector.type());

        Configuration tuned = space.configuration(Map.of("learningRate", 0.5, "hidden", 100, "optimizer", "momentum",
                "momentum", 0.6, "dropout", 0.25));
        injector.apply(model, tuned);
        injector.applyBudget(model, 2.6);
        assertEquals(tuned, injector.read(model));
        assertEquals(3, Compile.get(model, "epochs"));
        assertEquals(0.5 + 100 + 0.25 + 3, injector.evaluate(model, null), 1e-12);
    }

    @SuppressWarnings("unchecked")
    static Injector<Object> injector(Class<?> type) {
        return (Injector<Object>) Injectors.forClass(type);
    }

    static String text(Compilation compilation, String qualifiedName) throws IOException {
        return Compile.generatedSource(compilation, qualifiedName);
    }

    static void assertNotContains(String haystack, String needle) {
        assertFalse(haystack.contains(needle), () -> "unexpected '" + needle + "' in\n" + haystack);
    }
}
