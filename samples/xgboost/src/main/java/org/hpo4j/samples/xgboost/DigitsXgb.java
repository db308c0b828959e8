package org.hpo4j.samples.xgboost;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.hpo4j.annotations.Budget;
import org.hpo4j.annotations.Categorical;
import org.hpo4j.annotations.Conditional;
import org.hpo4j.annotations.Direction;
import org.hpo4j.annotations.IntUniform;
import org.hpo4j.annotations.LogUniform;
import org.hpo4j.annotations.Objective;
import org.hpo4j.annotations.StudyName;
import org.hpo4j.annotations.Uniform;
import org.hpo4j.inject.Hpo;
import org.hpo4j.trial.TrialContext;

/**
 * Gradient-boosted trees (XGBoost4J) on the handwritten digits, tuned the way XGBoost users tune:
 * the booster (with DART's dropout parameters active only for {@code dart}), the learning rate
 * {@code eta}, tree depth, minimum child weight, row and column subsampling, L2 and L1 penalties;
 * boosting rounds are the budget, the validation log-loss is the objective.
 *
 * <p>The initializers are XGBoost's own defaults (the penalty {@code alpha}'s default 0 is outside a
 * log scale, 1e-8 is as good) with 100 rounds: what one gets without tuning.
 *
 * <p><b>Continued boosting.</b> When the tuner promotes a configuration from 45 to 135 rounds, the
 * objective loads the booster it saved at 45 rounds ({@link TrialContext#loadCheckpointBytes}) and
 * boosts 90 more. With {@code subsample} or {@code colsample_bytree} below 1 XGBoost draws random
 * numbers, and a continued booster would by default restart its generator, so that 45 + 90 rounds
 * differ from 135 rounds trained at once. {@code seed_per_iteration} seeds the generator from the
 * seed and the round number instead: continued and from-scratch training are then the same booster,
 * bit for bit, and the value the tuner records is the one {@link #main} reproduces. The sample's
 * tests check that.
 */
@StudyName("digits-xgb")
public class DigitsXgb {
    @Categorical({"gbtree", "dart"})
    String booster = "gbtree";

    @Conditional(on = "booster", equalTo = "dart")
    @Categorical({"uniform", "weighted"})
    String sampleType = "uniform";

    @Conditional(on = "booster", equalTo = "dart")
    @Categorical({"tree", "forest"})
    String normalizeType = "tree";

    @Conditional(on = "booster", equalTo = "dart")
    @LogUniform(lo = 1e-8, hi = 1)
    double rateDrop = 1e-8;

    @Conditional(on = "booster", equalTo = "dart")
    @LogUniform(lo = 1e-8, hi = 1)
    double skipDrop = 1e-8;

    @LogUniform(lo = 1e-3, hi = 1)
    double eta = 0.3;

    @IntUniform(lo = 1, hi = 10)
    int maxDepth = 6;

    @LogUniform(lo = 0.1, hi = 20)
    double minChildWeight = 1;

    @Uniform(lo = 0.3, hi = 1)
    double subsample = 1;

    @Uniform(lo = 0.3, hi = 1)
    double colsampleBytree = 1;

    @LogUniform(lo = 1e-8, hi = 10)
    double lambda = 1;

    @LogUniform(lo = 1e-8, hi = 10)
    double alpha = 1e-8;

    /** Boosting rounds: the budget. 5, 15, 45, 135, 405 with Hyperband's eta 3. */
    @Budget(min = 5, max = 405)
    int rounds = 100;

    /** XGBoost's seed; not a hyperparameter. */
    long seed = 0;

    /**
     * XGBoost's threads: the system property {@code xgb.nthread}, default 1. Workers get it with
     * {@code -Dhpo.jvmArgs=-Dxgb.nthread=2}; a {@code -D} given to {@code mvn} only reaches Maven.
     */
    static int threads() {
        return Integer.getInteger("xgb.nthread", 1);
    }

    /** XGBoost's parameters for these hyperparameters. */
    Map<String, Object> params() {
        Map<String, Object> p = new HashMap<>();
        p.put("objective", "multi:softprob");
        p.put("num_class", DigitsData.CLASSES);
        p.put("tree_method", "hist");
        p.put("booster", booster);
        if (booster.equals("dart")) {
            p.put("sample_type", sampleType);
            p.put("normalize_type", normalizeType);
            p.put("rate_drop", rateDrop);
            p.put("skip_drop", skipDrop);
        }
        p.put("eta", eta);
        p.put("max_depth", maxDepth);
        p.put("min_child_weight", minChildWeight);
        p.put("subsample", subsample);
        p.put("colsample_bytree", colsampleBytree);
        p.put("lambda", lambda);
        p.put("alpha", alpha);
        p.put("seed", seed);
        // continued boosting draws the random numbers training from scratch would: see the class comment
        p.put("seed_per_iteration", true);
        p.put("nthread", threads());
        p.put("verbosity", 1);
        return p;
    }

    /**
     * Boosts to {@link #rounds} rounds on {@code data}: on from {@code start} (a booster saved
     * after fewer rounds), else from nothing.
     */
    Booster boost(DMatrix data, Optional<byte[]> start) throws XGBoostError {
        Booster initial = null;
        if (start.isPresent()) {
            try {
                initial = XGBoost.loadModel(start.get());
            } catch (java.io.IOException e) {
                throw new XGBoostError("cannot read the checkpoint: " + e.getMessage());
            }
            if (initial.getNumBoostedRound() > rounds) {
                throw new IllegalStateException("checkpoint has " + initial.getNumBoostedRound()
                        + " rounds, more than the " + rounds + " asked for");
            }
        }
        int done = initial == null ? 0 : initial.getNumBoostedRound();
        return XGBoost.train(data, params(), rounds - done, Map.of(), null, null, null, 0, initial);
    }

    /**
     * Boosts on the training set (continuing from the configuration's checkpoint when the tuner
     * promotes it), saves the booster for the next promotion and returns the log-loss on the
     * validation set: what the tuner minimizes.
     */
    @Objective(direction = Direction.MINIMIZE)
    public double validationLogLoss(TrialContext context) throws XGBoostError {
        DigitsData data = DigitsData.load();
        Booster model = boost(data.train.matrix(), context.loadCheckpointBytes());
        context.saveCheckpointBytes(model.toByteArray());
        double loss = Scores.of(model.predict(data.valid.matrix()), data.valid.y()).logLoss();
        model.dispose();
        return loss;
    }

    /** The hyperparameters as text. */
    public String describe() {
        return String.format(Locale.ROOT, "booster=%s%s eta=%.4g maxDepth=%d minChildWeight=%.3g subsample=%.3f"
                        + " colsampleBytree=%.3f lambda=%.3g alpha=%.3g rounds=%d", booster,
                booster.equals("dart") ? String.format(Locale.ROOT, " sampleType=%s normalizeType=%s rateDrop=%.3g skipDrop=%.3g",
                        sampleType, normalizeType, rateDrop, skipDrop) : "",
                eta, maxDepth, minChildWeight, subsample, colsampleBytree, lambda, alpha, rounds);
    }

    /**
     * Boosts with the tuned hyperparameters ({@code Hpo.load}, rounds included) on the training and
     * validation sets and prints the test set's log-loss and accuracy. {@code --untuned} uses the
     * initializers, {@code --from <file>} another properties file, {@code --seeds 1,2,3} fits once
     * per XGBoost seed and prints the median too.
     */
    public static void main(String[] args) throws XGBoostError {
        boolean untuned = false;
        String from = null;
        long[] seeds = {0};
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--untuned" -> untuned = true;
                case "--from" -> from = value(args, ++i, "--from");
                case "--seeds" -> seeds = Arrays.stream(value(args, ++i, "--seeds").split(",")).map(String::trim)
                        .mapToLong(Long::parseLong).toArray();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (expected --untuned, --from <file>, --seeds 1,2,3)");
            }
        }
        DigitsXgb model = untuned ? new DigitsXgb()
                : from != null ? Hpo.load(new DigitsXgb(), Path.of(from)) : Hpo.load(new DigitsXgb());
        System.out.printf(Locale.ROOT, "%s hyperparameters: %s%n", untuned ? "untuned" : "loaded", model.describe());
        DigitsData data = DigitsData.load();
        List<Scores> all = new ArrayList<>();
        for (long seed : seeds) {
            model.seed = seed;
            long t0 = System.nanoTime();
            Booster booster = model.boost(data.trainAndValid.matrix(), Optional.empty());
            Scores s = Scores.of(booster.predict(data.test.matrix()), data.test.y());
            booster.dispose();
            all.add(s);
            System.out.printf(Locale.ROOT, "seed %d: %d rounds on training + validation sets in %.1f s:"
                            + " test log-loss %.4f, accuracy %.4f%n", seed, model.rounds, (System.nanoTime() - t0) / 1e9,
                    s.logLoss(), s.accuracy());
        }
        if (seeds.length > 1) {
            System.out.printf(Locale.ROOT, "median of %d seeds: test log-loss %.4f, accuracy %.4f%n", seeds.length,
                    median(all.stream().mapToDouble(Scores::logLoss).toArray()),
                    median(all.stream().mapToDouble(Scores::accuracy).toArray()));
        }
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
