package org.hpo4j.report;

import java.util.List;
import java.util.regex.Pattern;

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

    /** A number as spreadsheets read one: such a field is written as it is, even with a sign. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * A field, quoted (with inner quotes doubled) when it holds a comma, quote, CR or LF. A field
     * that a spreadsheet would take for a formula (it starts with {@code = + - @}, a tab or a
     * carriage return and is not a number) gets a leading {@code '}, as OWASP recommends against CSV
     * injection: a categorical value {@code =HYPERLINK(...)} is shown, not run.
     */
    static String field(String s) {
        if (s == null) {
            return "";
        }
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !NUMBER.matcher(s).matches()) {
            s = "'" + s;
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
