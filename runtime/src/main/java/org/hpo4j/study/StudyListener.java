package org.hpo4j.study;

/** Hears about a study's progress, e.g. to print it or to store it. Called on the study's thread. */
public interface StudyListener {

    /** A job finished (successfully or not) and its result was told to the optimizer. */
    default void evaluationFinished(Evaluation evaluation) {
    }

    /** The study stopped; {@code result} is what {@link Study#optimize} returns. */
    default void studyFinished(StudyResult result) {
    }
}
