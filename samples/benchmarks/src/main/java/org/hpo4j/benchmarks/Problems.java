package org.hpo4j.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The problems of PROBLEMS.md by name. */
public final class Problems {
    private static final Map<String, Supplier<BenchmarkProblem>> FACTORIES;

    static {
        Map<String, Supplier<BenchmarkProblem>> f = new LinkedHashMap<>();
        f.put("branin-mf", BraninMf::new);
        f.put("hartmann6-mf", Hartmann6Mf::new);
        f.put("counting-ones", CountingOnes::new);
        f.put("conditional-mf", ConditionalMf::new);
        FACTORIES = Collections.unmodifiableMap(f);
    }

    private Problems() {
    }

    /** The names, in PROBLEMS.md's order. */
    public static List<String> names() {
        return new ArrayList<>(FACTORIES.keySet());
    }

    /**
     * The problem called {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static BenchmarkProblem byName(String name) {
        Supplier<BenchmarkProblem> factory = FACTORIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown problem '" + name + "'; known: " + String.join(", ", names()));
        }
        return factory.get();
    }

    /** Every problem, in PROBLEMS.md's order. */
    public static List<BenchmarkProblem> all() {
        List<BenchmarkProblem> all = new ArrayList<>();
        for (Supplier<BenchmarkProblem> f : FACTORIES.values()) {
            all.add(f.get());
        }
        return all;
    }
}
