package org.hpo4j.benchmarks.lcbench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * YAHPO Gym's LCBench surrogate ({@code lcbench/model.onnx}) evaluated with onnxruntime: one
 * configuration per call (batches of four or more rows take other kernels and differ in the 6th or
 * 7th digit), one intra-op thread, one session shared by every thread of the JVM (onnxruntime
 * sessions are thread-safe).
 */
public final class LcBenchSurrogate {
    /** The model file inside this module's resources. */
    static final String MODEL_RESOURCE = "/lcbench/model.onnx";
    private static final String CATEGORICAL_INPUT = "x_cat";
    private static final String CONTINUOUS_INPUT = "x_cont";

    private final OrtEnvironment environment;
    private final OrtSession session;

    private LcBenchSurrogate() {
        environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // benchmark runs use their own threads for seeds; the model must not compete for the cores
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            session = environment.createSession(readModel(), options);
        } catch (OrtException e) {
            throw new IllegalStateException("LCBench surrogate: onnxruntime cannot load " + MODEL_RESOURCE + ": "
                    + e.getMessage(), e);
        }
        if (!session.getInputNames().equals(Set.of(CATEGORICAL_INPUT, CONTINUOUS_INPUT))) {
            throw new IllegalStateException("LCBench surrogate: expected the inputs " + CATEGORICAL_INPUT + " and "
                    + CONTINUOUS_INPUT + ", the model has " + session.getInputNames());
        }
    }

    private static final class Shared {
        static final LcBenchSurrogate INSTANCE = new LcBenchSurrogate();
    }

    /** The one session of this JVM, loaded on first use (about half a second). */
    public static LcBenchSurrogate shared() {
        return Shared.INSTANCE;
    }

    /**
     * The surrogate's prediction for one configuration of task code {@code taskCode}
     * ({@link LcBenchTasks#code}).
     */
    public SurrogateOutput predict(int taskCode, SurrogateInput input) {
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try (OnnxTensor cat = OnnxTensor.createTensor(environment, new int[][] {{taskCode}});
             OnnxTensor cont = OnnxTensor.createTensor(environment, new float[][] {input.toRow()})) {
            feed.put(CATEGORICAL_INPUT, cat);
            feed.put(CONTINUOUS_INPUT, cont);
            try (OrtSession.Result result = session.run(feed)) {
                float[][] rows = (float[][]) result.get(0).getValue();
                return SurrogateOutput.of(rows[0]);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("LCBench surrogate: evaluation of " + input + " for task code " + taskCode
                    + " failed: " + e.getMessage(), e);
        }
    }

    private static byte[] readModel() {
        try (InputStream in = LcBenchSurrogate.class.getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("LCBench surrogate: resource " + MODEL_RESOURCE + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("LCBench surrogate: cannot read " + MODEL_RESOURCE, e);
        }
    }
}
