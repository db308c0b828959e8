package org.hpo4j.processor;

/** Names of generated classes and parameters, in one place so that processor and runtime agree. */
final class Names {
    private Names() {
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

    /** Whether a study name holds letters, digits, '.', '_' and '-' only. */
    static boolean isValidStudyName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
