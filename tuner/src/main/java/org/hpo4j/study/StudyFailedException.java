package org.hpo4j.study;

/** Thrown when every evaluation of a study failed, quoting the first failure. */
public class StudyFailedException extends RuntimeException {
    private final transient StudyResult result;

    /** A failure of the whole study; {@code result} holds the failed evaluations. */
    public StudyFailedException(String message, StudyResult result) {
        super(message);
        this.result = result;
    }

    /** The study's evaluations, all failed. */
    public StudyResult result() {
        return result;
    }
}
