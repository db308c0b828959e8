package org.hpo4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Cells a spreadsheet would run as formulas are neutralised (OWASP); numbers stay numbers. */
class CsvInjectionTest {
    @Test
    void formulasGetALeadingQuote() {
        assertEquals("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", Csv.field("=HYPERLINK(\"http://evil\",\"x\")"));
        assertEquals("'+1+1", Csv.field("+1+1"));
        assertEquals("'@SUM(1)", Csv.field("@SUM(1)"));
        assertEquals("'-2+3", Csv.field("-2+3"));
        assertEquals("'-Infinity", Csv.field("-Infinity"));
        assertEquals("'\tcmd", Csv.field("\tcmd"));
        assertEquals("\"'\rcmd\"", Csv.field("\rcmd"));
    }

    @Test
    void numbersAndPlainTextStayAsTheyAre() {
        for (String s : List.of("-0.5", "+3", "1e-3", "-2.5E+10", ".5", "-7", "relu", "a=b", "x-1", "0")) {
            assertEquals(s, Csv.field(s), s);
        }
    }

    @Test
    void aRecordWithAFormulaValueReadsBackQuoted() {
        StringBuilder out = new StringBuilder();
        Csv.appendRecord(out, List.of("3", "=1+1", "-0.25"));
        assertEquals(List.of(List.of("3", "'=1+1", "-0.25")), CsvParser.parse(out.toString()));
    }
}
