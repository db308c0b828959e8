package org.hpo4j.inject;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * The one rule for study names, applied wherever a name enters: {@code @StudyName} (the processor
 * applies the same rule, see its {@code Names}), {@code hpo.study} on every goal, and the study
 * builder. A study name becomes a file name ({@code target/hpo/<study>.db}) and a folder name
 * (reports, checkpoints), so it must never reach outside the folder it is resolved in.
 *
 * <p>The rule: after Unicode NFC normalisation (so that a name typed in decomposed form on one
 * system is the name compiled in composed form on another), at least one and at most {@value #MAX_BYTES} bytes in
 * UTF-8, each character a letter or digit ({@link Character#isLetterOrDigit(int)}) or one of {@code - _ .}, and not
 * made of dots only (no {@code .} or {@code ..}).
 */
public final class StudyNames {
    /**
     * The longest study name in UTF-8 bytes: file systems limit a name to 255 bytes, and hpo4j adds
     * suffixes such as {@code .db} and a backup's date.
     */
    public static final int MAX_BYTES = 200;

    /** The rule in words, as error messages state it. */
    public static final String RULE = "a study name holds letters, digits, '-', '_' and '.' only (at least one,"
            + " at most " + MAX_BYTES + " bytes in UTF-8), and is not made of dots only (such as '.' or '..')";

    private StudyNames() {
    }

    /** The name in the form hpo4j stores and compares it: Unicode NFC. */
    public static String normalize(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC);
    }

    /** Whether {@code name}, normalised, follows the rule. */
    public static boolean isValid(String name) {
        if (name == null) {
            return false;
        }
        String n = normalize(name);
        if (n.isEmpty() || n.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        boolean onlyDots = true;
        for (int i = 0; i < n.length(); ) {
            int c = n.codePointAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
                return false;
            }
            onlyDots &= c == '.';
            i += Character.charCount(c);
        }
        return !onlyDots;
    }

    /**
     * The name, normalised, if it follows the rule.
     *
     * @param source where the name came from, for the message (e.g. {@code hpo.study})
     * @throws IllegalArgumentException naming the source, the name and the rule
     */
    public static String check(String name, String source) {
        if (!isValid(name)) {
            throw new IllegalArgumentException(source + ": '" + name + "' is not a valid study name: " + RULE);
        }
        return normalize(name);
    }

    /**
     * The study a goal works on: {@code requested} ({@code hpo.study}) when given, else the class's
     * {@code @StudyName} or simple name, checked too (a class compiled by an older processor may
     * carry any name).
     *
     * @throws IllegalArgumentException naming {@code hpo.study} or the class, and the rule
     */
    public static String resolve(String requested, Injector<?> injector) {
        if (requested != null) {
            return check(requested, "hpo.study");
        }
        return check(injector.studyName(), "the study name of " + injector.type().getName() + " (@StudyName)");
    }
}
