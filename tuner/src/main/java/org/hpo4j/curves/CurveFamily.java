package org.hpo4j.curves;

import java.util.ArrayList;
import java.util.List;

/**
 * Parametric learning-curve families in the style of Domhan et al. 2015, written for values that
 * approach an asymptote (a loss falling, or with the other sign an accuracy rising). Parameters
 * that must be positive (rates, exponents) are stored as logarithms, so any parameter vector is
 * valid and least squares can run unconstrained.
 */
public enum CurveFamily {
    /** {@code c + a x^-alpha}; parameters (c, a, ln alpha). */
    POW3(3) {
        @Override
        double value(double x, double[] p) {
            return p[0] + p[1] * Math.pow(x, -Math.exp(p[2]));
        }

        @Override
        List<double[]> guesses(double[] xs, double[] ys) {
            List<double[]> out = new ArrayList<>();
            for (double alpha : new double[] {0.3, 1, 3}) {
                double[] ca = linear(xs, ys, x -> Math.pow(x, -alpha));
                out.add(new double[] {ca[0], ca[1], Math.log(alpha)});
            }
            return out;
        }
    },
    /** {@code c + a exp(-b x)}; parameters (c, a, ln b). */
    EXP3(3) {
        @Override
        double value(double x, double[] p) {
            return p[0] + p[1] * Math.exp(-Math.exp(p[2]) * x);
        }

        @Override
        List<double[]> guesses(double[] xs, double[] ys) {
            List<double[]> out = new ArrayList<>();
            double span = xs[xs.length - 1];
            for (double scale : new double[] {0.5, 2, 8}) {
                double b = scale / span;
                double[] ca = linear(xs, ys, x -> Math.exp(-b * x));
                out.add(new double[] {ca[0], ca[1], Math.log(b)});
            }
            return out;
        }
    },
    /** {@code c + a / ln(x + e)}; parameters (c, a). */
    ILOG2(2) {
        @Override
        double value(double x, double[] p) {
            return p[0] + p[1] / Math.log(x + Math.E);
        }

        @Override
        List<double[]> guesses(double[] xs, double[] ys) {
            return List.of(linear(xs, ys, x -> 1 / Math.log(x + Math.E)));
        }
    },
    /** {@code a / (1 + (x / e^b)^c)}, tending to 0; parameters (a, b, ln c). */
    LOG_POWER(3) {
        @Override
        double value(double x, double[] p) {
            return p[0] / (1 + Math.pow(x / Math.exp(p[1]), Math.exp(p[2])));
        }

        @Override
        List<double[]> guesses(double[] xs, double[] ys) {
            List<double[]> out = new ArrayList<>();
            double mid = Math.log(Math.max(xs[xs.length / 2], 1e-9));
            for (double c : new double[] {0.5, 1, 2}) {
                out.add(new double[] {2 * ys[0], mid, Math.log(c)});
            }
            return out;
        }
    },
    /** Morgan-Mercer-Flodin: {@code alpha - (alpha - beta) / (1 + (kappa x)^delta)}; (alpha, beta, ln kappa, ln delta). */
    MMF(4) {
        @Override
        double value(double x, double[] p) {
            return p[0] - (p[0] - p[1]) / (1 + Math.pow(Math.exp(p[2]) * x, Math.exp(p[3])));
        }

        @Override
        List<double[]> guesses(double[] xs, double[] ys) {
            List<double[]> out = new ArrayList<>();
            double kappa = 1 / Math.max(xs[xs.length / 2], 1e-9);
            for (double delta : new double[] {0.7, 1.5}) {
                out.add(new double[] {ys[ys.length - 1], ys[0], Math.log(kappa), Math.log(delta)});
            }
            return out;
        }
    },
    /** Janoschek: {@code alpha - (alpha - beta) exp(-kappa x^delta)}; (alpha, beta, ln kappa, ln delta). */
    JANOSCHEK(4) {
        @Override
        double value(double x, double[] p) {
            return p[0] - (p[0] - p[1]) * Math.exp(-Math.exp(p[2]) * Math.pow(x, Math.exp(p[3])));
        }

        @Override
        List<double[]> guesses(double[] xs, double[] ys) {
            List<double[]> out = new ArrayList<>();
            double mid = Math.max(xs[xs.length / 2], 1e-9);
            for (double delta : new double[] {0.5, 1}) {
                out.add(new double[] {ys[ys.length - 1], ys[0], -delta * Math.log(mid), Math.log(delta)});
            }
            return out;
        }
    };

    private final int parameterCount;

    CurveFamily(int parameterCount) {
        this.parameterCount = parameterCount;
    }

    /** Number of parameters. */
    public int parameterCount() {
        return parameterCount;
    }

    /** The curve at step {@code x}. */
    abstract double value(double x, double[] parameters);

    /** Starting points for least squares, from the observed curve (steps increasing). */
    abstract List<double[]> guesses(double[] xs, double[] ys);

    /** Least squares for {@code y = c + a h(x)}: returns (c, a). */
    static double[] linear(double[] xs, double[] ys, java.util.function.DoubleUnaryOperator h) {
        int n = xs.length;
        double sh = 0;
        double sy = 0;
        double shh = 0;
        double shy = 0;
        for (int i = 0; i < n; i++) {
            double v = h.applyAsDouble(xs[i]);
            sh += v;
            sy += ys[i];
            shh += v * v;
            shy += v * ys[i];
        }
        double det = n * shh - sh * sh;
        if (Math.abs(det) < 1e-300) {
            return new double[] {sy / n, 0};
        }
        double a = (n * shy - sh * sy) / det;
        double c = (sy - a * sh) / n;
        return new double[] {c, a};
    }
}
