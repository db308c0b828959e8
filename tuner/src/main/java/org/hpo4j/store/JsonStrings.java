package org.hpo4j.store;

/**
 * JSON string literals: the one escaper, for the configurations a store keeps
 * ({@link ConfigurationCodec}) and the report's JSON ({@code org.hpo4j.report.JsonWriter}).
 */
public final class JsonStrings {
    private JsonStrings() {
    }

    /**
     * Appends {@code s} as a JSON string literal: quotes, backslashes and control characters
     * escaped, U+2028 and U+2029 too (older JavaScript parsers read them as line ends), and lone
     * surrogates. In HTML-safe mode also {@code <}, {@code >}, {@code &} and {@code '}, so the text
     * can stand inside a {@code <script>} element.
     */
    public static void quote(StringBuilder out, String s, boolean htmlSafe) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\u2028', '\u2029' -> unicode(out, c);
                case '<', '>', '&', '\'' -> {
                    if (htmlSafe) {
                        unicode(out, c);
                    } else {
                        out.append(c);
                    }
                }
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        unicode(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicode(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicode(StringBuilder out, char c) {
        out.append(String.format("\\u%04x", (int) c));
    }
}
