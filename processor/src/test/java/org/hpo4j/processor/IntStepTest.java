package org.hpo4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.Map;
import java.util.Properties;
import javax.tools.JavaFileObject;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.hpo4j.inject.Hpo;
import org.hpo4j.inject.HpoConfigurationException;
import org.hpo4j.inject.Injector;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

/** {@code @IntUniform(step = ...)} from annotation to generated search space, injector and {@code Hpo.apply}. */
class IntStepTest {
    private static final JavaFileObject SOURCE = Compile.source("test.Batches",
            "package test;",
            "import org.hpo4j.annotations.*;",
            "public class Batches {",
            "  @IntUniform(lo = 16, hi = 256, step = 16) int batch = 32;",
            "  @IntUniform(lo = -30, hi = 30, step = 6) private long warmup;",
            "  @Conditional(on = \"batch\", in = {\"64\", \"128\"})",
            "  @Uniform(lo = 0, hi = 1) double ratio = 0.5;",
            "  @Objective public double loss() { return Math.abs(batch - 100) + Math.abs(warmup - 4); }",
            "}");

    @Test
    void theStepIsGeneratedAndEveryValueStaysOnTheGrid() throws Exception {
        Compilation compilation = Compile.compile(SOURCE);
        assertThat(compilation).succeededWithoutWarnings();
        String space = Compile.generatedSource(compilation, "test.BatchesSearchSpace");
        assertTrue(space.contains("IntParameter.uniform(\"batch\", 16, 256, 16).withDefault(32)"), space);
        assertTrue(space.contains("IntParameter.uniform(\"warmup\", -30, 30, 6).withDefault(0)"), space);

        Injector<Object> injector = DigitsMlpTest.injector(Class.forName("test.Batches", true, Compile.loader(compilation)));
        SearchSpace s = injector.space();
        assertEquals(IntParameter.uniform("batch", 16, 256, 16).withDefault(32), s.parameter("batch"));
        assertEquals(6, ((IntParameter) s.parameter("warmup")).step());
        JDKRandomGenerator random = new JDKRandomGenerator(3);
        for (int i = 0; i < 300; i++) {
            Configuration c = s.sample(random::nextDouble);
            assertEquals(0, c.getLong("batch") % 16, c::toString);
            assertEquals(0, c.getLong("warmup") % 6, c::toString);
            Object target = injector.type().getConstructor().newInstance();
            injector.apply(target, c);
            assertEquals(c, injector.read(target), "round trip");
        }
    }

    @Test
    void aPropertiesValueOffTheGridNamesSourceKeyValueAndGrid() throws Exception {
        Compilation compilation = Compile.compile(SOURCE);
        Injector<Object> injector = DigitsMlpTest.injector(Class.forName("test.Batches", true, Compile.loader(compilation)));
        Object target = injector.type().getConstructor().newInstance();
        Hpo.apply(target, injector, Map.of("batch", "128", "warmup", "-12"), "tuned.properties", new Properties());
        assertEquals(128, Compile.get(target, "batch"));
        assertEquals(-12L, Compile.get(target, "warmup"));

        HpoConfigurationException e = assertThrows(HpoConfigurationException.class, () -> Hpo.apply(target, injector,
                Map.of("batch", "100"), "tuned.properties", new Properties()));
        assertTrue(e.getMessage().startsWith("tuned.properties: batch = 100: ")
                && e.getMessage().contains("integers [16, 256] step 16")
                && e.getMessage().contains("nearest values are 96 and 112"), e.getMessage());
        assertEquals(128, Compile.get(target, "batch"), "a bad file changes nothing");
    }
}
