package org.hpo4j.inject;

/** A class as a user writes it; {@link TunableNetInjector} is what the processor would generate. */
public class TunableNet {
    double learningRate = 0.01;
    int hidden = 64;
    String optimizer = "adam";
    double momentum = 0.9;
    int epochs = 27;

    public double validationError() {
        return learningRate * hidden + epochs;
    }
}
