package org.hpo4j.samples.digits;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * The UCI "Optical Recognition of Handwritten Digits" data (8x8 grey levels 0..16, 1797 images),
 * split once into training, validation and test sets by a fixed seed and standardized with the
 * training set's mean and deviation per pixel.
 */
public final class Digits {
    /** Pixels per image. */
    public static final int FEATURES = 64;
    /** Digits 0..9. */
    public static final int CLASSES = 10;
    /** The seed of the split; fixed so that every evaluation and the final run see the same sets. */
    public static final long SPLIT_SEED = 20_261_127L;

    private static final String RESOURCE = "/digits.csv.gz";
    private static volatile Digits shared;

    /** Training images, standardized, one row per image. */
    public final double[][] trainX;
    /** Training labels. */
    public final int[] trainY;
    /** Validation images: the tuner's objective. */
    public final double[][] validX;
    /** Validation labels. */
    public final int[] validY;
    /** Test images: never seen while tuning. */
    public final double[][] testX;
    /** Test labels. */
    public final int[] testY;

    private Digits(double[][] x, int[] y, long seed) {
        int n = y.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        // 60 % training, 20 % validation, 20 % test
        int nTrain = n * 3 / 5;
        int nValid = n / 5;
        trainX = rows(x, order, 0, nTrain);
        trainY = labels(y, order, 0, nTrain);
        validX = rows(x, order, nTrain, nTrain + nValid);
        validY = labels(y, order, nTrain, nTrain + nValid);
        testX = rows(x, order, nTrain + nValid, n);
        testY = labels(y, order, nTrain + nValid, n);
        standardize();
    }

    /** Training and validation images together, for the final fit once the hyperparameters are chosen. */
    public double[][] trainAndValidX() {
        double[][] x = java.util.Arrays.copyOf(trainX, trainX.length + validX.length);
        System.arraycopy(validX, 0, x, trainX.length, validX.length);
        return x;
    }

    /** The labels of {@link #trainAndValidX()}. */
    public int[] trainAndValidY() {
        int[] y = java.util.Arrays.copyOf(trainY, trainY.length + validY.length);
        System.arraycopy(validY, 0, y, trainY.length, validY.length);
        return y;
    }

    /** The data set, read once per JVM from the class path. */
    public static Digits load() {
        Digits d = shared;
        if (d == null) {
            synchronized (Digits.class) {
                d = shared;
                if (d == null) {
                    d = read();
                    shared = d;
                }
            }
        }
        return d;
    }

    private static Digits read() {
        List<double[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        try (InputStream raw = Digits.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("class-path resource " + RESOURCE + " is missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
            int lineNo = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                if (cells.length != FEATURES + 1) {
                    throw new IllegalStateException(RESOURCE + " line " + lineNo + ": expected " + (FEATURES + 1)
                            + " values, got " + cells.length);
                }
                double[] row = new double[FEATURES];
                for (int j = 0; j < FEATURES; j++) {
                    row[j] = Double.parseDouble(cells[j]);
                }
                x.add(row);
                y.add(Integer.parseInt(cells[FEATURES].trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new Digits(x.toArray(new double[0][]), y.stream().mapToInt(Integer::intValue).toArray(), SPLIT_SEED);
    }

    private void standardize() {
        for (int j = 0; j < FEATURES; j++) {
            double mean = 0;
            for (double[] row : trainX) {
                mean += row[j];
            }
            mean /= trainX.length;
            double var = 0;
            for (double[] row : trainX) {
                var += (row[j] - mean) * (row[j] - mean);
            }
            // border pixels are always 0: keep them at 0 instead of dividing by 0
            double sd = Math.sqrt(var / trainX.length);
            double scale = sd > 1e-9 ? 1 / sd : 0;
            for (double[][] set : new double[][][] {trainX, validX, testX}) {
                for (double[] row : set) {
                    row[j] = (row[j] - mean) * scale;
                }
            }
        }
    }

    private static double[][] rows(double[][] x, int[] order, int from, int to) {
        double[][] out = new double[to - from][];
        for (int i = from; i < to; i++) {
            out[i - from] = x[order[i]].clone();
        }
        return out;
    }

    private static int[] labels(int[] y, int[] order, int from, int to) {
        int[] out = new int[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = y[order[i]];
        }
        return out;
    }
}
