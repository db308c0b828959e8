package org.hpo4j.optimizer.gp;

import java.util.List;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Parameter;
import org.hpo4j.space.SearchSpace;

/**
 * Maps the unit encoding of a configuration to the GP's input features.
 *
 * <p>A numeric parameter is one feature, its unit coordinate, or {@value #INACTIVE} when inactive:
 * every inactive value is the same point, at least one unit away from every active value, so
 * configurations that differ in activity are far apart. A categorical parameter is one-hot over its
 * choices (unordered), all zeros when inactive. Each parameter is one length-scale group.
 */
final class GpFeatures {
    /** The feature of an inactive numeric parameter. */
    static final double INACTIVE = -1;

    private final int[] choices;
    private final int[] offset;
    /** The parameter (length-scale group) of each feature. */
    final int[] group;
    final int width;

    GpFeatures(SearchSpace space) {
        List<Parameter> ps = space.parameters();
        choices = new int[ps.size()];
        offset = new int[ps.size()];
        int w = 0;
        for (int i = 0; i < ps.size(); i++) {
            choices[i] = ps.get(i) instanceof CategoricalParameter c ? c.size() : 0;
            offset[i] = w;
            w += Math.max(1, choices[i]);
        }
        width = w;
        group = new int[w];
        for (int i = 0; i < ps.size(); i++) {
            for (int k = 0; k < Math.max(1, choices[i]); k++) {
                group[offset[i] + k] = i;
            }
        }
    }

    int groups() {
        return choices.length;
    }

    double[] of(double[] unit) {
        double[] f = new double[width];
        for (int i = 0; i < unit.length; i++) {
            double u = unit[i];
            if (choices[i] == 0) {
                f[offset[i]] = Double.isNaN(u) ? INACTIVE : u;
            } else if (!Double.isNaN(u)) {
                f[offset[i] + Math.min(choices[i] - 1, (int) Math.floor(u * choices[i]))] = 1;
            }
        }
        return f;
    }
}
