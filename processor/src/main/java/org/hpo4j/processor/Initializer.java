package org.hpo4j.processor;

/** What the source says about a field's initial value, as read by {@link InitializerReader}. */
sealed interface Initializer {

    /** The field has no initializer, so it starts with Java's default (0, false, null). */
    record Absent() implements Initializer {
    }

    /**
     * A constant initializer.
     *
     * @param value a {@code Long} (any integer literal or constant), {@code Double} (any floating
     *     literal or constant, as the decimal the user wrote), {@code String}, {@code Boolean},
     *     {@link EnumConstant} or {@link NullValue}
     * @param text the initializer as written, for messages
     */
    record Constant(Object value, String text) implements Initializer {
    }

    /** An initializer that is not a constant (a method call, arithmetic, a non-final field). */
    record NotConstant(String text) implements Initializer {
    }

    /** The source could not be read (a compiler without the javac tree API); the reason says why. */
    record Unknown(String reason) implements Initializer {
    }

    /** An enum constant, by simple name. */
    record EnumConstant(String name) {
    }

    /** The {@code null} literal. */
    record NullValue() {
    }
}
