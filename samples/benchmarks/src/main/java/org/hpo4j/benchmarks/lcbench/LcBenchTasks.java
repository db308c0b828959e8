package org.hpo4j.benchmarks.lcbench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenML tasks of LCBench: which ones the surrogate serves ({@code config_space.json}'s
 * {@code OpenML_task_id} choices), the model's integer code of each ({@code encoding.json}; the code
 * is not the position in the list) and the reference optima ({@code optima.json}).
 */
public final class LcBenchTasks {
    /** The tasks of record: those of YAHPO Gym's single-objective benchmark suite. */
    public static final List<String> OF_RECORD = List.of("167168", "189873", "189906");

    /** Loaded on first use, so that naming the tasks of record reads no file. */
    private static final class Loaded {
        static final LcBenchTasks INSTANCE = load();
    }

    private final List<String> tasks;
    private final Map<String, Integer> codes;
    private final Map<String, ReferenceOptimum> optima;

    /**
     * A task's reference optimum: the lowest {@code 1 - val_accuracy / 100} at epoch 52 found by
     * 10^6 random configurations and a hill climb from the best 20.
     *
     * @param value the optimum
     * @param at where it was found, by parameter name
     * @param randomBestOf1e6 the best of the 10^6 random configurations alone
     * @param timeReferenceSeconds {@code time_ref_s}: the 99th percentile of {@code time} at epoch 52
     *     over 10^5 random configurations, the unit of the training-time objective of
     *     {@code lcbench-mo-<task>}
     */
    public record ReferenceOptimum(double value, Map<String, Object> at, double randomBestOf1e6,
                                   double timeReferenceSeconds) {
    }

    private LcBenchTasks(List<String> tasks, Map<String, Integer> codes, Map<String, ReferenceOptimum> optima) {
        this.tasks = tasks;
        this.codes = codes;
        this.optima = optima;
    }

    /** The tasks of this module's resources. */
    public static LcBenchTasks get() {
        return Loaded.INSTANCE;
    }

    /** Every task the surrogate serves, in {@code config_space.json}'s order. */
    public List<String> tasks() {
        return tasks;
    }

    /**
     * The model's code of {@code task}.
     *
     * @throws IllegalArgumentException for a task the surrogate does not serve, listing those it does
     */
    public int code(String task) {
        Integer code = tasks.contains(task) ? codes.get(task) : null;
        if (code == null) {
            throw new IllegalArgumentException("unknown LCBench task '" + task + "'; the surrogate serves the OpenML tasks "
                    + String.join(", ", tasks));
        }
        return code;
    }

    /** The reference optimum of {@code task}, where {@code optima.json} has one (the tasks of record). */
    public Optional<ReferenceOptimum> optimum(String task) {
        return Optional.ofNullable(optima.get(task));
    }

    private static LcBenchTasks load() {
        JsonObject space = read("config_space.json");
        List<String> tasks = new ArrayList<>();
        for (JsonElement h : space.getAsJsonArray("hyperparameters")) {
            JsonObject p = h.getAsJsonObject();
            if (p.get("name").getAsString().equals("OpenML_task_id")) {
                p.getAsJsonArray("choices").forEach(c -> tasks.add(c.getAsString()));
            }
        }
        Map<String, Integer> codes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : read("encoding.json").getAsJsonObject("OpenML_task_id").entrySet()) {
            codes.put(e.getKey(), e.getValue().getAsInt());
        }
        for (String task : tasks) {
            if (!codes.containsKey(task)) {
                throw new IllegalStateException("lcbench/encoding.json has no code for task " + task + " of config_space.json");
            }
        }
        Map<String, ReferenceOptimum> optima = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : read("optima.json").entrySet()) {
            JsonObject o = e.getValue().getAsJsonObject();
            Map<String, Object> at = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> p : o.getAsJsonObject("at").entrySet()) {
                // whole numbers for the integer parameters: SearchSpace.configuration coerces them
                at.put(p.getKey(), p.getValue().getAsDouble());
            }
            optima.put(e.getKey().substring(LcBenchProblem.PREFIX.length()), new ReferenceOptimum(
                    o.get("optimum").getAsDouble(), Collections.unmodifiableMap(at), o.get("random_best_of_1e6").getAsDouble(),
                    o.get("time_ref_s").getAsDouble()));
        }
        return new LcBenchTasks(List.copyOf(tasks), Collections.unmodifiableMap(codes), Collections.unmodifiableMap(optima));
    }

    private static JsonObject read(String file) {
        String resource = "/lcbench/" + file;
        try (InputStream in = LcBenchTasks.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the class path");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return JsonParser.parseReader(reader).getAsJsonObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
