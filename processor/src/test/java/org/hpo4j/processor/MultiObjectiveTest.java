package org.hpo4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.hpo4j.annotations.Direction;
import org.hpo4j.inject.Injector;
import org.hpo4j.trial.Constraint;
import org.hpo4j.trial.Criteria;
import org.hpo4j.trial.Goal;
import org.hpo4j.trial.Score;
import org.junit.jupiter.api.Test;

/**
 * Objectives that return a record of several objectives and constraints: the generated injector
 * describes them ({@code criteria()}) and reads every component with one call
 * ({@code score()}); every misuse is a compile error at the element it concerns.
 */
class MultiObjectiveTest {

    private static final String HEADER = "package test;\n"
            + "import org.hpo4j.annotations.*;\n"
            + "import org.hpo4j.trial.TrialContext;\n";

    private static JavaFileObject trainer(String record, String objective) {
        String source = HEADER
                + "public class Trainer {\n"
                + "  " + record + "\n"
                + "  @Uniform(lo = 0, hi = 1) double x = 0.5;\n"
                + "  " + objective + "\n"
                + "}\n";
        return Compile.source("test.Trainer", source.lines().toArray(String[]::new));
    }

    @Test
    void injectorDescribesAndReadsEveryComponent() throws Exception {
        JavaFileObject source = trainer(
                "public record Score(@Minimize double error, @Maximize @AtLeast(2) int throughput, "
                        + "@AtMost(50) Float sizeMb) {}",
                "@Objective public Score train(TrialContext context) { return new Score(x, 7, 40f + (float) context.budget()); }");
        Compilation compilation = Compile.compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        Injector<Object> injector = DigitsMlpTest.injector(Class.forName("test.Trainer", true, Compile.loader(compilation)));

        assertEquals(new Criteria(
                List.of(new Goal("error", Direction.MINIMIZE), new Goal("throughput", Direction.MAXIMIZE)),
                List.of(new Constraint("throughput", Constraint.Kind.AT_LEAST, 2), new Constraint("sizeMb", Constraint.Kind.AT_MOST, 50))),
                injector.criteria());
        assertEquals(Direction.MINIMIZE, injector.direction(), "the first objective's direction");

        Object target = injector.type().getConstructor().newInstance();
        Compile.set(target, "x", 0.25);
        Score score = injector.score(target, GeneratedCodeTest.context(3));
        assertEquals(new Score(List.of(0.25, 7.0), List.of(7.0, 43.0)), score);
        assertEquals(0.25, injector.evaluate(target, GeneratedCodeTest.context(3)), "evaluate gives the first objective");
    }

    @Test
    void nullRecordAndNullComponentAreErrorsNamingThem() throws Exception {
        JavaFileObject source = trainer("public record Score(@Minimize double error, @Minimize Double size) {}",
                "@Objective public Score train() { return x < 0.5 ? null : new Score(x, null); }");
        Compilation compilation = Compile.compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        Injector<Object> injector = DigitsMlpTest.injector(Class.forName("test.Trainer", true, Compile.loader(compilation)));
        Object target = injector.type().getConstructor().newInstance();
        Compile.set(target, "x", 0.25);
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> injector.score(target, GeneratedCodeTest.context(1)));
        assertTrue(none.getMessage().contains("train returned null"), none.getMessage());
        Compile.set(target, "x", 0.75);
        IllegalStateException component = assertThrows(IllegalStateException.class, () -> injector.score(target, GeneratedCodeTest.context(1)));
        assertTrue(component.getMessage().contains("'size'"), component.getMessage());
    }

    @Test
    void doubleObjectivesKeepTheirSingleCriterion() throws Exception {
        JavaFileObject source = trainer("", "@Objective(direction = Direction.MAXIMIZE) public double accuracy() { return x; }");
        Compilation compilation = Compile.compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        Injector<Object> injector = DigitsMlpTest.injector(Class.forName("test.Trainer", true, Compile.loader(compilation)));
        assertEquals(Criteria.single(Direction.MAXIMIZE), injector.criteria());
        Object target = injector.type().getConstructor().newInstance();
        assertEquals(Score.of(0.5), injector.score(target, GeneratedCodeTest.context(1)));
    }

    // ---- errors, each at its line ---------------------------------------------------------------

    private static void assertErrorAt(String message, int line, JavaFileObject source) {
        Compilation compilation = Compile.compile(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(message).inFile(source).onLine(line);
        assertEquals(1, compilation.errors().size(), () -> "expected one error, got " + compilation.errors());
    }

    /** Line 5 holds the record; its components each start a line of their own. */
    private static JavaFileObject trainerWithComponents(String... components) {
        StringBuilder source = new StringBuilder(HEADER).append("public class Trainer {\n").append("  public record Score(\n");
        source.append(String.join(",\n", components)).append(") {}\n");
        source.append("  @Uniform(lo = 0, hi = 1) double x = 0.5;\n");
        source.append("  @Objective public Score train() { return null; }\n}\n");
        return Compile.source("test.Trainer", source.toString().lines().toArray(String[]::new));
    }

    @Test
    void componentWithoutDirectionOrBound() {
        assertErrorAt("component 'note' of Score has neither a direction nor a bound", 8,
                trainerWithComponents("@Minimize double error", "@Minimize double size", "double note"));
    }

    @Test
    void boundOnText() {
        assertErrorAt("@AtMost on component 'name' of Score, of type java.lang.String: objectives and bounds need a number", 8,
                trainerWithComponents("@Minimize double error", "@Minimize double size", "@AtMost(3) String name"));
    }

    @Test
    void directionOnBoolean() {
        assertErrorAt("@Maximize on component 'ok' of Score, of type boolean", 7,
                trainerWithComponents("@Minimize double error", "@Maximize boolean ok", "@Minimize double size"));
    }

    @Test
    void bothDirections() {
        assertErrorAt("component 'size' of Score is both @Minimize and @Maximize", 7,
                trainerWithComponents("@Minimize double error", "@Minimize @Maximize double size"));
    }

    @Test
    void oneObjective() {
        assertErrorAt("a record needs 2 to 4 components with @Minimize or @Maximize (for one objective return a double)", 5,
                trainerWithComponents("@Minimize double error", "@AtMost(5) double size"));
    }

    @Test
    void fiveObjectives() {
        assertErrorAt("returns Score with 5 objective(s) (a, b, c, d, e)", 5,
                trainerWithComponents("@Minimize double a", "@Minimize double b", "@Minimize double c", "@Maximize double d",
                        "@Minimize double e"));
    }

    @Test
    void boundNotFinite() {
        assertErrorAt("@AtLeast on component 'b' of Score: the bound must be a finite number, got NaN", 7,
                trainerWithComponents("@Minimize double a", "@Minimize @AtLeast(Double.NaN) double b"));
    }

    @Test
    void directionOnTheMethodOfARecord() {
        JavaFileObject source = trainer("public record Score(@Minimize double error, @Minimize double size) {}",
                "@Objective(direction = Direction.MAXIMIZE) public Score train() { return null; }");
        assertErrorAt("returns the record Score and sets direction", 7, source);
    }

    @Test
    void privateRecord() {
        JavaFileObject source = trainer("private record Score(@Minimize double error, @Minimize double size) {}",
                "@Objective public Score train() { return null; }");
        assertErrorAt("returns test.Trainer.Score, which is private", 7, source);
    }

    @Test
    void methodReturningAnotherClass() {
        JavaFileObject source = trainer("public static class Score { public double error; }",
                "@Objective public Score train() { return null; }");
        assertErrorAt("@Objective method 'train' returns test.Trainer.Score; it must return double, float, int or long", 7, source);
    }
}
