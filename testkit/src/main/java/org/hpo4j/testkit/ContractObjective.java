package org.hpo4j.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hpo4j.execute.WorkerObjective;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.trial.TrialContext;

/**
 * The objective of {@link ExecutorContract}: its {@code behaviour} parameter says whether it
 * returns {@code (x - 1)^2} or fails in one of the ways user code does. Public with a no-arg
 * constructor, so that an executor that runs objectives in another JVM can create it by its class
 * name ({@code ForkedWorkerExecutor.builder(ContractObjective.class.getName())}).
 */
public class ContractObjective implements WorkerObjective {
    /** The status the {@code exit} behaviour passes to {@code System.exit}. */
    public static final int EXIT_STATUS = 3;

    /** The message of the exception the {@code throw} behaviour throws, before {@code x=<value>}. */
    public static final String THROWN = "the contract's objective throws at";

    /**
     * The largest heap the {@code heap} behaviour fills: above it, the objective refuses to run rather
     * than take gigabytes of a machine the test shares.
     */
    public static final long MAX_HEAP = 1L << 30;

    /** What the objective does. */
    public enum Behaviour {
        /** returns {@code (x - 1)^2} */
        RETURN,
        /** throws an {@code IllegalStateException} */
        THROW,
        /** returns NaN */
        NAN,
        /** allocates until the heap is exhausted ({@code OutOfMemoryError}) */
        HEAP,
        /** calls {@code System.exit(EXIT_STATUS)} */
        EXIT
    }

    /** {@code x} in [-5, 5] and the behaviour. */
    public static final SearchSpace SPACE = SearchSpace.builder()
            .add(FloatParameter.uniform("x", -5, 5))
            .add(CategoricalParameter.of("behaviour", Arrays.stream(Behaviour.values()).map(Enum::name).toList()))
            .build();

    /** The configuration of {@code x} and {@code behaviour}. */
    public static Configuration configuration(double x, Behaviour behaviour) {
        return SPACE.configuration(Map.of("x", x, "behaviour", behaviour.name()));
    }

    @Override
    public SearchSpace space() {
        return SPACE;
    }

    @Override
    public double evaluate(Configuration configuration, TrialContext context) {
        double x = configuration.getDouble("x");
        switch (Behaviour.valueOf(configuration.getString("behaviour"))) {
            case THROW -> throw new IllegalStateException(THROWN + " x=" + x);
            case NAN -> {
                return Double.NaN;
            }
            case HEAP -> exhaustTheHeap();
            case EXIT -> System.exit(EXIT_STATUS);
            default -> {
                // RETURN
            }
        }
        return (x - 1) * (x - 1);
    }

    private static void exhaustTheHeap() {
        long max = Runtime.getRuntime().maxMemory();
        if (max > MAX_HEAP) {
            throw new IllegalStateException("the heap case fills the heap of the JVM that runs the objective, which has "
                    + (max >> 20) + " MB; give that JVM at most " + (MAX_HEAP >> 20) + " MB (-Xmx256m: surefire's argLine,"
                    + " or the worker JVMs' options)");
        }
        List<long[]> hog = new ArrayList<>();
        while (true) {
            hog.add(new long[1 << 20]);
        }
    }
}
