package org.hpo4j.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hpo4j.inject.Injector;
import org.hpo4j.space.BudgetSpec;
import org.hpo4j.space.Parameter;
import org.hpo4j.space.SearchSpace;

/** What {@code mvn hpo:space} prints: the search space of each objective class as a table. */
public final class SpaceTable {
    private SpaceTable() {
    }

    /**
     * The search space of every objective class {@code loader} sees (or only {@code objective}'s,
     * when given), as text.
     */
    public static String of(ClassLoader loader, String objective) {
        List<String> names = ObjectiveClasses.list(loader);
        if (objective != null && !objective.isBlank()) {
            names = List.of(ObjectiveClasses.choose(names, objective));
        } else if (names.isEmpty()) {
            ObjectiveClasses.choose(names, null);
        }
        StringBuilder b = new StringBuilder();
        for (String name : names) {
            Injector<?> injector = ObjectiveClasses.load(name, loader).injector();
            b.append(ofClass(name, injector));
        }
        return b.toString();
    }

    /** One class's space as a table: parameter, kind, domain, default, condition. */
    static String ofClass(String className, Injector<?> injector) {
        SearchSpace space = injector.space();
        StringBuilder b = new StringBuilder();
        b.append(className).append("  (study ").append(injector.studyName()).append(", ")
                .append(injector.direction().name().toLowerCase(Locale.ROOT)).append(")\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"parameter", "kind", "domain", "default", "active if"});
        for (Parameter p : space.parameters()) {
            String kind = p.getClass().getSimpleName().replace("Parameter", "").toLowerCase(Locale.ROOT);
            rows.add(new String[] {p.name(), kind, p.describeDomain(), p.format(p.defaultValue()),
                    p.conditions().isEmpty() ? "always" : p.conditions().toString()});
        }
        Optional<BudgetSpec> budget = space.budget();
        budget.ifPresent(bs -> rows.add(new String[] {bs.name(), "budget",
                "[" + Tuner.number(bs.min()) + ", " + Tuner.number(bs.max()) + "]" + (bs.integer() ? " integers" : ""), "", ""}));
        b.append(Tuner.table(rows));
        if (budget.isEmpty()) {
            b.append("  (no @Budget field: every evaluation runs in full)\n");
        }
        return b.toString();
    }
}
