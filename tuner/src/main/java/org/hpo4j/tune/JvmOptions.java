package org.hpo4j.tune;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code hpo.jvmArgs} of the worker JVMs: a command line's options, as {@code java} takes them
 * ({@code -Xmx4g -Dxgb.nthread=2 -Djava.library.path=/opt/lib -javaagent:agent.jar}). Words are
 * separated by white space; single or double quotes keep a word with spaces together, as a shell
 * does, so {@code "-Dmodel.dir=/data/my models"} is one option.
 */
public final class JvmOptions {
    private JvmOptions() {
    }

    /**
     * The options of {@code line}, in order; empty for {@code null} or a blank line.
     *
     * @throws TuneException naming {@code hpo.jvmArgs} for an unclosed quote, a word that is not an
     *     option (it would be taken for the main class) or a class-path option (hpo4j sets the
     *     workers' class path to the project's)
     */
    public static List<String> parse(String line) {
        List<String> words = new ArrayList<>();
        if (line == null) {
            return words;
        }
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new TuneException("hpo.jvmArgs: unclosed " + quote + " in '" + line + "'");
        }
        if (inWord) {
            words.add(word.toString());
        }
        for (String w : words) {
            check(w);
        }
        return words;
    }

    /**
     * Checks options given one by one (the plugin's {@code <jvmArgs>} list, say) as {@link #parse}
     * checks its words.
     */
    public static List<String> check(List<String> options) {
        List<String> checked = new ArrayList<>();
        for (String o : options) {
            if (o != null && !o.isBlank()) {
                checked.add(check(o.strip()));
            }
        }
        return checked;
    }

    private static String check(String option) {
        if (!option.startsWith("-")) {
            throw new TuneException("hpo.jvmArgs: '" + option + "' is not a JVM option (options start with '-',"
                    + " e.g. -Xmx4g or -Dkey=value)");
        }
        if (option.equals("-cp") || option.equals("-classpath") || option.equals("--class-path")
                || option.startsWith("--class-path=")) {
            throw new TuneException("hpo.jvmArgs: '" + option + "' is not allowed: the workers run on the project's"
                    + " class path; add what you need as a dependency");
        }
        return option;
    }
}
