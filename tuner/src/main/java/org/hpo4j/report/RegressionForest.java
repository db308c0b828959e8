package org.hpo4j.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small random forest for regression: bagged CART trees that split on the variance of the
 * target, each split choosing among a random subset of the features. Deterministic for a seed.
 *
 * <p>Inputs are points of the unit hypercube; an inactive parameter should be given a value
 * outside {@code [0, 1]} (the report uses -1), so trees can split on activity.
 */
final class RegressionForest {
    private final List<Node> trees;

    private RegressionForest(List<Node> trees) {
        this.trees = trees;
    }

    /**
     * Fits a forest.
     *
     * @param x one row per sample, all of the same length
     * @param y the targets
     * @param treeCount how many trees
     * @param minLeaf the fewest samples in a leaf
     * @param seed seeds bootstrap draws and feature choices
     */
    static RegressionForest fit(double[][] x, double[] y, int treeCount, int minLeaf, long seed) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("need as many targets as samples, and at least one: " + x.length + " vs " + y.length);
        }
        int d = x[0].length;
        // as SMAC's forest: most features per split, which keeps weak but real effects visible
        int featuresPerSplit = Math.max(1, (int) Math.ceil(d * 5.0 / 6.0));
        SplittableRandom random = new SplittableRandom(seed);
        List<Node> trees = new ArrayList<>(treeCount);
        for (int t = 0; t < treeCount; t++) {
            int[] sample = new int[x.length];
            for (int i = 0; i < sample.length; i++) {
                sample[i] = random.nextInt(x.length);
            }
            trees.add(grow(x, y, sample, 0, featuresPerSplit, minLeaf, random.split()));
        }
        return new RegressionForest(trees);
    }

    /** The mean prediction of the trees at {@code point}. */
    double predict(double[] point) {
        double sum = 0;
        for (Node tree : trees) {
            Node n = tree;
            while (n.feature >= 0) {
                n = point[n.feature] <= n.threshold ? n.left : n.right;
            }
            sum += n.value;
        }
        return sum / trees.size();
    }

    private static Node grow(double[][] x, double[] y, int[] rows, int depth, int featuresPerSplit, int minLeaf,
                             SplittableRandom random) {
        double mean = 0;
        for (int r : rows) {
            mean += y[r];
        }
        mean /= rows.length;
        if (rows.length < 2 * minLeaf || depth >= 24) {
            return Node.leaf(mean);
        }
        int d = x[0].length;
        int[] features = shuffled(d, random);
        int bestFeature = -1;
        double bestThreshold = 0;
        double bestScore = Double.POSITIVE_INFINITY;
        double parentScore = sumOfSquares(y, rows, mean);
        Integer[] order = new Integer[rows.length];
        for (int f = 0; f < featuresPerSplit; f++) {
            int feature = features[f];
            for (int i = 0; i < rows.length; i++) {
                order[i] = rows[i];
            }
            Arrays.sort(order, (a, b) -> Double.compare(x[a][feature], x[b][feature]));
            double total = 0;
            double totalSq = 0;
            for (int r : rows) {
                total += y[r];
                totalSq += y[r] * y[r];
            }
            double left = 0;
            double leftSq = 0;
            for (int i = 0; i < order.length - 1; i++) {
                double v = y[order[i]];
                left += v;
                leftSq += v * v;
                int nl = i + 1;
                int nr = order.length - nl;
                double xi = x[order[i]][feature];
                double xn = x[order[i + 1]][feature];
                if (nl < minLeaf || nr < minLeaf || xi == xn) {
                    continue;
                }
                double right = total - left;
                double rightSq = totalSq - leftSq;
                double score = (leftSq - left * left / nl) + (rightSq - right * right / nr);
                if (score < bestScore - 1e-12) {
                    bestScore = score;
                    bestFeature = feature;
                    bestThreshold = (xi + xn) / 2;
                }
            }
        }
        if (bestFeature < 0 || !(bestScore < parentScore - 1e-12 * Math.max(1, parentScore))) {
            return Node.leaf(mean);
        }
        int nLeft = 0;
        for (int r : rows) {
            if (x[r][bestFeature] <= bestThreshold) {
                nLeft++;
            }
        }
        int[] leftRows = new int[nLeft];
        int[] rightRows = new int[rows.length - nLeft];
        int li = 0;
        int ri = 0;
        for (int r : rows) {
            if (x[r][bestFeature] <= bestThreshold) {
                leftRows[li++] = r;
            } else {
                rightRows[ri++] = r;
            }
        }
        Node left = grow(x, y, leftRows, depth + 1, featuresPerSplit, minLeaf, random);
        Node right = grow(x, y, rightRows, depth + 1, featuresPerSplit, minLeaf, random);
        return new Node(bestFeature, bestThreshold, left, right, mean);
    }

    private static double sumOfSquares(double[] y, int[] rows, double mean) {
        double s = 0;
        for (int r : rows) {
            s += (y[r] - mean) * (y[r] - mean);
        }
        return s;
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** A split ({@code feature >= 0}) or a leaf holding its mean. */
    private record Node(int feature, double threshold, Node left, Node right, double value) {
        static Node leaf(double value) {
            return new Node(-1, 0, null, null, value);
        }
    }
}
