package org.hpo4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.hpo4j.inject.Hpo;
import org.hpo4j.inject.Injector;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Annotated fields of superclasses are hyperparameters of the subclass, set by its generated injector. */
class InheritanceTest {
    private static final JavaFileObject BASE = Compile.source("test.BaseTrainer",
            "package test;",
            "import org.hpo4j.annotations.*;",
            "abstract class BaseTrainer {",
            "  static final double DEFAULT_LR = 1e-3;",
            "  @LogUniform(lo = 1e-5, hi = 1) private double lr = DEFAULT_LR;",
            "  @IntUniform(lo = 1, hi = 4) int layers = 2;",
            "  @Budget(min = 1, max = 9) private int epochs = 9;",
            "  double learningRate() { return lr; }",
            "  int epochs() { return epochs; }",
            "}");
    private static final JavaFileObject TRAINER = Compile.source("test.MyTrainer",
            "package test;",
            "import org.hpo4j.annotations.*;",
            "public class MyTrainer extends BaseTrainer {",
            "  @Conditional(on = \"layers\", atLeast = 2)",
            "  @Categorical({\"relu\", \"tanh\"}) private String activation = \"relu\";",
            "  @Objective public double train() { return learningRate() * 1000 + layers + epochs(); }",
            "}");

    @Test
    void superclassFieldsAreTunedAndPrivateOnesSetThroughTheDeclaringClass() throws Exception {
        Compilation compilation = Compile.compile(BASE, TRAINER);
        assertThat(compilation).succeededWithoutWarnings();
        String injectorSource = Compile.generatedSource(compilation, "test.MyTrainerInjector");
        assertTrue(injectorSource.contains("LR_FIELD = varHandle(BaseTrainer.class, \"lr\", double.class)"), injectorSource);
        assertTrue(injectorSource.contains("ACTIVATION_FIELD = varHandle(MyTrainer.class, \"activation\", String.class)"),
                injectorSource);
        assertTrue(injectorSource.contains("MethodHandles.privateLookupIn(owner, MethodHandles.lookup())"), injectorSource);
        assertTrue(injectorSource.contains("target.layers = configuration.getInt(\"layers\")"), injectorSource);

        Injector<Object> injector = DigitsMlpTest.injector(Class.forName("test.MyTrainer", true, Compile.loader(compilation)));
        SearchSpace space = injector.space();
        assertEquals(List.of("lr", "layers", "activation"), space.parameters().stream().map(p -> p.name()).toList(),
                "the superclass's parameters first");
        assertEquals(Map.of("lr", 1e-3, "layers", 2L, "activation", "relu"), space.defaults().asMap(),
                "the superclass's initializers (a constant of its own) are the defaults");
        assertEquals("epochs", space.budget().orElseThrow().name());

        Object trainer = injector.type().getConstructor().newInstance();
        Configuration c = space.configuration(Map.of("lr", 0.02, "layers", 3L, "activation", "tanh"));
        injector.apply(trainer, c);
        injector.applyBudget(trainer, 3);
        assertEquals(0.02, Compile.get(trainer, "lr"), "the private field of BaseTrainer");
        assertEquals(3, Compile.get(trainer, "layers"));
        assertEquals("tanh", Compile.get(trainer, "activation"));
        assertEquals(3, Compile.get(trainer, "epochs"));
        assertEquals(c, injector.read(trainer));
        assertEquals(0.02 * 1000 + 3 + 3, injector.evaluate(trainer, null), 1e-9);

        // Hpo.load's path: values from a properties file go into the superclass's fields too
        Object loaded = injector.type().getConstructor().newInstance();
        Hpo.apply(loaded, injector, Map.of("lr", "0.5", "layers", "1"), "hpo/test.MyTrainer.properties", new Properties());
        assertEquals(0.5, Compile.get(loaded, "lr"));
        assertEquals(1, Compile.get(loaded, "layers"));
        assertEquals("relu", Compile.get(loaded, "activation"), "inactive with one layer: keeps its value");
    }

    @Test
    void hpoLoadSetsTheSuperclassPrivateFieldFromAPropertiesFile(@TempDir Path dir) throws Exception {
        Compilation compilation = Compile.compile(BASE, TRAINER);
        Class<?> type = Class.forName("test.MyTrainer", true, Compile.loader(compilation));
        Path file = dir.resolve("MyTrainer.properties");
        Files.writeString(file, "lr=0.125\nlayers=4\nactivation=tanh\n");
        Object trainer = Hpo.load(type.getConstructor().newInstance(), file);
        assertEquals(0.125, Compile.get(trainer, "lr"));
        assertEquals(4, Compile.get(trainer, "layers"));
        assertEquals("tanh", Compile.get(trainer, "activation"));

        Files.writeString(file, "lr=2\n");
        Object other = type.getConstructor().newInstance();
        org.hpo4j.inject.HpoConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.hpo4j.inject.HpoConfigurationException.class, () -> Hpo.load(other, file));
        assertTrue(e.getMessage().startsWith(file + ": lr = 2: ") && e.getMessage().contains("[1.0E-5, 1.0] (log)"),
                e.getMessage());
        assertEquals(1e-3, Compile.get(other, "lr"), "a bad file leaves the superclass's field alone");
    }

    @Test
    void superclassesInOtherPackagesAreReachedEvenWhenTheyCannotBeNamed() throws Exception {
        JavaFileObject middle = Compile.source("lib.Middle",
                "package lib;",
                "import org.hpo4j.annotations.*;",
                "abstract class Middle {",
                "  @Uniform(lo = 0, hi = 0.5) double dropout = 0.25;",
                "  public double dropout() { return dropout; }",
                "}");
        JavaFileObject base = Compile.source("lib.Base",
                "package lib;",
                "import org.hpo4j.annotations.*;",
                "public abstract class Base extends Middle {",
                "  @IntUniform(lo = 16, hi = 256, step = 16) protected int batch = 64;",
                "  @Categorical public boolean shuffle = true;",
                "  @Objective public double loss() { return dropout() + batch + (shuffle ? 1 : 0); }",
                "}");
        JavaFileObject app = Compile.source("app.App",
                "package app;",
                "import org.hpo4j.annotations.*;",
                "public class App extends lib.Base {",
                "  @Uniform(lo = 0, hi = 1) double momentum = 0.9;",
                "  @Override public double loss() { return super.loss() + momentum; }",
                "}");
        Compilation compilation = Compile.compile(middle, base, app);
        assertThat(compilation).succeededWithoutWarnings();
        String injectorSource = Compile.generatedSource(compilation, "app.AppInjector");
        assertTrue(injectorSource.contains("varHandle(App.class.getSuperclass().getSuperclass(), \"dropout\", double.class)"),
                injectorSource);
        assertTrue(injectorSource.contains("varHandle(lib.Base.class, \"batch\", int.class)"), injectorSource);
        assertTrue(injectorSource.contains("target.shuffle = "), "a public field of a public class is set directly");
        assertTrue(injectorSource.contains("return target.loss()"), "the inherited @Objective, called on the instance");

        Injector<Object> injector = DigitsMlpTest.injector(Class.forName("app.App", true, Compile.loader(compilation)));
        Object target = injector.type().getConstructor().newInstance();
        Configuration c = injector.space().configuration(Map.of("dropout", 0.1, "batch", 128L, "shuffle", false,
                "momentum", 0.5));
        injector.apply(target, c);
        assertEquals(0.1, Compile.get(target, "dropout"));
        assertEquals(128, Compile.get(target, "batch"));
        assertEquals(false, Compile.get(target, "shuffle"));
        assertEquals(c, injector.read(target));
        assertEquals(0.1 + 128 + 0.5, injector.evaluate(target, null), 1e-9, "the override of the inherited objective");
    }

    @Test
    void aSuperclassFromTheClassPathIsReadFromItsClassFile(@TempDir Path classes) throws Exception {
        JavaFileObject base = Compile.source("lib.Base",
                "package lib;",
                "import org.hpo4j.annotations.*;",
                "public abstract class Base {",
                "  @LogUniform(lo = 1e-4, hi = 1) private double lr = 0.05;",
                "  public double lr() { return lr; }",
                "}");
        Compilation library = Compile.compile(base);
        assertThat(library).succeededWithoutWarnings();
        writeClassFiles(library, classes);

        JavaFileObject app = Compile.source("app.App",
                "package app;",
                "import org.hpo4j.annotations.*;",
                "public class App extends lib.Base {",
                "  @IntUniform(lo = 1, hi = 8) int layers = 2;",
                "  @Objective public double loss() { return lr() * layers; }",
                "}");
        List<File> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classPath.add(new File(entry));
        }
        classPath.add(classes.toFile());
        Compilation compilation = Compiler.javac().withProcessors(new Hpo4jProcessor())
                .withOptions("-Xlint:all", "-Werror").withClasspath(classPath).compile(app);
        assertThat(compilation).succeededWithoutWarnings();
        // the annotations survive in the class file; the initializer does not, and the note says so
        assertThat(compilation).hadNoteContaining("cannot read the source of 'lr' (it is inherited from lib.Base, "
                + "which this compilation has as a class file, not as source)");

        try (URLClassLoader libraryLoader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                InheritanceTest.class.getClassLoader())) {
            Injector<Object> injector = DigitsMlpTest.injector(
                    Class.forName("app.App", true, Compile.loader(compilation, libraryLoader)));
            assertEquals(List.of("lr", "layers"), injector.space().parameters().stream().map(p -> p.name()).toList());
            assertEquals(0.01, (Double) injector.space().defaults().get("lr"), 1e-12, "the geometric middle");
            Object target = injector.type().getConstructor().newInstance();
            injector.apply(target, injector.space().configuration(Map.of("lr", 0.3, "layers", 4L)));
            assertEquals(0.3, Compile.get(target, "lr"), "the private field of the class-path superclass");
            assertEquals(0.3 * 4, injector.evaluate(target, null), 1e-12);
        }
    }

    @Test
    void aSubclassWithoutAnnotationsOfItsOwnGetsAnInjectorAndOnlyConcreteClassesAreIndexed() throws Exception {
        JavaFileObject model = Compile.source("test.Model",
                "package test;",
                "import org.hpo4j.annotations.*;",
                "public abstract class Model {",
                "  @Uniform(lo = 0, hi = 1) private double x = 0.5;",
                "  @Objective public double loss() { return x * scale(); }",
                "  protected abstract double scale();",
                "}");
        JavaFileObject concrete = Compile.source("test.Concrete",
                "package test;",
                "public class Concrete extends Model {",
                "  @Override protected double scale() { return 10; }",
                "  abstract static class StillAbstract extends Model {}",
                "  private static class Hidden extends Model { @Override protected double scale() { return 1; } }",
                "}");
        Compilation compilation = Compile.compile(model, concrete);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/hpo4j/objectives")
                .contentsAsUtf8String().isEqualTo("test.Concrete\n");
        assertTrue(compilation.generatedSourceFile("test.Concrete_StillAbstractInjector").isEmpty(), "abstract: not tunable");
        assertTrue(compilation.generatedSourceFile("test.Concrete_HiddenInjector").isEmpty(), "private: not tunable");

        Injector<Object> injector = DigitsMlpTest.injector(Class.forName("test.Concrete", true, Compile.loader(compilation)));
        assertEquals(Map.of("x", 0.5), injector.space().defaults().asMap());
        Object target = injector.type().getConstructor().newInstance();
        Hpo.apply(target, injector, Map.of("x", "0.25"), "hpo/test.Concrete.properties", new Properties());
        assertEquals(0.25, Compile.get(target, "x"));
        assertEquals(2.5, injector.evaluate(target, null), 1e-12);
    }

    @Test
    void aGenericSuperclassFieldTakesTheTypeArgumentAndIsFoundByItsErasure() throws Exception {
        JavaFileObject base = Compile.source("test.Generic",
                "package test;",
                "import org.hpo4j.annotations.*;",
                "abstract class Generic<T> {",
                "  @SuppressWarnings(\"unchecked\")",
                "  @Categorical({\"sgd\", \"adam\"}) private T optimizer = (T) \"adam\";",
                "  @Uniform(lo = 0, hi = 1) private double rate = 0.5;",
                "  T optimizer() { return optimizer; }",
                "}");
        JavaFileObject sub = Compile.source("test.Concrete",
                "package test;",
                "import org.hpo4j.annotations.*;",
                "public class Concrete extends Generic<String> {",
                "  @Objective public double f() { return optimizer().length(); }",
                "}");
        Compilation compilation = Compile.compile(base, sub);
        assertThat(compilation).succeededWithoutWarnings();
        assertTrue(compilation.generatedSourceFile("test.GenericInjector").isEmpty(),
                "an abstract generic class is only a base: its subclasses fix T");
        String injectorSource = Compile.generatedSource(compilation, "test.ConcreteInjector");
        assertTrue(injectorSource.contains("varHandle(Generic.class, \"optimizer\", java.lang.Object.class)"), injectorSource);
        Injector<Object> injector = DigitsMlpTest.injector(Class.forName("test.Concrete", true, Compile.loader(compilation)));
        assertEquals(Map.of("optimizer", "adam", "rate", 0.5), injector.space().defaults().asMap());
        Object target = injector.type().getConstructor().newInstance();
        Configuration c = injector.space().configuration(Map.of("optimizer", "sgd", "rate", 0.25));
        injector.apply(target, c);
        assertEquals("sgd", Compile.get(target, "optimizer"));
        assertEquals(c, injector.read(target));
        assertEquals(3.0, injector.evaluate(target, null));
    }

    private static void writeClassFiles(Compilation compilation, Path root) throws IOException {
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() == JavaFileObject.Kind.CLASS) {
                String path = file.toUri().getPath();
                Path target = root.resolve(path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length()));
                Files.createDirectories(target.getParent());
                try (InputStream in = file.openInputStream()) {
                    Files.write(target, in.readAllBytes());
                }
            }
        }
    }
}
