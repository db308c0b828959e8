package org.hpo4j.report;

import java.util.List;
import org.hpo4j.space.BudgetSpec;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.Parameter;

/** The data the page's script draws, as HTML-safe JSON. */
final class PageData {
    private PageData() {
    }

    /** The quantiles the configurations chart's colours span. */
    static final double LOW_QUANTILE = 0.05;
    static final double HIGH_QUANTILE = 0.95;

    /**
     * The values the configurations chart's colours span: the {@value #LOW_QUANTILE} and
     * {@value #HIGH_QUANTILE} quantiles (nearest rank, inward) of each configuration's value at the
     * largest budget it finished, so that one log-loss of 29 among values near 0.1 does not give all
     * the others one colour. {@code [0, 1]} without finished evaluations.
     */
    static double[] colourRange(ReportData data) {
        java.util.Map<Object, ReportRow> last = new java.util.HashMap<>();
        for (ReportRow r : data.rows()) {
            if (r.state() == EvaluationState.FINISHED) {
                last.merge(r.configId(), r, (a, b) -> b.budget() > a.budget() ? b : a);
            }
        }
        double[] v = last.values().stream().mapToDouble(ReportRow::value).sorted().toArray();
        if (v.length == 0) {
            return new double[] {0, 1};
        }
        int n = v.length;
        double lo = v[(int) Math.ceil(LOW_QUANTILE * (n - 1))];
        double hi = v[(int) Math.floor(HIGH_QUANTILE * (n - 1))];
        if (!(hi > lo)) {
            // every value (but outliers) alike: the full range, else one step
            lo = v[0];
            hi = v[n - 1] > lo ? v[n - 1] : lo + 1;
        }
        return new double[] {lo, hi};
    }

    static String json(ReportData data, List<Progress.Trace> traces, ImportanceEstimate importance) {
        JsonWriter w = new JsonWriter(true, false);
        w.beginObject();
        w.name("study").beginObject()
                .member("name", data.studyName())
                .member("direction", data.direction().name())
                .member("optimizer", data.optimizer())
                .member("seed", data.seed())
                .member("budgetName", data.space().budget().map(BudgetSpec::name).orElse("budget"))
                .endObject();

        w.name("params").beginArray();
        for (Parameter p : data.space().parameters()) {
            w.beginObject().member("name", p.name()).member("kind", ReportWriter.kind(p));
            if (p instanceof FloatParameter f) {
                w.member("log", f.log()).member("lo", f.lo()).member("hi", f.hi());
            } else if (p instanceof IntParameter i) {
                w.member("log", i.log()).member("lo", i.lo()).member("hi", i.hi());
            } else {
                CategoricalParameter c = (CategoricalParameter) p;
                w.member("log", false).name("choices").beginArray();
                for (Object choice : c.choices()) {
                    w.value(c.format(choice));
                }
                w.endArray();
            }
            w.endObject();
        }
        w.endArray();

        w.name("rows").beginArray();
        for (ReportRow r : data.rows()) {
            w.beginObject()
                    .member("id", r.jobId())
                    .member("iteration", r.configId().iteration())
                    .member("bracket", r.configId().bracket())
                    .member("index", r.configId().index())
                    .member("rung", r.rung())
                    .member("budget", r.budget())
                    .member("state", r.state().name())
                    .member("value", r.value())
                    .member("failure", r.failure())
                    .member("stopped", r.stoppedEarly())
                    .member("cost", r.cost());
            w.name("start");
            if (r.start() == null) {
                w.nullValue();
            } else {
                w.value(r.start().toEpochMilli());
            }
            w.name("end");
            if (r.end() == null) {
                w.nullValue();
            } else {
                w.value(r.end().toEpochMilli());
            }
            w.name("x").beginArray();
            for (Parameter p : data.space().parameters()) {
                if (!r.configuration().isActive(p.name())) {
                    w.nullValue();
                } else if (p instanceof CategoricalParameter) {
                    w.value(Values.parameter(p, r.configuration()));
                } else {
                    w.value(r.configuration().getDouble(p.name()));
                }
            }
            w.endArray();
            w.name("steps").beginArray();
            for (IntermediateValue v : r.intermediate()) {
                w.beginArray().value(v.step()).value(v.value()).endArray();
            }
            w.endArray();
            w.endObject();
        }
        w.endArray();

        w.name("progress").beginArray();
        for (Progress.Trace t : traces) {
            w.beginObject().member("budget", t.budget()).name("points").beginArray();
            for (Progress.Point p : t.points()) {
                w.beginObject().member("cost", p.cost()).member("seconds", p.seconds())
                        .member("best", p.best()).member("job", p.jobId()).endObject();
            }
            w.endArray().endObject();
        }
        w.endArray();

        double[] colours = colourRange(data);
        w.name("colourRange").beginArray().value(colours[0]).value(colours[1]).endArray();

        w.name("importance");
        if (importance == null) {
            w.nullValue();
        } else {
            w.beginObject().member("budget", importance.budget()).member("evaluations", importance.evaluations())
                    .member("reliable", importance.reliable());
            w.name("params").beginArray();
            for (ParameterImportance p : importance.parameters()) {
                w.beginObject().member("name", p.name()).member("importance", p.importance())
                        .member("active", p.activeEvaluations()).name("effect").beginArray();
                for (EffectPoint e : p.effect()) {
                    w.beginObject().member("value", e.value()).member("label", e.label())
                            .member("predicted", e.predicted()).endObject();
                }
                w.endArray().endObject();
            }
            w.endArray().endObject();
        }
        w.member("effectCharts", ReportWriter.EFFECT_CHARTS);
        w.name("pareto");
        if (!data.criteria().isMultiObjective()) {
            w.nullValue();
        } else {
            ParetoView view = ParetoView.of(data);
            w.beginObject();
            w.name("objectives").beginArray();
            data.criteria().objectives().forEach(g -> w.beginObject().member("name", g.name())
                    .member("direction", g.direction().name()).endObject());
            w.endArray();
            w.name("constraints").beginArray();
            data.criteria().constraints().forEach(c -> w.value(c.toString()));
            w.endArray();
            w.name("points").beginArray();
            for (ParetoView.PointRow p : view.points()) {
                w.beginObject().member("job", p.jobId()).member("budget", p.budget())
                        .member("feasible", p.feasible()).member("front", view.front().contains(p.jobId()));
                w.name("values").beginArray();
                p.objectives().forEach(w::value);
                w.endArray().endObject();
            }
            w.endArray();
            w.name("hypervolume").beginArray();
            for (double[] point : view.hypervolume()) {
                w.beginArray().value(point[0]).value(point[1]).endArray();
            }
            w.endArray();
            w.endObject();
        }
        w.endObject();
        return w.toString();
    }
}
