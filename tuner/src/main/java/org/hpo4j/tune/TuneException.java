package org.hpo4j.tune;

/**
 * A tuning run that cannot start or finish: a bad setting, no objective class, a class that cannot
 * be instantiated. The message names the setting (as its {@code hpo.*} property) or the class; the
 * Maven plugin turns it into a build failure without a stack trace.
 */
public class TuneException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public TuneException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public TuneException(String message, Throwable cause) {
        super(message, cause);
    }
}
