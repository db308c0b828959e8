package org.hpo4j.inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.hpo4j.annotations.Direction;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.Parameter;
import org.hpo4j.space.SearchSpace;

/**
 * The {@code .properties} file of a tuned configuration: one line per active parameter, in the
 * space's order, below a comment header that says where the values came from, and last the budget
 * the configuration was tuned for, under the name of the {@code @Budget} field.
 *
 * <p>The content is a function of the configuration and the {@link Provenance} alone. The only
 * line that differs between two runs with the same seed is the one starting with
 * {@link #DATE_PREFIX}; {@link #withoutDate} drops it so that runs can be compared, and a
 * provenance without a date writes no date line at all.
 */
public final class TunedProperties {

    /** The start of the header line that holds the date; the one line that changes between equal runs. */
    public static final String DATE_PREFIX = "# date: ";

    private static final String TITLE_PREFIX = "# hpo4j: tuned hyperparameters of ";
    private static final String OBJECTIVE_PREFIX = "# objective: ";
    private static final String BUDGET_PREFIX = "# budget: ";

    /** The comment above the budget's key: what {@code Hpo.load} does with it, and how to keep the field's own value. */
    static final String BUDGET_COMMENT = "# the budget these values were tuned for: Hpo.load sets it (-D"
            + Hpo.KEEP_BUDGET + "=true keeps the field's own value)";

    private TunedProperties() {
    }

    /**
     * Where a tuned configuration came from, for the file's header.
     *
     * @param className the binary name of the tuned class
     * @param study the study's name
     * @param value the objective value of the configuration, as the objective returned it
     * @param direction whether the objective was minimized or maximized
     * @param budget the budget the value was measured at
     * @param budgetName the name of the budget field, {@code null} when the class has none
     * @param optimizer the optimizer's name
     * @param seed the study's seed
     * @param evaluations the number of evaluations the study ran
     * @param date when the study ended; {@code null} writes no date line
     * @param maxBudget the largest budget the study was planned for ({@code hpo.maxBudget}); NaN when
     *     unknown. A {@code budget} below it gets a header line that says so
     * @param interrupted whether Ctrl-C or SIGTERM ended the study early; the header says so
     */
    public record Provenance(String className, String study, double value, Direction direction, double budget,
                             String budgetName, String optimizer, long seed, int evaluations, Instant date,
                             double maxBudget, boolean interrupted) {
        public Provenance {
            Objects.requireNonNull(className, "className");
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(optimizer, "optimizer");
        }

        /** A provenance of a study that ran to its end, without a planned maximum budget to compare with. */
        public Provenance(String className, String study, double value, Direction direction, double budget,
                          String budgetName, String optimizer, long seed, int evaluations, Instant date) {
            this(className, study, value, direction, budget, budgetName, optimizer, seed, evaluations, date, Double.NaN,
                    false);
        }
    }

    /**
     * What the header of an existing file says about its result, to compare a new one with.
     *
     * @param className the tuned class of the header's first line
     * @param value the objective value of the {@code # objective:} line
     * @param direction the direction of that line
     * @param budget the budget of the {@code # budget:} line, NaN when there is none
     * @param budgetName the budget field that line names, {@code null} when it names none
     */
    public record Header(String className, double value, Direction direction, double budget, String budgetName) {
    }

    /**
     * The header of a file written by {@code hpo:tune}, empty when {@code text} has none (a file
     * written by hand, or by another tool) or it cannot be read.
     */
    public static java.util.Optional<Header> header(String text) {
        String className = null;
        Double value = null;
        Direction direction = null;
        double budget = Double.NaN;
        String budgetName = null;
        for (String line : text.split("\n")) {
            if (!line.startsWith("#")) {
                break;
            }
            try {
                if (line.startsWith(TITLE_PREFIX)) {
                    className = line.substring(TITLE_PREFIX.length()).trim();
                } else if (line.startsWith(OBJECTIVE_PREFIX)) {
                    String[] words = line.substring(OBJECTIVE_PREFIX.length()).trim().split("\\s+");
                    value = Double.parseDouble(words[0]);
                    direction = Direction.valueOf(words[1].replaceAll("[()]", "").toUpperCase(java.util.Locale.ROOT));
                } else if (line.startsWith(BUDGET_PREFIX)) {
                    String[] words = line.substring(BUDGET_PREFIX.length()).trim().split("\\s+");
                    budget = Double.parseDouble(words[0]);
                    if (words.length > 1 && words[1].startsWith("(") && words[1].endsWith(")")) {
                        budgetName = words[1].substring(1, words[1].length() - 1);
                    }
                }
            } catch (RuntimeException e) {
                return java.util.Optional.empty();
            }
        }
        if (className == null || value == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Header(className, value, direction, budget, budgetName));
    }

    /**
     * The file's text: the header, then {@code key=value} for every active parameter of
     * {@code best} in the space's order.
     *
     * @throws IllegalArgumentException when {@code best} holds a key the space does not know
     */
    public static String format(SearchSpace space, Configuration best, Provenance provenance) {
        StringBuilder b = new StringBuilder();
        b.append(TITLE_PREFIX).append(provenance.className()).append('\n');
        if (provenance.study() != null) {
            b.append("# study: ").append(provenance.study()).append('\n');
        }
        b.append(OBJECTIVE_PREFIX).append(provenance.value()).append(" (")
                .append(provenance.direction().name().toLowerCase(java.util.Locale.ROOT)).append(")\n");
        b.append(BUDGET_PREFIX).append(formatBudget(provenance.budget()));
        if (provenance.budgetName() != null) {
            b.append(" (").append(provenance.budgetName()).append(')');
        }
        b.append('\n');
        if (provenance.interrupted()) {
            b.append("# interrupted: the study was stopped (Ctrl-C or SIGTERM) after ").append(provenance.evaluations())
                    .append(" evaluations; these are the best so far, at budget ").append(formatBudget(provenance.budget()));
            if (!Double.isNaN(provenance.maxBudget())) {
                b.append(" of ").append(formatBudget(provenance.maxBudget()));
            }
            b.append(". Run the same hpo:tune command to resume it.\n");
        } else if (provenance.budget() < provenance.maxBudget()) {
            b.append("# note: budget ").append(formatBudget(provenance.budget())).append(" is below the planned maximum ")
                    .append(formatBudget(provenance.maxBudget()))
                    .append(": the study stopped before any configuration reached the full budget\n");
        }
        b.append("# optimizer: ").append(provenance.optimizer()).append('\n');
        b.append("# seed: ").append(provenance.seed()).append('\n');
        b.append("# evaluations: ").append(provenance.evaluations()).append('\n');
        if (provenance.date() != null) {
            b.append(DATE_PREFIX).append(provenance.date().truncatedTo(ChronoUnit.SECONDS)).append('\n');
        }
        for (String name : best.names()) {
            Parameter p = space.parameter(name);
            b.append(escape(name, true)).append('=').append(escape(p.format(best.get(name)), false)).append('\n');
        }
        if (provenance.budgetName() != null) {
            // a key like the others, so that a system property can override it the same way
            b.append(BUDGET_COMMENT).append('\n');
            b.append(escape(provenance.budgetName(), true)).append('=').append(formatBudget(provenance.budget())).append('\n');
        }
        return b.toString();
    }

    /** Writes {@link #format} to {@code file} (UTF-8, ASCII in practice), creating its folders. */
    public static void write(Path file, SearchSpace space, Configuration best, Provenance provenance) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, format(space, best, provenance), StandardCharsets.UTF_8);
    }

    /**
     * The largest properties file read: a tuned file holds a few lines, and a huge one (a value of
     * 100 MB, say) would only exhaust the heap.
     */
    public static final int MAX_BYTES = 1 << 20;

    /**
     * Reads the {@code key=value} pairs of a properties text (comments ignored), sorted by key.
     *
     * @param source names the text in error messages
     * @throws HpoConfigurationException when the text is not a valid properties file or a key
     *     appears twice (naming the line and the key)
     */
    public static Map<String, String> read(Reader reader, String source) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            int n;
            while ((n = reader.read(buffer)) > 0) {
                text.append(buffer, 0, n);
                if (text.length() > MAX_BYTES) {
                    throw tooLarge(source);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
        return parse(text.toString(), source);
    }

    /**
     * {@link #read(Reader, String)} from a UTF-8 stream, at most {@value #MAX_BYTES} bytes.
     *
     * @throws HpoConfigurationException also for bytes that are not UTF-8, naming the line
     */
    public static Map<String, String> read(InputStream in, String source) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(source);
        }
        return parse(PropertiesText.decode(bytes, source), source);
    }

    /** {@link #read(InputStream, String)} from a file. */
    public static Map<String, String> read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw tooLarge(file.toString());
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** {@link #read(Reader, String)} from a text. */
    public static Map<String, String> parse(String text, String source) {
        if (text.length() > MAX_BYTES) {
            throw tooLarge(source);
        }
        List<String> keys = new ArrayList<>();
        Properties properties = new Properties() {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized Object put(Object key, Object value) {
                keys.add((String) key);
                return super.put(key, value);
            }
        };
        try {
            properties.load(new StringReader(text));
        } catch (IllegalArgumentException e) {
            // Properties reports a malformed \\uXXXX escape this way
            throw new HpoConfigurationException(source, "(file)", null, "not a valid properties file: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        Set<String> seen = new HashSet<>();
        for (String key : keys) {
            if (!seen.add(key)) {
                throw new HpoConfigurationException(source + ", line " + PropertiesText.lineOf(text, key, 2), key, null,
                        "the key appears twice (first on line " + PropertiesText.lineOf(text, key, 1) + "); keep one of them");
            }
        }
        Map<String, String> values = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            values.put(key, properties.getProperty(key));
        }
        return values;
    }

    private static HpoConfigurationException tooLarge(String source) {
        return new HpoConfigurationException(source, "(file)", null, "larger than " + (MAX_BYTES >> 20)
                + " MiB; a tuned properties file holds one short line per parameter");
    }

    /** The text without its date line, to compare the files of two runs. */
    public static String withoutDate(String text) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.startsWith(DATE_PREFIX)) {
                b.append(line).append('\n');
            }
        }
        // split keeps a trailing empty piece; drop the newline added for it
        return b.substring(0, b.length() - 1);
    }

    private static String formatBudget(double budget) {
        return budget == Math.rint(budget) && Math.abs(budget) < 1e15 ? Long.toString((long) budget) : Double.toString(budget);
    }

    /** Escapes as {@link Properties#load(Reader)} expects; keys also escape separators. */
    static String escape(String s, boolean key) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\f' -> b.append("\\f");
                case ' ' -> b.append(key || i == 0 ? "\\ " : " ");
                case '=', ':', '#', '!' -> {
                    if (key || i == 0) {
                        b.append('\\');
                    }
                    b.append(c);
                }
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
