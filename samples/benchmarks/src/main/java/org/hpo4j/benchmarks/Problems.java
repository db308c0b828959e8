package org.hpo4j.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hpo4j.benchmarks.hard.CategoricalHeavy;
import org.hpo4j.benchmarks.hard.DivergingTraining;
import org.hpo4j.benchmarks.hard.LateBreakthrough;
import org.hpo4j.benchmarks.hard.NoisyTraining;
import org.hpo4j.benchmarks.hard.SparseHartmann;
import org.hpo4j.benchmarks.lcbench.LcBenchMoProblem;
import org.hpo4j.benchmarks.lcbench.LcBenchProblem;
import org.hpo4j.benchmarks.lcbench.LcBenchTasks;
import org.hpo4j.benchmarks.misleading.CrossingCurves;
import org.hpo4j.benchmarks.misleading.LateParameter;
import org.hpo4j.benchmarks.misleading.SlowBigModels;
import org.hpo4j.benchmarks.multiobjective.MultiObjectiveProblem;
import org.hpo4j.benchmarks.multiobjective.ZdtMf;

/**
 * The benchmark problems by name: the four formula problems, LCBench ({@code lcbench-<task>}), the
 * problems whose small budgets mislead, and the problems of two objectives ({@code zdt1-mf},
 * {@code lcbench-mo-<task>}).
 */
public final class Problems {

    /** The problems of record, in groups the runner's {@code --problems} also accepts by name. */
    public enum Group {
        /** The four formula problems (module README). */
        PROBLEMS_MD("problems-md"),
        /** LCBench on the three tasks of record. */
        LCBENCH("lcbench"),
        /** Problems whose small budgets mislead (this module's README). */
        MISLEADING("misleading"),
        /**
         * Two objectives: zdt1-mf and LCBench's error against training time on the three tasks of
         * record. Not part of {@code all}, whose optimizers rank by one value.
         */
        MULTI_OBJECTIVE("multi-objective"),
        /**
         * Kinds of difficulty no optimizer was developed on: noise as large as the differences
         * between good configurations, three relevant parameters among 30, a categorical-heavy
         * conditional space, late breakthroughs with a boundary optimum (module README). Not part of
         * {@code all}: they are held out for checking the optimizers, not for developing them.
         */
        HARD("hard");

        private final String label;

        Group(String label) {
            this.label = label;
        }

        /** The name {@code --problems} accepts for the whole group. */
        public String label() {
            return label;
        }
    }

    private static final Map<String, Supplier<BenchmarkProblem>> FORMULAS;
    private static final Map<String, Supplier<MultiObjectiveProblem>> MULTI_OBJECTIVE_FORMULAS =
            Map.of("zdt1-mf", ZdtMf::new);
    private static final Map<Group, List<String>> GROUPS;

    static {
        Map<String, Supplier<BenchmarkProblem>> f = new LinkedHashMap<>();
        f.put("branin-mf", BraninMf::new);
        f.put("hartmann6-mf", Hartmann6Mf::new);
        f.put("counting-ones", CountingOnes::new);
        f.put("conditional-mf", ConditionalMf::new);
        f.put("slow-big-models", SlowBigModels::new);
        f.put("crossing-curves", CrossingCurves::new);
        f.put("late-parameter", LateParameter::new);
        f.put("noisy-training", NoisyTraining::new);
        f.put("sparse-30d", SparseHartmann::new);
        f.put("categorical-heavy", CategoricalHeavy::new);
        f.put("late-breakthrough", LateBreakthrough::new);
        f.put("diverging-training", DivergingTraining::new);
        FORMULAS = Collections.unmodifiableMap(f);
        Map<Group, List<String>> g = new LinkedHashMap<>();
        g.put(Group.PROBLEMS_MD, List.of("branin-mf", "hartmann6-mf", "counting-ones", "conditional-mf"));
        g.put(Group.LCBENCH, LcBenchTasks.OF_RECORD.stream().map(t -> LcBenchProblem.PREFIX + t).toList());
        g.put(Group.MISLEADING, List.of("slow-big-models", "crossing-curves", "late-parameter"));
        g.put(Group.HARD, List.of("noisy-training", "sparse-30d", "categorical-heavy", "late-breakthrough",
                "diverging-training"));
        List<String> several = new ArrayList<>(List.of("zdt1-mf"));
        LcBenchTasks.OF_RECORD.forEach(t -> several.add(LcBenchMoProblem.PREFIX + t));
        g.put(Group.MULTI_OBJECTIVE, List.copyOf(several));
        GROUPS = Collections.unmodifiableMap(g);
    }

    private Problems() {
    }

    /**
     * Every problem of record of one objective: the four formula problems, the three LCBench tasks, the
     * misleading ones (what {@code all} stands for; the {@code multi-objective} and {@code hard}
     * groups are apart).
     */
    public static List<String> names() {
        List<String> all = new ArrayList<>();
        GROUPS.forEach((group, names) -> {
            if (group != Group.MULTI_OBJECTIVE && group != Group.HARD) {
                all.addAll(names);
            }
        });
        return all;
    }

    /** The problems of one group, in order. */
    public static List<String> names(Group group) {
        return GROUPS.get(group);
    }

    /**
     * The problem names a {@code --problems} entry stands for: {@code all}, a group's label, or one
     * problem's name.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static List<String> expand(String entry) {
        if (entry.equals("all")) {
            return names();
        }
        for (Group group : Group.values()) {
            if (group.label().equals(entry)) {
                return names(group);
            }
        }
        if (!isMultiObjective(entry)) {
            byName(entry);
        } else {
            multiObjective(entry);
        }
        return List.of(entry);
    }

    /** Whether {@code name} names a problem of several objectives ({@link #multiObjective}). */
    public static boolean isMultiObjective(String name) {
        return MULTI_OBJECTIVE_FORMULAS.containsKey(name) || name.startsWith(LcBenchMoProblem.PREFIX);
    }

    /**
     * The problem of several objectives called {@code name}: {@code zdt1-mf} or
     * {@code lcbench-mo-<task>} for a task of record.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static MultiObjectiveProblem multiObjective(String name) {
        Supplier<MultiObjectiveProblem> factory = MULTI_OBJECTIVE_FORMULAS.get(name);
        if (factory != null) {
            return factory.get();
        }
        if (name.startsWith(LcBenchMoProblem.PREFIX)) {
            try {
                return new LcBenchMoProblem(name.substring(LcBenchMoProblem.PREFIX.length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown problem '" + name + "': " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("unknown problem of several objectives '" + name + "'; known: "
                + String.join(", ", names(Group.MULTI_OBJECTIVE)));
    }

    /**
     * The problem called {@code name}: one of {@link #names()}, or {@code lcbench-<task>} for any
     * OpenML task the LCBench surrogate serves.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static BenchmarkProblem byName(String name) {
        if (isMultiObjective(name)) {
            throw new IllegalArgumentException("problem '" + name + "' has several objectives: it is measured by"
                    + " hypervolume (Problems.multiObjective), not by regret");
        }
        Supplier<BenchmarkProblem> factory = FORMULAS.get(name);
        if (factory != null) {
            return factory.get();
        }
        if (name.startsWith(LcBenchProblem.PREFIX)) {
            try {
                return new LcBenchProblem(name.substring(LcBenchProblem.PREFIX.length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown problem '" + name + "': " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("unknown problem '" + name + "'; known: " + String.join(", ", FORMULAS.keySet())
                + ", " + LcBenchProblem.PREFIX + "<task> for the OpenML tasks " + String.join(", ", LcBenchTasks.get().tasks())
                + " (groups: all, " + String.join(", ", GROUPS.keySet().stream().map(Group::label).toList()) + ")");
    }

    /** Every problem of {@code group}, in order (a group of one objective). */
    public static List<BenchmarkProblem> all(Group group) {
        return names(group).stream().map(Problems::byName).toList();
    }
}
