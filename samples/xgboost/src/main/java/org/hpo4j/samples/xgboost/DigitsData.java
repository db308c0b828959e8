package org.hpo4j.samples.xgboost;

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
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The UCI handwritten digits (1797 images of 8x8 grey levels 0..16, labels 0..9), split once by a
 * fixed seed into training (60 %), validation (20 %) and test (20 %) sets, as XGBoost matrices.
 *
 * <p>Read once per JVM and kept in a static field: {@code hpo:tune}'s worker JVMs are long-lived and
 * run one evaluation after another, so every evaluation after a worker's first finds the data
 * loaded. Trees need no scaling, so the grey levels are used as they are.
 */
public final class DigitsData {
    /** Pixels per image. */
    public static final int FEATURES = 64;
    /** Digits 0..9. */
    public static final int CLASSES = 10;
    /** The seed of the split, fixed so that every evaluation and the final run see the same sets. */
    public static final long SPLIT_SEED = 20_261_201L;

    private static final String RESOURCE = "/digits.csv.gz";
    private static volatile DigitsData shared;

    /** Training set: what every evaluation fits. */
    public final Part train;
    /** Validation set: what the tuner's objective measures. */
    public final Part valid;
    /** Test set: never seen while tuning. */
    public final Part test;
    /** Training and validation sets together, for the final fit. */
    public final Part trainAndValid;

    /**
     * Rows of the data set: features row by row, labels, and the XGBoost matrix over them.
     *
     * @param x features, {@code rows * FEATURES} values row by row
     * @param y labels 0..9
     * @param matrix the same as a {@link DMatrix}, labels set
     */
    public record Part(float[] x, int[] y, DMatrix matrix) {
        /** Number of rows. */
        public int rows() {
            return y.length;
        }
    }

    private DigitsData(List<float[]> rows, List<Integer> labels) throws XGBoostError {
        int n = labels.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(SPLIT_SEED);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int nTrain = n * 3 / 5;
        int nValid = n / 5;
        train = part(rows, labels, order, 0, nTrain);
        valid = part(rows, labels, order, nTrain, nTrain + nValid);
        test = part(rows, labels, order, nTrain + nValid, n);
        trainAndValid = part(rows, labels, order, 0, nTrain + nValid);
    }

    /** The data set, read once per JVM from the class path. */
    public static DigitsData load() {
        DigitsData d = shared;
        if (d == null) {
            synchronized (DigitsData.class) {
                d = shared;
                if (d == null) {
                    d = read();
                    shared = d;
                }
            }
        }
        return d;
    }

    private static DigitsData read() {
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (InputStream raw = DigitsData.class.getResourceAsStream(RESOURCE)) {
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
                float[] row = new float[FEATURES];
                for (int j = 0; j < FEATURES; j++) {
                    row[j] = Float.parseFloat(cells[j]);
                }
                int label = Integer.parseInt(cells[FEATURES].trim());
                if (label < 0 || label >= CLASSES) {
                    throw new IllegalStateException(RESOURCE + " line " + lineNo + ": label " + label + " is not a digit");
                }
                rows.add(row);
                labels.add(label);
            }
            return new DigitsData(rows, labels);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost cannot build the digits matrix: " + e.getMessage(), e);
        }
    }

    private static Part part(List<float[]> rows, List<Integer> labels, int[] order, int from, int to) throws XGBoostError {
        int n = to - from;
        float[] x = new float[n * FEATURES];
        int[] y = new int[n];
        float[] label = new float[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows.get(order[from + i]), 0, x, i * FEATURES, FEATURES);
            y[i] = labels.get(order[from + i]);
            label[i] = y[i];
        }
        DMatrix matrix = new DMatrix(x, n, FEATURES, Float.NaN);
        matrix.setLabel(label);
        return new Part(x, y, matrix);
    }
}
