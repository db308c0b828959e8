package org.hpo4j.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;

/**
 * Writes a configuration as a flat JSON object and reads it back exactly: doubles are written
 * with {@link Double#toString} (which parses back to the same bits), integers as {@code Long},
 * booleans as JSON booleans, strings and enum constants (by name) as JSON strings. Reading goes
 * through {@link SearchSpace#configuration(Map)}, so a stored configuration is checked against
 * the space it is read with.
 */
public final class ConfigurationCodec {
    private ConfigurationCodec() {
    }

    /** The configuration as JSON, e.g. {@code {"lr":1.0E-4,"layers":3,"opt":"adam"}}. */
    public static String encode(Configuration configuration) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, Object> e : configuration.asMap().entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            quote(b, e.getKey());
            b.append(':');
            Object v = e.getValue();
            if (v instanceof Double d) {
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new IllegalArgumentException("parameter '" + e.getKey() + "' has no finite value: " + d);
                }
                b.append(Double.toString(d));
            } else if (v instanceof Long || v instanceof Integer || v instanceof Boolean) {
                b.append(v);
            } else if (v instanceof Enum<?> en) {
                quote(b, en.name());
            } else {
                quote(b, String.valueOf(v));
            }
        }
        return b.append('}').toString();
    }

    /**
     * Reads JSON written by {@link #encode} into a configuration of {@code space}.
     *
     * @throws IllegalArgumentException when the text is not a flat JSON object or a value does not
     *     fit the space (the message names the parameter)
     */
    public static Configuration decode(SearchSpace space, String json) {
        return space.configuration(parse(json));
    }

    /** The raw values of a flat JSON object: {@code String}, {@code Long}, {@code Double} or {@code Boolean}. */
    public static Map<String, Object> parse(String json) {
        return new Parser(json).object();
    }

    private static void quote(StringBuilder b, String s) {
        JsonStrings.quote(b, s, false);
    }

    /** A parser for exactly what {@link #encode} writes (plus whitespace). */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Map<String, Object> object() {
            Map<String, Object> values = new LinkedHashMap<>();
            expect('{');
            if (peek() == '}') {
                pos++;
                return end(values);
            }
            while (true) {
                String key = string();
                expect(':');
                values.put(key, value());
                char c = next();
                if (c == '}') {
                    return end(values);
                }
                if (c != ',') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private Map<String, Object> end(Map<String, Object> values) {
            skipSpace();
            if (pos != s.length()) {
                throw error("unexpected text after the object");
            }
            return values;
        }

        private Object value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (s.startsWith("true", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            int start = pos;
            while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            String number = s.substring(start, pos);
            if (number.isEmpty()) {
                throw error("expected a value");
            }
            try {
                boolean integral = number.indexOf('.') < 0 && number.indexOf('e') < 0 && number.indexOf('E') < 0;
                return integral ? (Object) Long.parseLong(number) : (Object) Double.parseDouble(number);
            } catch (NumberFormatException e) {
                throw error("bad number '" + number + "'");
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> b.append(e);
                }
            }
        }

        private void expect(char c) {
            if (next() != c) {
                throw error("expected '" + c + "'");
            }
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }

        private char peek() {
            skipSpace();
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(pos);
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("stored configuration " + s + ": " + what + " at character " + pos);
        }
    }
}
