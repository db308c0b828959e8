package org.hpo4j.samples.digits;

import java.nio.file.Path;
import java.util.Locale;
import org.hpo4j.inject.Hpo;

/**
 * How much the network's initialization moves the test accuracy: trains each given configuration
 * (a properties file, or {@code --untuned} for the initializers) with initialization seeds 1, 2
 * and 3, on the training set alone and on training + validation, and prints the test accuracies
 * and their means. The figures of this sample's README come from it.
 */
public final class SeedSpread {
    private SeedSpread() {
    }

    public static void main(String[] args) {
        for (String arg : args) {
            double sumTrain = 0;
            double sumFinal = 0;
            StringBuilder line = new StringBuilder();
            for (long seed = 1; seed <= 3; seed++) {
                DigitsMlp model = arg.equals("--untuned") ? new DigitsMlp() : Hpo.load(new DigitsMlp(), Path.of(arg));
                model.seed = seed;
                model.train();
                double trainOnly = model.testAccuracy();
                model.trainFinal();
                double finalFit = model.testAccuracy();
                sumTrain += trainOnly;
                sumFinal += finalFit;
                line.append(String.format(Locale.ROOT, "  seed %d: %.4f / %.4f", seed, trainOnly, finalFit));
            }
            System.out.printf(Locale.ROOT, "%s: test accuracy, training set / training + validation:%s; means %.4f / %.4f%n",
                    arg, line, sumTrain / 3, sumFinal / 3);
        }
    }
}
