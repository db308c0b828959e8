package org.hpo4j.execute;

import java.io.IOException;
import java.io.Reader;
import java.util.function.Consumer;

/**
 * Splits a worker's output into lines without ever holding more than a bound of one line: a line
 * longer than the bound keeps its start and end (as {@link Failures#bound} cuts) and says how much
 * was dropped, however long it is. {@code BufferedReader.readLine} would hold a line of any length.
 */
final class BoundedLines {
    private BoundedLines() {
    }

    /** Reads {@code in} to its end, giving each line (without its terminator) to {@code sink}. */
    static void read(Reader in, int limit, Consumer<String> sink) throws IOException {
        int head = limit / 4;
        int tailSize = limit - head;
        StringBuilder start = new StringBuilder();
        char[] tail = new char[tailSize];
        int tailLength = 0;
        int tailStart = 0;
        long total = 0;
        boolean lastWasCr = false;
        char[] buffer = new char[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                char c = buffer[i];
                if (c == '\n' && lastWasCr) {
                    lastWasCr = false;
                    continue;
                }
                lastWasCr = c == '\r';
                if (c == '\n' || c == '\r') {
                    sink.accept(line(start, tail, tailStart, tailLength, total, limit));
                    start.setLength(0);
                    tailLength = 0;
                    tailStart = 0;
                    total = 0;
                    continue;
                }
                total++;
                if (start.length() < head) {
                    start.append(c);
                } else if (tailLength < tailSize) {
                    tail[(tailStart + tailLength++) % tailSize] = c;
                } else {
                    // a ring of the line's last characters
                    tail[tailStart] = c;
                    tailStart = (tailStart + 1) % tailSize;
                }
            }
        }
        if (total > 0) {
            sink.accept(line(start, tail, tailStart, tailLength, total, limit));
        }
    }

    private static String line(StringBuilder start, char[] tail, int tailStart, int tailLength, long total, int limit) {
        StringBuilder b = new StringBuilder(start.length() + tailLength + 80).append(start);
        long cut = total - start.length() - tailLength;
        if (cut > 0) {
            b.append("[... ").append(cut).append(" characters cut by hpo4j (").append(Failures.LIMIT_PROPERTY)
                    .append('=').append(limit).append(") ...]");
        }
        for (int i = 0; i < tailLength; i++) {
            b.append(tail[(tailStart + i) % tail.length]);
        }
        return b.toString();
    }
}
