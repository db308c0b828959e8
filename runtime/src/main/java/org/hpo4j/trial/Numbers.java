package org.hpo4j.trial;

/** Numbers as messages show them: whole numbers without a fraction. */
final class Numbers {
    private Numbers() {
    }

    static String text(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
