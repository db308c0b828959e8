package org.hpo4j.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.tools.Diagnostic;

/**
 * The hpo4j annotation processor. For each class with hpo4j annotations it reads the annotations
 * into a model ({@link ClassReader}), checks it and reports every error at the offending element
 * ({@link ClassValidator}), and writes {@code <Class>SearchSpace} and {@code <Class>Injector} into
 * the class's package. Annotated fields of superclasses count as the class's own, and a class with
 * no annotation of its own that inherits annotated members is processed too. In the last round it
 * writes {@code META-INF/hpo4j/objectives}, the binary names of the concrete classes with an
 * {@code @Objective} (their own or inherited), one per line.
 *
 * <p>Defaults are the fields' initializers, read from source. They must be constants (literals,
 * static final constants, enum constants): a computed initializer such as {@code Math.pow(10, -3)}
 * is a compile error that asks for a literal, because the generated search space states its
 * defaults at compile time and must not create an instance of the user's class to learn them.
 */
@AutoService(Processor.class)
public final class Hpo4jProcessor extends AbstractProcessor {
    private static final List<String> ANNOTATIONS = List.of("Uniform", "LogUniform", "IntUniform", "Categorical",
            "Conditional", "Conditionals", "Budget", "Objective", "StudyName");
    /** Annotations on the components of an objective's record: checked with the class whose objective returns it. */
    private static final List<String> COMPONENT_ANNOTATIONS = List.of("Minimize", "Maximize", "AtMost", "AtLeast");

    static final String GENERATED = "javax.annotation.processing.Generated";

    private Diagnostics diagnostics;
    private ClassReader reader;
    private ClassValidator validator;
    private SearchSpaceWriter searchSpaceWriter;
    private InjectorWriter injectorWriter;
    private GeneratedFiles files;
    private final Set<String> processed = new HashSet<>();
    /** Binary names of the classes processed in this compilation, and whether each has a valid objective. */
    private final Map<String, Boolean> objectives = new LinkedHashMap<>();
    private final List<TypeElement> indexOrigins = new ArrayList<>();
    /** Classes put off to a later round because some of their types were not resolved yet. */
    private final Set<String> deferred = new LinkedHashSet<>();

    /** Creates the processor; the compiler calls this through the service loader. */
    public Hpo4jProcessor() {
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        diagnostics = new Diagnostics(env.getMessager());
        reader = new ClassReader(env.getElementUtils(), env.getTypeUtils(), new InitializerReader(env));
        validator = new ClassValidator(diagnostics);
        searchSpaceWriter = new SearchSpaceWriter();
        injectorWriter = new InjectorWriter();
        files = new GeneratedFiles(env.getFiler());
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        Set<String> names = new LinkedHashSet<>();
        ANNOTATIONS.forEach(a -> names.add(ClassReader.PACKAGE + "." + a));
        COMPONENT_ANNOTATIONS.forEach(a -> names.add(ClassReader.PACKAGE + "." + a));
        // Our own output carries @Generated; unless some processor claims it, javac's -Xlint:processing
        // warns about it in the next round, and users who compile with -Werror would fail.
        names.add(GENERATED);
        return names;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (round.processingOver()) {
            writeIndex();
            return false;
        }
        Set<TypeElement> classes = new LinkedHashSet<>();
        for (TypeElement annotation : annotations) {
            if (annotation.getQualifiedName().contentEquals(GENERATED)
                    || COMPONENT_ANNOTATIONS.contains(annotation.getSimpleName().toString())) {
                continue;
            }
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                TypeElement owner = element instanceof TypeElement t ? t : enclosingType(element);
                if (owner != null) {
                    classes.add(owner);
                }
            }
        }
        for (Element root : round.getRootElements()) {
            if (root instanceof TypeElement t) {
                addPlainSubclasses(t, classes);
            }
        }
        // classes whose types were unresolved last round: another processor may have generated them since
        for (String name : new ArrayList<>(deferred)) {
            TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
            if (type != null) {
                classes.add(type);
            }
        }
        for (TypeElement type : classes) {
            String name = type.getQualifiedName().toString();
            if (processed.contains(name)) {
                continue;
            }
            if (mentionsUnresolvedTypes(type)) {
                // javac reports a type that stays unresolved itself; checking now would add false errors
                deferred.add(name);
                continue;
            }
            deferred.remove(name);
            processed.add(name);
            if (type.getModifiers().contains(Modifier.ABSTRACT) && !type.getTypeParameters().isEmpty()) {
                // a generic base class: only its subclasses, which fix the type arguments, are tuned
                continue;
            }
            processClass(type);
        }
        // hpo4j's annotations mean nothing to other processors, and @Generated is claimed as said above
        return true;
    }

    /**
     * Adds {@code type} and its nested classes when they carry no hpo4j annotation of their own but
     * inherit annotated members: {@code class MyTrainer extends BaseTrainer {}} is tuned through the
     * fields of {@code BaseTrainer}, so it needs an injector of its own. Only classes that could be
     * tuned are added (concrete, not private, not generic, not inner), so that a class the user never
     * annotated gets no errors.
     */
    private static void addPlainSubclasses(TypeElement type, Set<TypeElement> classes) {
        boolean candidate = type.getKind() == ElementKind.CLASS
                && !type.getModifiers().contains(Modifier.ABSTRACT)
                && type.getTypeParameters().isEmpty()
                && FieldType.visibleInPackage(type)
                && (type.getNestingKind() == NestingKind.TOP_LEVEL
                        || (type.getNestingKind() == NestingKind.MEMBER && type.getModifiers().contains(Modifier.STATIC)));
        if (candidate && !ClassReader.isAnnotated(type) && type.getEnclosedElements().stream().noneMatch(ClassReader::isAnnotated)
                && ClassReader.superclasses(type).stream()
                        .anyMatch(s -> s.getEnclosedElements().stream().anyMatch(ClassReader::isAnnotated))) {
            classes.add(type);
        }
        for (Element member : type.getEnclosedElements()) {
            if (member instanceof TypeElement nested) {
                addPlainSubclasses(nested, classes);
            }
        }
    }

    /**
     * Whether a superclass, or the type of an annotated member of the class or its superclasses, is
     * not (yet) known to the compiler.
     */
    private static boolean mentionsUnresolvedTypes(TypeElement type) {
        List<TypeElement> hierarchy = new ArrayList<>();
        hierarchy.add(type);
        hierarchy.addAll(ClassReader.superclasses(type));
        TypeElement top = hierarchy.get(hierarchy.size() - 1);
        if (top.getSuperclass().getKind() == TypeKind.ERROR) {
            return true;
        }
        for (TypeElement t : hierarchy) {
            if (hasUnresolvedMembers(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasUnresolvedMembers(TypeElement type) {
        for (Element member : type.getEnclosedElements()) {
            if (!ClassReader.isAnnotated(member)) {
                continue;
            }
            if (member instanceof VariableElement field && field.asType().getKind() == TypeKind.ERROR) {
                return true;
            }
            if (member instanceof ExecutableElement method) {
                if (method.getReturnType().getKind() == TypeKind.ERROR
                        || method.getParameters().stream().anyMatch(p -> p.asType().getKind() == TypeKind.ERROR)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static TypeElement enclosingType(Element element) {
        Element e = element.getEnclosingElement();
        return e instanceof TypeElement t ? t : null;
    }

    private void processClass(TypeElement type) {
        AnnotatedClass source = reader.read(type);
        Optional<ClassModel> model = validator.validate(source);
        objectives.put(source.binaryName(), false);
        if (model.isEmpty()) {
            return;
        }
        ClassModel m = model.get();
        String prefix = m.packageName().isEmpty() ? "" : m.packageName() + ".";
        try {
            files.writeSource(prefix + m.searchSpaceName(), searchSpaceWriter.write(m), type);
            files.writeSource(prefix + m.injectorName(), injectorWriter.write(m), type);
        } catch (IOException e) {
            diagnostics.error(type, Message.FILE_UNWRITABLE, prefix + m.injectorName(), e.getMessage());
            return;
        }
        // an abstract class cannot be instantiated, so hpo:tune cannot tune it; its subclasses can
        if (m.objective().isPresent() && !type.getModifiers().contains(Modifier.ABSTRACT)) {
            objectives.put(m.binaryName(), true);
            indexOrigins.add(type);
        }
    }

    /**
     * Merges this compilation's classes into the index of an earlier one: entries of classes compiled
     * now are replaced by what they say now; others stay while their class still exists.
     */
    private void writeIndex() {
        if (objectives.isEmpty()) {
            return;
        }
        Set<String> entries = new TreeSet<>();
        Set<String> earlierEntries = files.readIndex();
        for (String earlier : earlierEntries) {
            boolean stillExists = processingEnv.getElementUtils().getTypeElement(earlier.replace('$', '.')) != null;
            if (!objectives.containsKey(earlier) && stillExists) {
                entries.add(earlier);
            }
        }
        objectives.forEach((name, hasObjective) -> {
            if (hasObjective) {
                entries.add(name);
            }
        });
        if (entries.isEmpty() && earlierEntries.isEmpty()) {
            // nothing to list and nothing to correct: a project without objectives gets no index
            return;
        }
        try {
            files.writeIndex(entries, indexOrigins.toArray(TypeElement[]::new));
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    Message.INDEX_UNWRITABLE.format(GeneratedFiles.INDEX, e.getMessage()));
        }
    }
}
