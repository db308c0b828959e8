package org.hpo4j.tune;

import java.time.Duration;
import java.util.Locale;
import org.hpo4j.execute.Failures;
import org.hpo4j.inject.StudyNames;
import org.hpo4j.optimizer.registry.Optimizers;

/**
 * The checks of a {@link TuneRequest} that need no objective class, and the reading of its texts
 * ({@code hpo.timeLimit}): each failure names the {@code hpo.*} property, the value and what is allowed.
 */
public final class RequestChecks {
    private RequestChecks() {
    }

    /**
     * Checks the settings that do not depend on the class.
     *
     * @throws TuneException naming the {@code hpo.*} property at fault
     */
    public static void check(TuneRequest r) {
        if (!Optimizers.names().contains(r.optimizer())) {
            throw new TuneException("hpo.optimizer: unknown optimizer '" + r.optimizer() + "'; known: "
                    + String.join(", ", Optimizers.names()));
        }
        if (r.eta() != null && !(r.eta() >= 2)) {
            throw new TuneException("hpo.eta: must be at least 2, got " + r.eta());
        }
        if (r.parallelism() < 1) {
            throw new TuneException("hpo.parallelism: must be at least 1, got " + r.parallelism());
        }
        if (r.iterations() != null && r.iterations() < 1) {
            throw new TuneException("hpo.iterations: must be at least 1, got " + r.iterations());
        }
        if (r.maxEvaluations() != null && r.maxEvaluations() < 1) {
            throw new TuneException("hpo.maxEvaluations: must be at least 1, got " + r.maxEvaluations());
        }
        if (r.maxCost() != null && !(r.maxCost() > 0)) {
            throw new TuneException("hpo.maxCost: must be positive, got " + r.maxCost());
        }
        if (r.evaluationTimeout() != null && !(r.evaluationTimeout() > 0)) {
            throw new TuneException("hpo.evaluationTimeout: must be a positive number of seconds, got " + r.evaluationTimeout());
        }
        if (r.minBudget() != null && !(r.minBudget() > 0)) {
            throw new TuneException("hpo.minBudget: must be positive, got " + r.minBudget());
        }
        if (r.study() != null && !StudyNames.isValid(r.study())) {
            throw new TuneException("hpo.study: '" + r.study() + "' is not a valid study name: " + StudyNames.RULE);
        }
        if (r.storeOutage() != null && !(r.storeOutage() >= 0)) {
            throw new TuneException("hpo.storeOutage: must be zero or more seconds, got " + r.storeOutage());
        }
        if (r.outputLimit() != null) {
            try {
                Failures.checkLimit(r.outputLimit());
            } catch (IllegalArgumentException e) {
                throw new TuneException(e.getMessage(), e);
            }
        }
        if (r.freshWorkerEvery() != null && r.freshWorkerEvery() < 0) {
            throw new TuneException("hpo.freshWorkerEvery: must be 0 (reuse workers) or at least 1, got "
                    + r.freshWorkerEvery());
        }
        r.timeLimitDuration();
        JvmOptions.check(r.jvmArgs());
    }

    /** Parses {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}, {@code PT1H30M} or plain seconds. */
    static Duration duration(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (t.startsWith("p")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else {
                char unit = t.charAt(t.length() - 1);
                double seconds = Character.isDigit(unit) || unit == '.'
                        ? Double.parseDouble(t)
                        : Double.parseDouble(t.substring(0, t.length() - 1).trim()) * switch (unit) {
                            case 's' -> 1;
                            case 'm' -> 60;
                            case 'h' -> 3600;
                            case 'd' -> 86400;
                            default -> throw new NumberFormatException("unit " + unit);
                        };
                d = Duration.ofMillis(Math.round(seconds * 1000));
            }
            if (d.isNegative() || d.isZero()) {
                throw new TuneException("hpo.timeLimit: must be positive, got '" + text + "'");
            }
            return d;
        } catch (RuntimeException e) {
            if (e instanceof TuneException te) {
                throw te;
            }
            throw new TuneException("hpo.timeLimit: '" + text + "' is not a duration; write e.g. 90s, 10m, 2h, PT1H30M or a number of seconds");
        }
    }
}
