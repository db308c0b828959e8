package org.hpo4j.report;

import java.util.ArrayList;
import java.util.List;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.Parameter;

/** The evaluations as CSV and as JSON. */
final class Exports {
    /** Prefix of the parameter columns: ':' cannot occur in a parameter name, so they never clash. */
    static final String PARAMETER_PREFIX = "param:";
    /** Prefix of the objective columns of a study of several objectives. */
    static final String OBJECTIVE_PREFIX = "objective:";
    /** Prefix of the constrained components' columns of a study of several objectives. */
    static final String CONSTRAINT_PREFIX = "constraint:";

    static final List<String> FIXED_COLUMNS = List.of("job_id", "iteration", "bracket", "index", "rung", "budget",
            "previous_budget", "state", "value", "failure", "start", "end", "duration_seconds", "cost");

    private Exports() {
    }

    /** One header line, then one record per evaluation in job order; empty fields for unknowns. */
    static String csv(ReportData data) {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(FIXED_COLUMNS);
        boolean several = data.criteria().isMultiObjective();
        if (several) {
            // every component of a study of several objectives, before the parameters
            data.criteria().objectives().forEach(g -> header.add(OBJECTIVE_PREFIX + g.name()));
            data.criteria().constraints().forEach(c -> header.add(CONSTRAINT_PREFIX + c.name()));
        }
        for (Parameter p : data.space().parameters()) {
            header.add(PARAMETER_PREFIX + p.name());
        }
        Csv.appendRecord(out, header);
        for (ReportRow r : data.rows()) {
            List<String> f = new ArrayList<>();
            f.add(Integer.toString(r.jobId()));
            f.add(Integer.toString(r.configId().iteration()));
            f.add(Integer.toString(r.configId().bracket()));
            f.add(Integer.toString(r.configId().index()));
            f.add(Integer.toString(r.rung()));
            f.add(Values.exact(r.budget()));
            f.add(Values.exact(r.previousBudget()));
            f.add(r.state().name());
            f.add(Values.exact(r.value()));
            f.add(r.failure());
            f.add(r.start() == null ? "" : r.start().toString());
            f.add(r.end() == null ? "" : r.end().toString());
            f.add(Values.exact(r.durationSeconds()));
            f.add(Values.exact(r.cost()));
            if (several) {
                for (int i = 0; i < data.criteria().objectives().size(); i++) {
                    f.add(i < r.objectives().size() ? Values.exact(r.objectives().get(i)) : "");
                }
                for (int i = 0; i < data.criteria().constraints().size(); i++) {
                    f.add(i < r.constraints().size() ? Values.exact(r.constraints().get(i)) : "");
                }
            }
            for (Parameter p : data.space().parameters()) {
                f.add(Values.parameter(p, r.configuration()));
            }
            Csv.appendRecord(out, f);
        }
        return out.toString();
    }

    /**
     * An object with the study's name, direction, optimizer and seed, and {@code evaluations}: one
     * object per evaluation with its ids, state, budgets, value, failure, times, cost, the values of
     * its active parameters (numbers as numbers, booleans as booleans, others as text) and the
     * intermediate values it reported.
     */
    static String json(ReportData data) {
        JsonWriter w = new JsonWriter(false, true);
        w.beginObject();
        w.member("study", data.studyName());
        w.member("direction", data.direction().name());
        w.member("optimizer", data.optimizer());
        w.member("seed", data.seed());
        ParetoView pareto = data.criteria().isMultiObjective() ? ParetoView.of(data) : null;
        if (pareto != null) {
            w.name("objectives").beginArray();
            data.criteria().objectives().forEach(g -> w.beginObject().member("name", g.name())
                    .member("direction", g.direction().name()).endObject());
            w.endArray();
            w.name("constraints").beginArray();
            data.criteria().constraints().forEach(c -> w.beginObject().member("name", c.name())
                    .member("kind", c.kind().name()).member("bound", c.limit()).endObject());
            w.endArray();
            w.name("paretoFront").beginArray();
            pareto.front().forEach(id -> w.value((long) id));
            w.endArray();
        }
        w.name("evaluations").beginArray();
        for (ReportRow r : data.rows()) {
            w.beginObject();
            w.member("jobId", r.jobId());
            w.name("configId").beginObject()
                    .member("iteration", r.configId().iteration())
                    .member("bracket", r.configId().bracket())
                    .member("index", r.configId().index())
                    .endObject();
            w.member("rung", r.rung());
            w.member("budget", r.budget());
            w.member("previousBudget", r.previousBudget());
            w.member("state", r.state().name());
            w.member("value", r.value());
            w.member("failure", r.failure());
            w.member("start", r.start() == null ? null : r.start().toString());
            w.member("end", r.end() == null ? null : r.end().toString());
            w.member("durationSeconds", r.durationSeconds());
            w.member("cost", r.cost());
            if (pareto != null && !r.objectives().isEmpty()) {
                w.name("objectives").beginObject();
                for (int i = 0; i < r.objectives().size(); i++) {
                    w.member(data.criteria().objectives().get(i).name(), r.objectives().get(i));
                }
                w.endObject();
                w.name("constraints").beginObject();
                for (int i = 0; i < r.constraints().size(); i++) {
                    w.member(data.criteria().constraints().get(i).name(), r.constraints().get(i));
                }
                w.endObject();
            }
            w.name("parameters");
            parameters(w, data, r.configuration());
            w.name("intermediate").beginArray();
            for (IntermediateValue v : r.intermediate()) {
                w.beginObject().member("step", v.step()).member("value", v.value()).endObject();
            }
            w.endArray();
            w.endObject();
        }
        w.endArray();
        w.endObject();
        return w + "\n";
    }

    /** The active parameters of {@code c} as a JSON object, in the space's order. */
    static void parameters(JsonWriter w, ReportData data, Configuration c) {
        parameters(w, data.space(), c);
    }

    /** The active parameters of {@code c} as a JSON object, in {@code space}'s order. */
    static void parameters(JsonWriter w, org.hpo4j.space.SearchSpace space, Configuration c) {
        w.beginObject();
        for (Parameter p : space.parameters()) {
            if (!c.isActive(p.name())) {
                continue;
            }
            Object v = c.get(p.name());
            w.name(p.name());
            if (v instanceof Boolean b) {
                w.value(b);
            } else if (v instanceof Long l) {
                w.value(l);
            } else if (v instanceof Double d && !(p instanceof CategoricalParameter && !Double.isFinite(d))) {
                w.value(d);
            } else {
                w.value(p.format(v));
            }
        }
        w.endObject();
    }
}
