package org.hpo4j.execute;

import java.util.List;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.trial.TrialContext;

/**
 * An objective that floods: 30 MB on one line without a newline and then a crash ("line"), or an
 * exception with a 20 MB message ("message"), or a thousand short lines a millisecond apart
 * ("chatty"). Public with a no-arg constructor so worker JVMs can create it.
 */
public class FloodObjective implements WorkerObjective {
    public static final SearchSpace SPACE = SearchSpace.builder()
            .add(CategoricalParameter.of("mode", List.of("line", "message", "chatty")))
            .build();

    @Override
    public SearchSpace space() {
        return SPACE;
    }

    @Override
    public double evaluate(Configuration c, TrialContext context) throws Exception {
        switch (c.getString("mode")) {
            case "line": {
                String chunk = "y".repeat(1 << 20);
                for (int i = 0; i < 30; i++) {
                    System.out.print(chunk);
                }
                System.out.flush();
                System.exit(3);
                return 0;
            }
            case "message":
                throw new IllegalStateException("m".repeat(20 << 20));
            default:
                for (int i = 0; i < 1000; i++) {
                    System.out.println("progress " + i);
                }
                return 1;
        }
    }
}
