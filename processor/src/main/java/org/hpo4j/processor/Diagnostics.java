package org.hpo4j.processor;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports messages from the {@link Message} catalogue at the most precise place known (element,
 * annotation, annotation value) and remembers whether anything failed, so that processing can go on
 * to report every error while writing nothing for a class that has one.
 */
final class Diagnostics {
    private final Messager messager;
    private final Set<List<Object>> printed = new HashSet<>();
    private int errors;

    Diagnostics(Messager messager) {
        this.messager = messager;
    }

    /** An error at {@code where}; {@code annotation} and {@code value} narrow it down when not null. */
    void error(Element where, AnnotationMirror annotation, AnnotationValue value, Message message, Object... args) {
        errors++;
        print(Diagnostic.Kind.ERROR, where, annotation, value, message.format(args));
    }

    /** An error at an element. */
    void error(Element where, Message message, Object... args) {
        error(where, null, null, message, args);
    }

    /** A note (never a warning: users compile with {@code -Werror}). */
    void note(Element where, Message message, Object... args) {
        print(Diagnostic.Kind.NOTE, where, null, null, message.format(args));
    }

    /** Number of errors reported so far; compare before and after a step to see whether it failed. */
    int errorCount() {
        return errors;
    }

    private void print(Diagnostic.Kind kind, Element where, AnnotationMirror annotation, AnnotationValue value, String text) {
        // a superclass's fields are checked with each subclass as well: say each thing once
        if (!printed.add(Arrays.asList(kind, where, annotation, value, text))) {
            return;
        }
        if (annotation == null) {
            messager.printMessage(kind, text, where);
        } else if (value == null) {
            messager.printMessage(kind, text, where, annotation);
        } else {
            messager.printMessage(kind, text, where, annotation, value);
        }
    }
}
