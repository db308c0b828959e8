package org.hpo4j.study;

/**
 * A study of several objectives has no evaluation to write: none is feasible, or none meets the
 * selection rule's conditions. The message names the constraints or conditions.
 */
public final class NoFeasibleEvaluationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}. */
    public NoFeasibleEvaluationException(String message) {
        super(message);
    }
}
