package org.hpo4j.study;

import java.util.List;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.optimizer.Job;

/** Hears about a study's progress, e.g. to print it or to store it. Called on the study's thread. */
public interface StudyListener {

    /**
     * A study continued from a store: {@code replayed} are the evaluations it had finished before,
     * in the order they finished.
     */
    default void resumed(List<Evaluation> replayed) {
    }

    /** A job was handed to the objective (a thread or a worker). */
    default void evaluationStarted(Job job) {
    }

    /** A job finished (successfully or not) and its result was told to the optimizer. */
    default void evaluationFinished(Evaluation evaluation) {
    }

    /** The study stopped; {@code result} is what {@link Study#optimize} returns. */
    default void studyFinished(StudyResult result) {
    }

    /** Something the user should know that does not stop the study (e.g. files it left alone). */
    default void warning(String message) {
    }
}
