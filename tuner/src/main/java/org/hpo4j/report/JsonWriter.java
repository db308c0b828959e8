package org.hpo4j.report;

import java.util.ArrayDeque;
import java.util.Deque;
import org.hpo4j.store.JsonStrings;

/**
 * Writes JSON text with correct escaping, without a dependency.
 *
 * <p>In HTML-safe mode it also escapes {@code <}, {@code >}, {@code &} and {@code '} so the text
 * can sit inside a {@code <script>} element: {@code </script>} in a user's string cannot end the
 * element. U+2028 and U+2029 are always escaped (older JavaScript parsers read them as line
 * breaks), and so are lone surrogates, so the output is always valid UTF-8.
 */
public final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    private final boolean htmlSafe;
    private final boolean pretty;
    /** One entry per open object or array: whether it already holds an element. */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private boolean afterName;

    /**
     * A writer.
     *
     * @param htmlSafe also escape {@code < > & '}, for text inside a {@code <script>} element
     * @param pretty indent with two spaces, one member or element a line
     */
    public JsonWriter(boolean htmlSafe, boolean pretty) {
        this.htmlSafe = htmlSafe;
        this.pretty = pretty;
    }

    /** Opens an object. */
    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        open.push(new boolean[1]);
        return this;
    }

    /** Closes the innermost object. */
    public JsonWriter endObject() {
        return close('}');
    }

    /** Opens an array. */
    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        open.push(new boolean[1]);
        return this;
    }

    /** Closes the innermost array. */
    public JsonWriter endArray() {
        return close(']');
    }

    /** The name of the next member of the current object. */
    public JsonWriter name(String name) {
        if (afterName) {
            throw new IllegalStateException("two names in a row: " + name);
        }
        separate();
        quote(name);
        out.append(pretty ? ": " : ":");
        afterName = true;
        return this;
    }

    /** A string, or {@code null}. */
    public JsonWriter value(String s) {
        if (s == null) {
            return nullValue();
        }
        beforeValue();
        quote(s);
        return this;
    }

    /** A number; NaN and infinities, which JSON cannot hold, become {@code null}. */
    public JsonWriter value(double d) {
        if (!Double.isFinite(d)) {
            return nullValue();
        }
        beforeValue();
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            out.append((long) d);
        } else {
            out.append(d);
        }
        return this;
    }

    /** An integer. */
    public JsonWriter value(long n) {
        beforeValue();
        out.append(n);
        return this;
    }

    /** {@code true} or {@code false}. */
    public JsonWriter value(boolean b) {
        beforeValue();
        out.append(b);
        return this;
    }

    /** {@code null}. */
    public JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /**
     * A value that is already JSON text, written as it is: the caller vouches that it is one
     * complete, valid (and, for an HTML-safe writer, HTML-safe) value.
     */
    public JsonWriter rawValue(String json) {
        beforeValue();
        out.append(json);
        return this;
    }

    /** A member with a string value. */
    public JsonWriter member(String name, String value) {
        return name(name).value(value);
    }

    /** A member with a number value. */
    public JsonWriter member(String name, double value) {
        return name(name).value(value);
    }

    /** A member with an integer value. */
    public JsonWriter member(String name, long value) {
        return name(name).value(value);
    }

    /** A member with a boolean value. */
    public JsonWriter member(String name, boolean value) {
        return name(name).value(value);
    }

    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("JSON text has " + open.size() + " unclosed objects or arrays");
        }
        return out.toString();
    }

    private JsonWriter close(char c) {
        if (open.isEmpty() || afterName) {
            throw new IllegalStateException("nothing to close with " + c);
        }
        boolean any = open.pop()[0];
        if (any) {
            newline();
        }
        out.append(c);
        return this;
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        separate();
    }

    private void separate() {
        if (open.isEmpty()) {
            return;
        }
        boolean[] any = open.peek();
        if (any[0]) {
            out.append(',');
        }
        any[0] = true;
        newline();
    }

    private void newline() {
        if (pretty) {
            out.append('\n');
            out.append("  ".repeat(open.size()));
        }
    }

    private void quote(String s) {
        JsonStrings.quote(out, s, htmlSafe);
    }
}
