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

    /**
     * The default bound, in characters, of what hpo4j keeps of an evaluation's failure cause and of
     * a worker's captured output ({@code hpo.outputLimit}): 64 KB.
     */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    /** The system property that tells a worker JVM the bound. */
    public static final String LIMIT_PROPERTY = "hpo.outputLimit";

    /** The smallest bound accepted: room for an exception, its frames and the cut marker. */
    public static final int MIN_LIMIT = 1024;

    /**
     * {@code text} in at most about {@code limit} characters: unchanged when it fits, else its start
     * (the exception and its message) and its end (the last output) with the middle replaced by a
     * line that says how much was cut.
     */
    public static String bound(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        int head = limit / 4;
        int tail = limit - head;
        return text.substring(0, head) + "\n[... " + (text.length() - head - tail) + " characters cut by hpo4j ("
                + LIMIT_PROPERTY + "=" + limit + ") ...]\n" + text.substring(text.length() - tail);
    }

    /**
     * {@code characters} if it is an acceptable bound.
     *
     * @throws IllegalArgumentException naming {@code hpo.outputLimit} when it is below {@value #MIN_LIMIT}
     */
    public static int checkLimit(int characters) {
        if (characters < MIN_LIMIT) {
            throw new IllegalArgumentException(LIMIT_PROPERTY + ": must be at least " + MIN_LIMIT + " characters, got "
                    + characters);
        }
        return characters;
    }

    /** The bound a worker JVM was given ({@value #LIMIT_PROPERTY}), else the default. */
    static int limitOfThisJvm() {
        try {
            return Math.max(MIN_LIMIT, Integer.parseInt(System.getProperty(LIMIT_PROPERTY, "" + DEFAULT_LIMIT)));
        } catch (NumberFormatException e) {
            return DEFAULT_LIMIT;
        }
    }

    /** "timeout after 2 s" (or "0.5 s"). */
    public static String timeout(java.time.Duration timeout) {
        long ms = timeout.toMillis();
        String seconds = ms % 1000 == 0 ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0);
        return "timeout after " + seconds + " s";
    }
}
