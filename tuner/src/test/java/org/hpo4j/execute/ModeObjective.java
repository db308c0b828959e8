package org.hpo4j.execute;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.trial.TrialContext;

/**
 * A test objective whose "mode" parameter picks how it behaves: a good quadratic, or one of the ways
 * user code fails. Public with a no-arg constructor so worker JVMs can create it.
 */
public class ModeObjective implements WorkerObjective {
    public static final List<String> MODES = List.of("ok", "throw", "nan", "sleep", "exit", "oom", "print", "report",
            "seed", "file", "property", "heap");

    /** The system property that mode "property" returns, as the worker JVM was started with it. */
    public static final String PROPERTY = "hpo4j.test.value";

    public static final SearchSpace SPACE = SearchSpace.builder()
            .add(FloatParameter.uniform("x", -5, 5))
            .add(CategoricalParameter.of("mode", MODES))
            .build();

    @Override
    public SearchSpace space() {
        return SPACE;
    }

    @Override
    public double evaluate(Configuration c, TrialContext context) throws Exception {
        double x = c.getDouble("x");
        switch (c.getString("mode")) {
            case "throw":
                throw new IllegalStateException("bad configuration x=" + x);
            case "nan":
                return Double.NaN;
            case "sleep":
                Thread.sleep(60_000);
                return 0;
            case "exit":
                System.exit(3);
                return 0;
            case "oom": {
                List<long[]> hog = new ArrayList<>();
                while (true) {
                    hog.add(new long[1 << 20]);
                }
            }
            case "print":
                for (int i = 0; i < 1000; i++) {
                    System.out.println("user output " + i + " that must not reach the protocol");
                }
                return (x - 1) * (x - 1);
            case "report":
                for (int step = 1; step <= 3; step++) {
                    context.report(step, x * step);
                }
                return x * 3;
            case "property":
                return Double.parseDouble(System.getProperty(PROPERTY, "NaN"));
            case "heap":
                return Runtime.getRuntime().maxMemory();
            case "seed":
                return context.seed();
            case "file":
                Files.writeString(context.workDirectory().resolve("out.txt"), "job " + context.jobId());
                return context.budget() + 1000 * context.previousBudget();
            default:
                return (x - 1) * (x - 1);
        }
    }

    /** The configuration with {@code x} and {@code mode}. */
    public static Configuration config(double x, String mode) {
        return SPACE.configuration(java.util.Map.of("x", x, "mode", mode));
    }
}
