package org.hpo4j.samples.digits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MlpTest {

    @Test
    void splitCoversEveryImageOnceAndIsStandardized() {
        Digits d = Digits.load();
        assertEquals(1797, d.trainY.length + d.validY.length + d.testY.length);
        assertEquals(1078, d.trainY.length);
        assertEquals(359, d.validY.length);
        for (int digit = 0; digit < 10; digit++) {
            int c = digit;
            assertTrue(Arrays.stream(d.testY).filter(y -> y == c).count() > 20, "every digit is in the test set");
        }
        double mean = Arrays.stream(d.trainX).mapToDouble(row -> row[20]).average().orElseThrow();
        assertEquals(0, mean, 1e-9);
    }

    @Test
    void aFewEpochsOfAdamLearnAndTheSameSeedGivesTheSameNetwork() {
        Digits d = Digits.load();
        double[] errors = new double[2];
        for (int run = 0; run < 2; run++) {
            Mlp net = new Mlp(64, 32, 10, Mlp.Update.ADAM, 0.01, 0, 1e-4, 0.1, 32, 5);
            double first = net.trainEpoch(d.trainX, d.trainY);
            double loss = first;
            for (int e = 1; e < 5; e++) {
                loss = net.trainEpoch(d.trainX, d.trainY);
            }
            assertTrue(loss < first / 2, "training loss falls: " + first + " -> " + loss);
            errors[run] = net.errorRate(d.validX, d.validY);
        }
        assertTrue(errors[0] < 0.1, "5 epochs of Adam classify most digits: error " + errors[0]);
        assertEquals(errors[0], errors[1], "deterministic from the seed");
    }

    @Test
    void everyUpdateRuleLearns() {
        Digits d = Digits.load();
        for (Mlp.Update u : Mlp.Update.values()) {
            double lr = u == Mlp.Update.ADAM ? 0.003 : 0.05;
            Mlp net = new Mlp(64, 24, 10, u, lr, 0.9, 0, 0, 16, 3);
            for (int e = 0; e < 3; e++) {
                net.trainEpoch(d.trainX, d.trainY);
            }
            assertTrue(net.errorRate(d.validX, d.validY) < 0.2, u + " learns");
        }
    }

    @Test
    void aDivergedNetworkCountsAsWrongEverywhere() {
        Digits d = Digits.load();
        Mlp net = new Mlp(64, 16, 10, Mlp.Update.SGD, 1e6, 0, 0, 0, 8, 1);
        net.trainEpoch(d.trainX, d.trainY);
        double error = net.errorRate(d.validX, d.validY);
        assertTrue(error > 0.5 && error <= 1, "error " + error);
    }
}
