package org.hpo4j.report;

import java.util.List;

/** Writes CSV as RFC 4180 describes it: CRLF line ends, fields quoted when they need it. */
final class Csv {
    private Csv() {
    }

    /** One record, with its CRLF. */
    static void appendRecord(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append("\r\n");
    }

    /** A field, quoted (with inner quotes doubled) when it holds a comma, quote, CR or LF. */
    static String field(String s) {
        if (s == null) {
            return "";
        }
        boolean needsQuotes = false;
        for (int i = 0; i < s.length() && !needsQuotes; i++) {
            char c = s.charAt(i);
            needsQuotes = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        // leading or trailing blanks would be trimmed by some readers; quoting keeps them
        needsQuotes |= !s.isEmpty() && (Character.isWhitespace(s.charAt(0))
                || Character.isWhitespace(s.charAt(s.length() - 1)));
        return needsQuotes ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
