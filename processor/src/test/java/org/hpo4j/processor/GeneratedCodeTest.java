package org.hpo4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.hpo4j.annotations.Direction;
import org.hpo4j.inject.Injector;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.Parameter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.trial.TrialContext;
import org.junit.jupiter.api.Test;

/**
 * Compiles annotated classes in memory, loads the generated classes and checks what they do:
 * sampling stays in range, configurations round-trip through the injector, conditions are honoured,
 * budgets are rounded, objectives are called.
 */
class GeneratedCodeTest {

    /** A class with a field of every supported kind; {@code %s} is the fields' access modifier. */
    private static String everyKind(String access) {
        return String.join("\n",
                "package test;",
                "import org.hpo4j.annotations.*;",
                "import org.hpo4j.trial.TrialContext;",
                "@StudyName(\"every-kind\")",
                "public class Kinds {",
                "  public enum Opt { SGD, MOMENTUM, ADAM }",
                "  @Uniform(lo = -1, hi = 1) " + access + "double d = -0.5;",
                "  @Uniform(lo = 0, hi = 2, step = 0.25) " + access + "float f = 0.5f;",
                "  @IntUniform(lo = 1, hi = 8) " + access + "int layers = 2;",
                "  @IntUniform(lo = 1, hi = 1000000, log = true) " + access + "long samples = 1000L;",
                "  @Categorical({\"relu\", \"tanh\"}) " + access + "String activation = \"relu\";",
                "  @Categorical " + access + "boolean batchNorm;",
                "  @Categorical " + access + "Opt opt = Opt.ADAM;",
                "  @Categorical({\"SGD\", \"ADAM\"}) " + access + "Opt fallback = Opt.SGD;",
                "  @Categorical({\"16\", \"32\", \"64\"}) " + access + "int batch = 32;",
                "  @Categorical({\"0.1\", \"0.25\"}) " + access + "float ratio = 0.1f;",
                "  @Categorical({\"1e-3\", \"1e-2\"}) " + access + "double decay = 1e-3;",
                "  @Uniform(lo = 0, hi = 1) " + access + "Double boxedDouble = 0.5;",
                "  @IntUniform(lo = 0, hi = 9) " + access + "Integer boxedInt = 3;",
                "  @IntUniform(lo = 0, hi = 9) " + access + "Long boxedLong = 3L;",
                "  @Categorical " + access + "Boolean boxedFlag = true;",
                "  @Conditional(on = \"opt\", equalTo = \"MOMENTUM\")",
                "  @Uniform(lo = 0.5, hi = 0.99) " + access + "double momentum = 0.9;",
                "  @Conditional(on = \"layers\", atLeast = 3)",
                "  @Conditional(on = \"activation\", in = {\"relu\"})",
                "  @Categorical({\"he\", \"xavier\"}) " + access + "String init3 = \"he\";",
                "  @Budget(min = 1, max = 27) " + access + "int epochs = 27;",
                "",
                "  @Objective(direction = Direction.MAXIMIZE)",
                "  public long score(TrialContext context) {",
                "    return layers * 100L + (long) context.budget();",
                "  }",
                "}");
    }

    private static Injector<Object> compileAndLoad(JavaFileObject source, String className) throws Exception {
        Compilation compilation = Compile.compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        return DigitsMlpTest.injector(Class.forName(className, true, Compile.loader(compilation)));
    }

    @Test
    void samplesStayInRangeAndRoundTripThroughPackagePrivateFields() throws Exception {
        checkSamplesAndRoundTrips(compileAndLoad(Compile.source("test.Kinds", everyKind("")), "test.Kinds"));
    }

    @Test
    void privateFieldsWorkThroughVarHandles() throws Exception {
        JavaFileObject source = Compile.source("test.Kinds", everyKind("private "));
        Compilation compilation = Compile.compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.KindsInjector").contentsAsUtf8String()
                .contains("D_FIELD = varHandle(Kinds.class, \"d\", double.class)");
        checkSamplesAndRoundTrips(DigitsMlpTest.injector(Class.forName("test.Kinds", true, Compile.loader(compilation))));
    }

    private static void checkSamplesAndRoundTrips(Injector<Object> injector) throws Exception {
        SearchSpace space = injector.space();
        assertEquals(17, space.size());
        JDKRandomGenerator random = new JDKRandomGenerator(42);
        Set<Object> optsSeen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            Configuration c = space.sample(random::nextDouble);
            for (Parameter p : space.parameters()) {
                if (c.isActive(p.name())) {
                    assertTrue(p.contains(c.get(p.name())), () -> p + " does not contain " + c.get(p.name()));
                }
            }
            assertEquals(c.get("opt").toString().equals("MOMENTUM"), c.isActive("momentum"), c::toString);
            assertEquals(c.getLong("layers") >= 3 && c.get("activation").equals("relu"), c.isActive("init3"), c::toString);
            optsSeen.add(c.get("opt"));

            Object target = injector.type().getConstructor().newInstance();
            injector.apply(target, c);
            assertEquals(c, injector.read(target), "round trip");
        }
        assertEquals(3, optsSeen.size(), "every enum constant is sampled");
        assertEquals(Set.of("SGD", "MOMENTUM", "ADAM"), enumNames(optsSeen));

        // the initializers are the defaults, and a fresh instance reads back as the defaults
        Object fresh = injector.type().getConstructor().newInstance();
        assertEquals(space.defaults(), injector.read(fresh));
        Map<String, Object> defaults = space.defaults().asMap();
        assertEquals(-0.5, defaults.get("d"));
        assertEquals(0.5, defaults.get("f"));
        assertEquals(1000L, defaults.get("samples"));
        assertEquals(false, defaults.get("batchNorm"));
        assertEquals("ADAM", defaults.get("opt").toString());
        assertEquals(32L, defaults.get("batch"));
        assertEquals(0.1, defaults.get("ratio"));
        assertEquals(1e-3, defaults.get("decay"));
        assertEquals(3L, defaults.get("boxedLong"));
        assertEquals(true, defaults.get("boxedFlag"));
        assertFalse(defaults.containsKey("momentum"), "momentum needs opt = MOMENTUM");
        assertEquals(List.of("SGD", "ADAM"), enumNamesInOrder(((CategoricalParameter) space.parameter("fallback")).choices()));

        assertEquals(Direction.MAXIMIZE, injector.direction());
        assertEquals("every-kind", injector.studyName());
        assertTrue(injector.hasObjective());
        injector.applyBudget(fresh, 2.5);
        assertEquals(3, Compile.get(fresh, "epochs"));
        injector.applyBudget(fresh, 2.4);
        assertEquals(2, Compile.get(fresh, "epochs"));
        assertEquals(2 * 100 + 9, injector.evaluate(fresh, context(9)), "the objective receives the TrialContext");
    }

    @Test
    void inactiveParametersLeaveTheirFieldsAlone() throws Exception {
        Injector<Object> injector = compileAndLoad(Compile.source("test.Kinds", everyKind("private ")), "test.Kinds");
        Object target = injector.type().getConstructor().newInstance();
        Compile.set(target, "momentum", 0.77);
        Compile.set(target, "init3", "xavier");
        Map<String, Object> values = new java.util.HashMap<>(injector.space().defaults().asMap());
        values.put("layers", 2L);
        injector.apply(target, injector.space().configuration(values));
        assertEquals(0.77, Compile.get(target, "momentum"), "opt is ADAM, so momentum is inactive");
        assertEquals("xavier", Compile.get(target, "init3"), "layers < 3, so init3 is inactive");
        assertEquals(2, Compile.get(target, "layers"));

        values.put("layers", 4L);
        values.put("init3", "he");
        injector.apply(target, injector.space().configuration(values));
        assertEquals("he", Compile.get(target, "init3"), "layers >= 3 and activation = relu: init3 is active");
    }

    @Test
    void objectiveWithoutContextAndClassWithoutBudget() throws Exception {
        JavaFileObject source = Compile.source("test.Plain",
                "package test;",
                "import org.hpo4j.annotations.*;",
                "public class Plain {",
                "  @Uniform(lo = 0, hi = 10) public double x = 3;",
                "  @Objective public Double loss() { return (x - 2) * (x - 2); }",
                "}");
        Injector<Object> injector = compileAndLoad(source, "test.Plain");
        Object target = injector.type().getConstructor().newInstance();
        injector.applyBudget(target, 5);
        assertEquals(1.0, injector.evaluate(target, null));
        assertEquals(Direction.MINIMIZE, injector.direction());
        assertEquals("Plain", injector.studyName());
        assertTrue(injector.space().budget().isEmpty());
    }

    @Test
    void classWithoutObjectiveIsNotIndexed() throws Exception {
        JavaFileObject source = Compile.source("test.Settings",
                "package test;",
                "import org.hpo4j.annotations.*;",
                "public class Settings {",
                "  @Budget(min = 0.1, max = 1) double fraction = 1;",
                "  @Budget(min = 1, max = 1000) long ignored;",
                "}");
        Compilation compilation = Compile.compile(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("second @Budget");

        JavaFileObject fine = Compile.source("test.Settings",
                "package test;",
                "import org.hpo4j.annotations.*;",
                "public class Settings {",
                "  @Budget(min = 0.1, max = 1) double fraction = 1;",
                "  @Categorical boolean shuffle = true;",
                "}");
        compilation = Compile.compile(fine);
        assertThat(compilation).succeededWithoutWarnings();
        // compile-testing's in-memory file manager lists a resource once the processor has looked for an
        // earlier index, even though it was never written: such a file has no content to read
        Optional<JavaFileObject> index = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/hpo4j/objectives");
        if (index.isPresent()) {
            assertThrows(java.io.FileNotFoundException.class, () -> index.get().getCharContent(true));
        }
        Injector<Object> injector = DigitsMlpTest.injector(Class.forName("test.Settings", true, Compile.loader(compilation)));
        assertFalse(injector.hasObjective());
        Object target = injector.type().getConstructor().newInstance();
        assertThrows(UnsupportedOperationException.class, () -> injector.evaluate(target, null));
        injector.applyBudget(target, 0.37);
        assertEquals(0.37, Compile.get(target, "fraction"), "a double budget is not rounded");
    }

    @Test
    void nestedClassesGetFlatNamesAndBinaryIndexEntries() throws Exception {
        JavaFileObject source = Compile.source("test.Outer",
                "package test;",
                "import org.hpo4j.annotations.*;",
                "public class Outer {",
                "  public static class Inner {",
                "    @IntUniform(lo = 1, hi = 4) int k = 1;",
                "    @Objective public int value() { return k; }",
                "  }",
                "}");
        Compilation compilation = Compile.compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.Outer_InnerSearchSpace");
        assertThat(compilation).generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/hpo4j/objectives")
                .contentsAsUtf8String().isEqualTo("test.Outer$Inner\n");
        Injector<Object> injector = DigitsMlpTest.injector(Class.forName("test.Outer$Inner", true, Compile.loader(compilation)));
        Object target = injector.type().getConstructor().newInstance();
        injector.apply(target, injector.space().configuration(Map.of("k", 3)));
        assertEquals(3.0, injector.evaluate(target, null));
    }

    @Test
    void initializersOfEveryConstantForm() throws Exception {
        JavaFileObject constants = Compile.source("test.Consts",
                "package test;",
                "public final class Consts {",
                "  public static final double LR = 2.5e-3;",
                "  public static final int WIDTH = 0x40;",
                "  private Consts() {}",
                "}");
        JavaFileObject opt = Compile.source("test.Opt", "package test;", "public enum Opt { SGD, ADAM }");
        JavaFileObject source = Compile.source("test.Defaults",
                "package test;",
                "import static test.Opt.ADAM;",
                "import org.hpo4j.annotations.*;",
                "public class Defaults {",
                "  static final float HALF = 0.5f;",
                "  @Uniform(lo = -2, hi = 2) double negative = -1.5;",
                "  @LogUniform(lo = 1e-5, hi = 1) double exponent = 1e-3;",
                "  @LogUniform(lo = 1e-5, hi = 1) double qualified = Consts.LR;",
                "  @Uniform(lo = 0, hi = 1) float floatLiteral = 0.25f;",
                "  @Uniform(lo = 0, hi = 1) float floatConstant = HALF;",
                "  @Uniform(lo = -1, hi = 1) double parenthesized = (-0.75);",
                "  @IntUniform(lo = 1, hi = 1000) long longLiteral = 64L;",
                "  @IntUniform(lo = 1, hi = 1000) int hex = Consts.WIDTH;",
                "  @IntUniform(lo = 0, hi = 10_000) int underscores = 1_000;",
                "  @IntUniform(lo = 0, hi = 10) int truncated = (int) 3.7;",
                "  @Uniform(lo = 0, hi = 10) double widened = (double) 3;",
                "  @IntUniform(lo = 0, hi = 9) int noInitializer;",
                "  @Categorical Opt staticImport = ADAM;",
                "  @Categorical Opt qualifiedEnum = Opt.SGD;",
                "  @Categorical({\"a\\\"b\", \"c\"}) String quoted = \"a\\\"b\";",
                "}");
        Compilation compilation = Compile.compile(constants, opt, source);
        assertThat(compilation).succeededWithoutWarnings();
        Injector<Object> injector = DigitsMlpTest.injector(Class.forName("test.Defaults", true, Compile.loader(compilation)));
        Map<String, Object> defaults = injector.space().defaults().asMap();
        assertEquals(-1.5, defaults.get("negative"));
        assertEquals(1e-3, defaults.get("exponent"));
        assertEquals(2.5e-3, defaults.get("qualified"));
        assertEquals(0.25, defaults.get("floatLiteral"));
        assertEquals(0.5, defaults.get("floatConstant"));
        assertEquals(-0.75, defaults.get("parenthesized"));
        assertEquals(64L, defaults.get("longLiteral"));
        assertEquals(64L, defaults.get("hex"));
        assertEquals(1000L, defaults.get("underscores"));
        assertEquals(3L, defaults.get("truncated"));
        assertEquals(3.0, defaults.get("widened"));
        assertEquals(0L, defaults.get("noInitializer"));
        assertEquals("ADAM", defaults.get("staticImport").toString());
        assertEquals("SGD", defaults.get("qualifiedEnum").toString());
        assertEquals("a\"b", defaults.get("quoted"));
        Object fresh = injector.type().getConstructor().newInstance();
        assertEquals(injector.space().defaults(), injector.read(fresh));
    }

    @Test
    void everyKindOfConditionIsGeneratedAndHonoured() throws Exception {
        JavaFileObject source = Compile.source("test.Conds",
                "package test;",
                "import org.hpo4j.annotations.*;",
                "public class Conds {",
                "  public enum Opt { SGD, MOMENTUM, ADAM }",
                "  @Categorical Opt opt = Opt.SGD;",
                "  @IntUniform(lo = 1, hi = 5) int layers = 1;",
                "  @Uniform(lo = 0, hi = 1, name = \"p\") double probability = 0.5;",
                "  @Categorical({\"8\", \"16\", \"32\"}) int width = 8;",
                "  @Conditional(on = \"opt\", in = {\"MOMENTUM\", \"ADAM\"}) @Categorical boolean nesterov;",
                "  @Conditional(on = \"layers\", in = {\"2\", \"4\"}) @Categorical boolean even;",
                "  @Conditional(on = \"probability\", greaterThan = 0.5) @Categorical boolean high;",
                "  @Conditional(on = \"p\", atMost = 0.25) @Categorical boolean low;",
                "  @Conditional(on = \"width\", lessThan = 32) @Categorical boolean narrow;",
                "  @Conditional(on = \"width\", equalTo = \"32\") @Categorical boolean wide;",
                "}");
        Injector<Object> injector = compileAndLoad(source, "test.Conds");
        SearchSpace space = injector.space();
        JDKRandomGenerator random = new JDKRandomGenerator(7);
        Set<String> seenActive = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            Configuration c = space.sample(random::nextDouble);
            String opt = c.get("opt").toString();
            long layers = c.getLong("layers");
            double p = c.getDouble("p");
            long width = c.getLong("width");
            assertEquals(!opt.equals("SGD"), c.isActive("nesterov"), c::toString);
            assertEquals(layers == 2 || layers == 4, c.isActive("even"), c::toString);
            assertEquals(p > 0.5, c.isActive("high"), c::toString);
            assertEquals(p <= 0.25, c.isActive("low"), c::toString);
            assertEquals(width < 32, c.isActive("narrow"), c::toString);
            assertEquals(width == 32, c.isActive("wide"), c::toString);
            seenActive.addAll(c.names());
            Object target = injector.type().getConstructor().newInstance();
            injector.apply(target, c);
            assertEquals(c, injector.read(target));
        }
        assertEquals(Set.of("opt", "layers", "p", "width", "nesterov", "even", "high", "low", "narrow", "wide"), seenActive);
    }

    @Test
    void userTypesNamedLikeTheGeneratedCodesOwnTypes() throws Exception {
        // a class called Configuration, an enum called Condition and a class Math in the same package
        JavaFileObject math = Compile.source("test.Math", "package test;", "public final class Math {", "  private Math() {}", "}");
        JavaFileObject condition = Compile.source("test.Condition", "package test;", "public enum Condition { DRY, WET }");
        JavaFileObject source = Compile.source("test.Configuration",
                "package test;",
                "import org.hpo4j.annotations.*;",
                "public class Configuration {",
                "  @Categorical Condition weather = Condition.WET;",
                "  @Conditional(on = \"weather\", equalTo = \"DRY\")",
                "  @Uniform(lo = 0, hi = 1) private float dryness = 0.5f;",
                "  @Budget(min = 1, max = 9) int rounds = 9;",
                "  @Objective public double score() { return rounds; }",
                "}");
        Compilation compilation = Compile.compile(math, condition, source);
        assertThat(compilation).succeededWithoutWarnings();
        Injector<Object> injector = DigitsMlpTest.injector(Class.forName("test.Configuration", true, Compile.loader(compilation)));
        Object target = injector.type().getConstructor().newInstance();
        injector.apply(target, injector.space().configuration(Map.of("weather", "DRY", "dryness", 0.25)));
        injector.applyBudget(target, 3.4);
        assertEquals(Map.of("weather", "DRY", "dryness", 0.25), stringKeys(injector.read(target).asMap()));
        assertEquals(3.0, injector.evaluate(target, null));
    }

    @Test
    void classesInTheDefaultPackage() throws Exception {
        JavaFileObject source = Compile.source("Tiny",
                "import org.hpo4j.annotations.*;",
                "public class Tiny {",
                "  @IntUniform(lo = -3, hi = 3) int k = -2;",
                "  @Objective public float value() { return k; }",
                "}");
        Compilation compilation = Compile.compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/hpo4j/objectives")
                .contentsAsUtf8String().isEqualTo("Tiny\n");
        Injector<Object> injector = DigitsMlpTest.injector(Class.forName("Tiny", true, Compile.loader(compilation)));
        Object target = injector.type().getConstructor().newInstance();
        assertEquals(-2.0, injector.evaluate(target, null));
        assertEquals(-2L, injector.space().defaults().get("k"));
    }

    @Test
    void waitsForTypesThatAnotherProcessorGeneratesInALaterRound() throws Exception {
        // a processor that writes the enum Mode during the first round, after which hpo4j first sees Later
        javax.annotation.processing.Processor modeWriter = new javax.annotation.processing.AbstractProcessor() {
            private int round;

            @Override
            public Set<String> getSupportedAnnotationTypes() {
                return Set.of("*");
            }

            @Override
            public javax.lang.model.SourceVersion getSupportedSourceVersion() {
                return javax.lang.model.SourceVersion.latestSupported();
            }

            @Override
            public boolean process(Set<? extends javax.lang.model.element.TypeElement> annotations,
                                   javax.annotation.processing.RoundEnvironment env) {
                if (round++ == 0) {
                    try (java.io.Writer out = processingEnv.getFiler().createSourceFile("test.Mode").openWriter()) {
                        out.write("package test; public enum Mode { FAST, SLOW }");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                return false;
            }
        };
        JavaFileObject source = Compile.source("test.Later",
                "package test;",
                "import org.hpo4j.annotations.*;",
                "public class Later {",
                "  @Categorical Mode mode = Mode.SLOW;",
                "}");
        Compilation compilation = com.google.testing.compile.Compiler.javac()
                .withProcessors(modeWriter, new Hpo4jProcessor())
                .withOptions("-Xlint:all,-processing", "-Werror")
                .compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.LaterSearchSpace").contentsAsUtf8String()
                .contains("CategoricalParameter.ofEnum(\"mode\", Mode.class).withDefault(Mode.SLOW)");
    }

    private static Map<String, Object> stringKeys(Map<String, Object> values) {
        Map<String, Object> shown = new java.util.HashMap<>();
        values.forEach((k, v) -> shown.put(k, v instanceof Enum<?> e ? e.name() : v));
        return shown;
    }

    private static Set<String> enumNames(Set<Object> values) {
        Set<String> names = new HashSet<>();
        values.forEach(v -> names.add(((Enum<?>) v).name()));
        return names;
    }

    private static List<String> enumNamesInOrder(List<Object> values) {
        return values.stream().map(v -> ((Enum<?>) v).name()).toList();
    }

    /** A context with a budget and nothing else. */
    static TrialContext context(double budget) {
        return new TrialContext() {
            @Override
            public int jobId() {
                return 0;
            }

            @Override
            public double budget() {
                return budget;
            }

            @Override
            public double previousBudget() {
                return 0;
            }

            @Override
            public long seed() {
                return 0;
            }

            @Override
            public void report(double step, double value) {
            }

            @Override
            public boolean shouldStop() {
                return false;
            }

            @Override
            public Path workDirectory() {
                return Path.of(".");
            }
        };
    }
}
