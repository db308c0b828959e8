package org.hpo4j.processor;


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
}
