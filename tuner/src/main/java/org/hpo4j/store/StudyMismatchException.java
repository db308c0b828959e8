package org.hpo4j.store;

import java.util.List;

/**
 * A study exists in the store with another search space or other settings than the run that
 * tries to continue it.
 */
public final class StudyMismatchException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Explains which study differs, how, and the ways out. */
    public StudyMismatchException(String study, String where, List<String> differences) {
        super("study '" + study + "' in " + where + " was started with other settings; "
                + String.join("; ", differences)
                + "\nStart over with -Dhpo.fresh=true (the old study is kept as a backup) or choose another study name.");
    }
}
