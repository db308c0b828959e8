package org.hpo4j.tune;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.hpo4j.annotations.Direction;
import org.hpo4j.inject.TunedProperties;

/**
 * Where a study's result goes: its properties file, unless that file already holds a better result
 * for the same class (a longer study, say, or another seed); then the file is kept and the new
 * result goes next to it as {@code <name>.new.properties}, with a warning. {@code hpo.overwrite}
 * replaces the file anyway.
 *
 * <p>Values at different budgets do not compare (an error after 15 epochs says little about one
 * after 405), so a result at a larger budget is the better one, and values decide at equal budgets:
 * a finished study replaces the file its interrupted run wrote, an interrupted run does not replace
 * a finished study's file.
 */
public final class ResultFiles {
    /** What a kept file's name ends with for the new result next to it. */
    public static final String NEW_SUFFIX = ".new.properties";

    private ResultFiles() {
    }

    /**
     * The file to write {@code result} to instead of, or as, {@code output}.
     *
     * @param overwrite replace {@code output} whatever it holds ({@code hpo.overwrite})
     * @param console told when the existing file is kept
     */
    static Path choose(Path output, TunedProperties.Provenance result, boolean overwrite, PrintStream console) {
        if (overwrite || !Files.isRegularFile(output)) {
            return output;
        }
        Optional<TunedProperties.Header> existing;
        try {
            existing = TunedProperties.header(Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            // unreadable: writing will fail with the real cause, naming the file
            return output;
        }
        if (existing.isEmpty() || !existing.get().className().equals(result.className())
                || existing.get().direction() != result.direction() || !worse(result, existing.get())) {
            return output;
        }
        String name = output.getFileName().toString();
        String stem = name.endsWith(".properties") ? name.substring(0, name.length() - ".properties".length()) : name;
        Path next = output.resolveSibling(stem + NEW_SUFFIX);
        TunedProperties.Header old = existing.get();
        console.printf(Locale.ROOT, "hpo4j: warning: %s holds a better result (objective %s at budget %s) than this"
                        + " study's best (%s at budget %s); it is kept, and the new result goes to %s."
                        + " -Dhpo.overwrite=true replaces it%n", output, old.value(), Tuner.number(old.budget()),
                result.value(), Tuner.number(result.budget()), next.getFileName());
        return next;
    }

    private static boolean worse(TunedProperties.Provenance now, TunedProperties.Header before) {
        if (!Double.isNaN(before.budget()) && now.budget() != before.budget()) {
            return now.budget() < before.budget();
        }
        return now.direction() == Direction.MAXIMIZE ? now.value() < before.value() : now.value() > before.value();
    }
}
