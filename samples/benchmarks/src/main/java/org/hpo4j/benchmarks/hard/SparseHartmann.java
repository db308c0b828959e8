package org.hpo4j.benchmarks.hard;

import java.util.List;
import org.hpo4j.benchmarks.MultiFidelityHartmann;
import org.hpo4j.benchmarks.misleading.SyntheticTrainingRun;
import org.hpo4j.benchmarks.misleading.TrainingCurve;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.Parameter;
import org.hpo4j.space.SearchSpace;

/**
 * sparse-30d: 30 parameters of which three matter. The value is the multi-fidelity Hartmann-3
 * function of {@code p03}, {@code p11} and {@code p24} (every {@code alpha_i} lowered by
 * {@code 0.1 (1 - z)}, {@code z = b / 81}, as {@code hartmann6-mf}); the other 27 parameters (floats,
 * log-scaled floats, integers and categoricals, as a real space mixes them) change nothing. An
 * optimizer must find out which three axes to refine. Deterministic.
 */
public final class SparseHartmann extends SyntheticTrainingRun {
    /** The parameters that matter, in Hartmann-3's order. */
    public static final List<String> RELEVANT = List.of("p03", "p11", "p24");
    /**
     * Hartmann-3's minimum at the full budget, at (0.114589, 0.555649, 0.852547)
     * ({@code HardProblemsTest} refines it by Nelder-Mead).
     */
    public static final double OPTIMUM = -3.862779787332661;
    private static final int SIZE = 30;
    private static final MultiFidelityHartmann HARTMANN3 = new MultiFidelityHartmann(new double[] {1.0, 1.2, 3.0, 3.2},
            new double[][] {{3.0, 10, 30}, {0.1, 10, 35}, {3.0, 10, 30}, {0.1, 10, 35}},
            new double[][] {{0.3689, 0.1170, 0.2673}, {0.4699, 0.4387, 0.7470}, {0.1091, 0.8732, 0.5547}, {0.0381, 0.5743, 0.8828}});

    /** The problem with its space and known optimum. */
    public SparseHartmann() {
        super("sparse-30d", parameters(), OPTIMUM, 0);
    }

    private static SearchSpace.Builder parameters() {
        SearchSpace.Builder b = SearchSpace.builder();
        for (int i = 0; i < SIZE; i++) {
            b.add(parameter(String.format("p%02d", i), i));
        }
        return b;
    }

    /** The relevant three are floats in [0, 1]; of the others every fourth is an integer, a categorical, a log float. */
    private static Parameter parameter(String name, int index) {
        if (RELEVANT.contains(name)) {
            return FloatParameter.uniform(name, 0, 1);
        }
        return switch (index % 4) {
            case 0 -> IntParameter.uniform(name, 1, 10);
            case 1 -> CategoricalParameter.of(name, List.of("a", "b", "c"));
            case 2 -> FloatParameter.logUniform(name, 1e-4, 1);
            default -> FloatParameter.uniform(name, 0, 1);
        };
    }

    @Override
    protected double value(Configuration c, double epochs) {
        return value(RELEVANT.stream().mapToDouble(c::getDouble).toArray(), epochs / TrainingCurve.MAX_EPOCHS);
    }

    /** Multi-fidelity Hartmann-3 at {@code x} and fidelity {@code z} in (0, 1]. */
    static double value(double[] x, double z) {
        return HARTMANN3.value(x, z);
    }
}
