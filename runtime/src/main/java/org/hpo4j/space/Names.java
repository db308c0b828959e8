package org.hpo4j.space;

/** Checks parameter names once, where parameters are built. */
final class Names {
    private Names() {
    }

    static void check(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a parameter needs a non-empty name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '$')) {
                throw new IllegalArgumentException("parameter '" + name + "': names may hold letters, digits, '_', '.', '-' and '$' only");
            }
        }
    }
}
