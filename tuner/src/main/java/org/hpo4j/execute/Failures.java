package org.hpo4j.execute;

/** Turns what went wrong in an objective into the cause stored with a failed evaluation. */
public final class Failures {
    /** Stack frames kept per exception: enough to find the line, short enough to read in a report. */
    static final int FRAMES = 5;

    private Failures() {
    }

    /**
     * The exception's class and message, its first stack frames, and the root cause's class and
     * message when there is one.
     */
    public static String describe(Throwable t) {
        StringBuilder b = new StringBuilder(String.valueOf(t));
        StackTraceElement[] frames = t.getStackTrace();
        for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
            b.append("\n\tat ").append(frames[i]);
        }
        if (frames.length > FRAMES) {
            b.append("\n\t... ").append(frames.length - FRAMES).append(" more");
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != t) {
            b.append("\nCaused by: ").append(root);
            StackTraceElement[] rootFrames = root.getStackTrace();
            if (rootFrames.length > 0) {
                b.append("\n\tat ").append(rootFrames[0]);
            }
        }
        return b.toString();
    }

    /** "timeout after 2 s" (or "0.5 s"). */
    public static String timeout(java.time.Duration timeout) {
        long ms = timeout.toMillis();
        String seconds = ms % 1000 == 0 ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0);
        return "timeout after " + seconds + " s";
    }
}
