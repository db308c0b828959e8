package org.hpo4j.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.space.Parameter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.study.Selection;
import org.hpo4j.trial.Constraint;
import org.hpo4j.trial.Criteria;

/**
 * The Pareto front of a study of several objectives: the feasible evaluations that no other
 * feasible one dominates, at the largest budget a feasible one reached ({@link Selection#front}),
 * as {@code pareto.csv} and {@code pareto.json}: job id, budget, every objective and constrained
 * component as the objective returned it, and the parameters.
 */
public final class ParetoFront {
    /** The CSV file's name in the study's report folder. */
    public static final String CSV = "pareto.csv";
    /** The JSON file's name in the study's report folder. */
    public static final String JSON = "pareto.json";

    private ParetoFront() {
    }

    /** Writes both files into {@code folder} (created if needed) and returns the front. */
    public static List<Evaluation> write(Path folder, SearchSpace space, Criteria criteria, List<Evaluation> evaluations)
            throws IOException {
        List<Evaluation> front = Selection.front(evaluations, criteria);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(CSV), csv(space, criteria, front), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve(JSON), json(space, criteria, front), StandardCharsets.UTF_8);
        return front;
    }

    /** The components as columns: the objectives, then constrained components that are no objective. */
    static List<String> components(Criteria criteria) {
        List<String> names = new ArrayList<>(criteria.objectiveNames());
        for (Constraint c : criteria.constraints()) {
            if (!names.contains(c.name())) {
                names.add(c.name());
            }
        }
        return names;
    }

    static String csv(SearchSpace space, Criteria criteria, List<Evaluation> front) {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("job_id", "budget"));
        header.addAll(components(criteria));
        for (Parameter p : space.parameters()) {
            header.add(Exports.PARAMETER_PREFIX + p.name());
        }
        Csv.appendRecord(out, header);
        for (Evaluation e : front) {
            List<String> f = new ArrayList<>();
            f.add(Integer.toString(e.job().id()));
            f.add(Values.exact(e.job().budget()));
            for (String name : components(criteria)) {
                f.add(Values.exact(Selection.component(e, criteria, name)));
            }
            for (Parameter p : space.parameters()) {
                f.add(Values.parameter(p, e.job().configuration()));
            }
            Csv.appendRecord(out, f);
        }
        return out.toString();
    }

    static String json(SearchSpace space, Criteria criteria, List<Evaluation> front) {
        JsonWriter w = new JsonWriter(false, true);
        w.beginObject();
        w.name("objectives").beginArray();
        criteria.objectives().forEach(g -> w.beginObject().member("name", g.name())
                .member("direction", g.direction().name()).endObject());
        w.endArray();
        w.name("constraints").beginArray();
        criteria.constraints().forEach(c -> w.beginObject().member("name", c.name()).member("kind", c.kind().name())
                .member("bound", c.limit()).endObject());
        w.endArray();
        w.name("front").beginArray();
        for (Evaluation e : front) {
            w.beginObject();
            w.member("jobId", e.job().id());
            w.member("budget", e.job().budget());
            w.name("values").beginObject();
            for (String name : components(criteria)) {
                w.member(name, Selection.component(e, criteria, name));
            }
            w.endObject();
            w.name("parameters");
            Exports.parameters(w, space, e.job().configuration());
            w.endObject();
        }
        w.endArray();
        w.endObject();
        return w + "\n";
    }
}
