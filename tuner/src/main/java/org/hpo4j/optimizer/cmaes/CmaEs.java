package org.hpo4j.optimizer.cmaes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Ask;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;

/**
 * CMA-ES (Hansen's (mu/mu_w, lambda) with cumulative step-size adaptation, rank-one and rank-mu
 * covariance updates, as in "The CMA Evolution Strategy: A Tutorial"), every job at the maximum
 * budget.
 *
 * <p>It searches the unit encoding of the space, one coordinate per parameter, starting at the
 * centre. The search distribution lives on an unbounded genotype; a job's configuration is the
 * genotype mirrored into {@code [0, 1]} (a reflection at the bounds, so the map is continuous)
 * and decoded, which rounds integers and maps categoricals to their cells. Coordinates of inactive
 * parameters are carried along but have no effect.
 *
 * <p>Ask hands out individuals of the current generation; once lambda of them are handed out it
 * keeps drawing from the same distribution, so workers never wait. A generation is complete when
 * lambda of its results are in (the first lambda told); the distribution is then updated and
 * later results of that generation are only recorded. Failures rank behind every value. With
 * restarts on, a run that has converged (step below 1e-7 of the range), stalled (no change of the
 * best values over {@code 10 + 30 n / lambda} generations, or flat fitness for three
 * generations) or become ill-conditioned restarts at a random centre with a doubled population.
 */
public final class CmaEs implements Optimizer {
    private static final double TOL_X = 1e-7;
    private static final double TOL_FUN = 1e-12;
    private static final int MAX_POPULATION = 512;

    private final SearchSpace space;
    private final double budget;
    private final CmaEsSettings cma;
    private final RandomGenerator random;
    private final int n;

    private final Map<Integer, Individual> outstanding = new HashMap<>();
    private int nextId;

    // strategy parameters of the current run
    private int lambda;
    private int mu;
    private double[] weights;
    private double mueff;
    private double cc;
    private double cs;
    private double c1;
    private double cmu;
    private double damps;
    private final double chiN;

    // state of the current run
    private int run;
    private int generation;
    private int generationsInRun;
    private double[] mean;
    private double sigma;
    private double[] pc;
    private double[] ps;
    private double[][] c;
    private double[][] b;
    private double[] d;
    private int eigenGeneration;
    private final List<Individual> results = new ArrayList<>();
    private final List<Double> bestPerGeneration = new ArrayList<>();
    private int flatGenerations;

    private record Individual(int run, int generation, double[] genotype, double value) {
    }

    /** CMA-ES with {@link CmaEsSettings#defaults()}. */
    public CmaEs(SearchSpace space, Fidelity fidelity, long seed) {
        this(space, fidelity, seed, CmaEsSettings.defaults());
    }

    /** CMA-ES over {@code space}. */
    public CmaEs(SearchSpace space, Fidelity fidelity, long seed, CmaEsSettings cma) {
        if (space.size() == 0) {
            throw new IllegalArgumentException("CMA-ES needs at least one parameter; the space is empty");
        }
        this.space = space;
        this.budget = fidelity.maxBudget();
        this.cma = cma;
        this.random = new MersenneTwister(seed);
        this.n = space.size();
        this.chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));
        int defaultLambda = 4 + (int) Math.floor(3 * Math.log(n));
        double[] centre = new double[n];
        Arrays.fill(centre, 0.5);
        startRun(cma.populationSize() > 0 ? cma.populationSize() : defaultLambda, centre);
    }

    private void startRun(int populationSize, double[] centre) {
        run++;
        lambda = populationSize;
        mu = lambda / 2;
        weights = new double[mu];
        double sum = 0;
        for (int i = 0; i < mu; i++) {
            weights[i] = Math.log((lambda + 1) / 2.0) - Math.log(i + 1);
            sum += weights[i];
        }
        double sumSq = 0;
        for (int i = 0; i < mu; i++) {
            weights[i] /= sum;
            sumSq += weights[i] * weights[i];
        }
        mueff = 1 / sumSq;
        cc = (4 + mueff / n) / (n + 4 + 2 * mueff / n);
        cs = (mueff + 2) / (n + mueff + 5);
        c1 = 2 / ((n + 1.3) * (n + 1.3) + mueff);
        cmu = Math.min(1 - c1, 2 * (mueff - 2 + 1 / mueff) / ((n + 2) * (n + 2) + mueff));
        damps = 1 + 2 * Math.max(0, Math.sqrt((mueff - 1) / (n + 1)) - 1) + cs;

        generation++;
        generationsInRun = 0;
        mean = centre.clone();
        sigma = cma.initialSigma();
        pc = new double[n];
        ps = new double[n];
        c = new double[n][n];
        b = new double[n][n];
        d = new double[n];
        for (int i = 0; i < n; i++) {
            c[i][i] = 1;
            b[i][i] = 1;
            d[i] = 1;
        }
        eigenGeneration = generationsInRun;
        results.clear();
        bestPerGeneration.clear();
        flatGenerations = 0;
    }

    /** The population size of the current run (doubles at each restart). */
    public int populationSize() {
        return lambda;
    }

    /** The current step size, in units of the encoding. */
    public double sigma() {
        return sigma;
    }

    @Override
    public Ask ask() {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = d[i] * random.nextGaussian();
        }
        double[] x = new double[n];
        double[] unit = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += b[i][j] * z[j];
            }
            x[i] = mean[i] + sigma * s;
            unit[i] = mirror(x[i]);
        }
        Configuration config = space.decode(unit);
        int id = nextId++;
        outstanding.put(id, new Individual(run, generation, x, Double.NaN));
        return Ask.run(new Job(id, new Job.ConfigId(id, 0, 0), config, budget, 0, 0));
    }

    /** Reflects a coordinate into {@code [0, 1]}: 1.2 becomes 0.8, -0.3 becomes 0.3. */
    static double mirror(double v) {
        double t = v % 2;
        if (t < 0) {
            t += 2;
        }
        return t > 1 ? 2 - t : t;
    }

    @Override
    public void tell(Job job, Result result) {
        Individual ind = outstanding.remove(job.id());
        if (ind == null) {
            throw new IllegalArgumentException("job " + job.id() + " was not handed out or was already told");
        }
        if (ind.run != run || ind.generation != generation) {
            return;
        }
        results.add(new Individual(ind.run, ind.generation, ind.genotype, result.rankValue()));
        if (results.size() == lambda) {
            update();
        }
    }

    private void update() {
        List<Individual> sorted = new ArrayList<>(results);
        // stable: equal values (and failures) keep the order in which they were told
        sorted.sort((p, q) -> Double.compare(p.value, q.value));
        double[] old = mean;
        double[] next = new double[n];
        for (int k = 0; k < mu; k++) {
            double[] x = sorted.get(k).genotype;
            for (int i = 0; i < n; i++) {
                next[i] += weights[k] * x[i];
            }
        }
        double[] step = new double[n];
        for (int i = 0; i < n; i++) {
            step[i] = (next[i] - old[i]) / sigma;
        }
        // C^{-1/2} step = B D^{-1} B^T step
        double[] bt = new double[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += b[i][j] * step[i];
            }
            bt[j] = s / d[j];
        }
        double psFactor = Math.sqrt(cs * (2 - cs) * mueff);
        double psNorm = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += b[i][j] * bt[j];
            }
            ps[i] = (1 - cs) * ps[i] + psFactor * s;
            psNorm += ps[i] * ps[i];
        }
        psNorm = Math.sqrt(psNorm);
        generationsInRun++;
        boolean hsig = psNorm / Math.sqrt(1 - Math.pow(1 - cs, 2.0 * generationsInRun)) / chiN < 1.4 + 2.0 / (n + 1);
        double pcFactor = Math.sqrt(cc * (2 - cc) * mueff);
        for (int i = 0; i < n; i++) {
            pc[i] = (1 - cc) * pc[i] + (hsig ? pcFactor * step[i] : 0);
        }
        double[][] steps = new double[mu][n];
        for (int k = 0; k < mu; k++) {
            double[] x = sorted.get(k).genotype;
            for (int i = 0; i < n; i++) {
                steps[k][i] = (x[i] - old[i]) / sigma;
            }
        }
        double keep = 1 - c1 - cmu;
        double hsigCorrection = hsig ? 0 : cc * (2 - cc);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double rankMu = 0;
                for (int k = 0; k < mu; k++) {
                    rankMu += weights[k] * steps[k][i] * steps[k][j];
                }
                double v = keep * c[i][j] + c1 * (pc[i] * pc[j] + hsigCorrection * c[i][j]) + cmu * rankMu;
                c[i][j] = v;
                c[j][i] = v;
            }
        }
        sigma *= Math.exp(cs / damps * (psNorm / chiN - 1));
        mean = next;
        if (generationsInRun - eigenGeneration > lambda / (c1 + cmu) / n / 10) {
            decompose();
        }
        double best = sorted.get(0).value;
        double worstOfTop = sorted.get(Math.min(lambda - 1, (int) Math.ceil(0.7 * lambda))).value;
        flatGenerations = best == worstOfTop ? flatGenerations + 1 : 0;
        bestPerGeneration.add(best);
        results.clear();
        generation++;
        if (cma.restarts() && shouldRestart(sorted)) {
            double[] centre = new double[n];
            for (int i = 0; i < n; i++) {
                centre[i] = random.nextDouble();
            }
            startRun(Math.min(MAX_POPULATION, 2 * lambda), centre);
        }
    }

    private void decompose() {
        eigenGeneration = generationsInRun;
        RealMatrix matrix = new Array2DRowRealMatrix(c, true);
        EigenDecomposition eigen = new EigenDecomposition(matrix);
        double[] values = eigen.getRealEigenvalues();
        RealMatrix vectors = eigen.getV();
        for (int j = 0; j < n; j++) {
            d[j] = Math.sqrt(Math.max(values[j], 1e-20));
            for (int i = 0; i < n; i++) {
                b[i][j] = vectors.getEntry(i, j);
            }
        }
    }

    private boolean shouldRestart(List<Individual> sorted) {
        double maxScale = 0;
        double maxD = 0;
        double minD = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            maxScale = Math.max(maxScale, Math.sqrt(c[i][i]));
            maxD = Math.max(maxD, d[i]);
            minD = Math.min(minD, d[i]);
        }
        if (sigma * Math.max(maxScale, pcMax()) < TOL_X) {
            return true;
        }
        if (maxD / minD > 1e7) {
            // condition number of C above 1e14
            return true;
        }
        if (flatGenerations >= 3) {
            return true;
        }
        int history = 10 + (int) Math.ceil(30.0 * n / lambda);
        if (bestPerGeneration.size() >= history) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int g = bestPerGeneration.size() - history; g < bestPerGeneration.size(); g++) {
                lo = Math.min(lo, bestPerGeneration.get(g));
                hi = Math.max(hi, bestPerGeneration.get(g));
            }
            for (Individual ind : sorted) {
                if (ind.value < Double.POSITIVE_INFINITY) {
                    lo = Math.min(lo, ind.value);
                    hi = Math.max(hi, ind.value);
                }
            }
            return hi - lo <= TOL_FUN * (1 + Math.abs(lo));
        }
        return false;
    }

    private double pcMax() {
        double m = 0;
        for (double v : pc) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
