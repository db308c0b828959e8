package org.hpo4j.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.Parameter;

/** Turns numbers and parameter values into text for the exports and the page. */
final class Values {
    private Values() {
    }

    /** A number in full precision for the exports; empty for NaN. */
    static String exact(double d) {
        if (Double.isNaN(d)) {
            return "";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    /** A number rounded to 6 significant digits for people; empty for NaN. */
    static String display(double d) {
        if (Double.isNaN(d)) {
            return "";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return "0";
        }
        double a = Math.abs(d);
        if (a >= 1e-4 && a < 1e9) {
            return new BigDecimal(d).round(new MathContext(6)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.5e", d).replaceAll("\\.?0+e", "e");
    }

    /** A parameter's value in a configuration as text, empty when inactive. */
    static String parameter(Parameter p, Configuration c) {
        return c.isActive(p.name()) ? p.format(c.get(p.name())) : "";
    }
}
