package org.hpo4j.samples.digits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class HypergradientMlpTest {
    private static final double SMALL_RATE = 1e-4;

    private static double trainLoss(Mlp net, Digits d, int epochs) {
        double loss = Double.NaN;
        for (int e = 0; e < epochs; e++) {
            loss = net.trainEpoch(d.trainX, d.trainY);
        }
        return loss;
    }

    @Test
    void fromAMuchTooSmallRateSgdRaisesTheRateAndReachesALowerLoss() {
        Digits d = Digits.load();
        Mlp fixed = new Mlp(64, 32, 10, Mlp.Update.SGD, SMALL_RATE, 0, 1e-4, 0, 64, 7);
        double fixedLoss = trainLoss(fixed, d, 20);
        Mlp adapted = new Mlp(64, 32, 10, Mlp.Update.SGD, SMALL_RATE, 0, 1e-4, 0, 64, 7);
        adapted.enableHypergradient(0.02);
        double adaptedLoss = trainLoss(adapted, d, 20);

        assertEquals(SMALL_RATE, fixed.learningRate(), "without hypergradient the rate stays");
        assertTrue(adapted.learningRate() > 10 * SMALL_RATE, "the rate grows: " + adapted.learningRate());
        assertTrue(adaptedLoss < 0.8 * fixedLoss, "lower training loss: " + adaptedLoss + " against " + fixedLoss);
    }

    @Test
    void adamWithHypergradientLearnsAndIsDeterministic() {
        Digits d = Digits.load();
        double[] errors = new double[2];
        double[] rates = new double[2];
        for (int run = 0; run < 2; run++) {
            Mlp net = new Mlp(64, 32, 10, Mlp.Update.ADAM, 0.003, 0, 1e-5, 0.1, 32, 5);
            net.enableHypergradient(0.02);
            trainLoss(net, d, 4);
            errors[run] = net.errorRate(d.validX, d.validY);
            rates[run] = net.learningRate();
        }
        assertTrue(errors[0] < 0.1, "Adam with an adapted rate classifies most digits: error " + errors[0]);
        assertTrue(rates[0] != 0.003, "the rate was adapted");
        assertEquals(errors[0], errors[1], "same seed, same network");
        assertEquals(rates[0], rates[1], "same seed, same rate");
    }

    @Test
    void momentumWithHypergradientLearns() {
        Digits d = Digits.load();
        Mlp net = new Mlp(64, 24, 10, Mlp.Update.MOMENTUM, 0.001, 0.9, 0, 0, 16, 3);
        net.enableHypergradient(0.02);
        trainLoss(net, d, 3);
        assertTrue(net.errorRate(d.validX, d.validY) < 0.2, "momentum with an adapted rate learns");
    }

    @Test
    void itMustBeSwitchedOnBeforeTrainingAndIsNotCheckpointed() throws Exception {
        Digits d = Digits.load();
        Mlp trained = new Mlp(64, 16, 10, Mlp.Update.SGD, 0.01, 0, 0, 0, 64, 1);
        trained.trainEpoch(d.trainX, d.trainY);
        assertThrows(IllegalStateException.class, () -> trained.enableHypergradient(0.02));

        Mlp adapted = new Mlp(64, 16, 10, Mlp.Update.SGD, 0.01, 0, 0, 0, 64, 1);
        adapted.enableHypergradient(0.02);
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            assertThrows(NotSerializableException.class, () -> out.writeObject(adapted));
        }
    }
}
