package org.hpo4j.processor;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/** Names of generated classes and parameters, in one place so that processor and runtime agree. */
final class Names {
    private Names() {
    }

    /**
     * How generated code in {@code packageName} refers to a type: without the package, unless its
     * outermost simple name is one the generated code uses for its own types (see {@link Imports}).
     */
    static String reference(String canonicalName, String packageName) {
        String relative = relativeTo(canonicalName, packageName);
        String outermost = relative.contains(".") ? relative.substring(0, relative.indexOf('.')) : relative;
        boolean clashes = Imports.IMPORTED.contains(outermost) || Imports.JAVA_LANG.contains(outermost);
        return clashes && !packageName.isEmpty() ? canonicalName : relative;
    }

    /** A canonical name as generated code in {@code packageName} writes it (without its own package). */
    static String relativeTo(String canonicalName, String packageName) {
        if (!packageName.isEmpty() && canonicalName.startsWith(packageName + ".")) {
            return canonicalName.substring(packageName.length() + 1);
        }
        return canonicalName;
    }

    /**
     * The flat name used for generated classes: {@code Outer.Inner} becomes {@code Outer_Inner}, as
     * {@code org.hpo4j.inject.Injectors#injectorClassName} expects.
     */
    static String flat(String nameInPackage) {
        return nameInPackage.replace('.', '_');
    }

    /** Whether a parameter name is acceptable to the runtime's {@code SearchSpace}. */
    static boolean isValidParameterName(String name) {
        if (name.isBlank()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '$')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a study name follows the runtime's rule ({@code org.hpo4j.inject.StudyNames}, which the
     * processor cannot see at compile time; {@code StudyNameRuleTest} checks that both agree): after
     * NFC normalisation, letters, digits, '-', '_' and '.' only, 1 to 200 bytes in UTF-8, not dots only.
     */
    static boolean isValidStudyName(String name) {
        String n = normalizedStudyName(name);
        if (n.isEmpty() || n.getBytes(StandardCharsets.UTF_8).length > 200) {
            return false;
        }
        boolean onlyDots = true;
        for (int i = 0; i < n.length(); ) {
            int c = n.codePointAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
                return false;
            }
            onlyDots &= c == '.';
            i += Character.charCount(c);
        }
        return !onlyDots;
    }

    /** A study name in the form the runtime compares it: Unicode NFC. */
    static String normalizedStudyName(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC);
    }
}
