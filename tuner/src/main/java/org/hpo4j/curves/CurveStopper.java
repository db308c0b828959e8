package org.hpo4j.curves;

import org.hpo4j.annotations.Direction;

/**
 * Decides whether to stop an evaluation early from its partial learning curve, as Domhan et al.
 * 2015 do: stop when the extrapolated final value is unlikely to beat the incumbent.
 *
 * <p>A pure function of its inputs: no state, no clock. It never stops before
 * {@code minPoints} observations, before {@code minFraction} of the final step, without an
 * incumbent, or when no curve family could be fitted.
 */
public final class CurveStopper {
    private final Direction direction;
    private final double threshold;
    private final int minPoints;
    private final double minFraction;
    private final LearningCurveModel model;

    /** The decision and what it rests on. */
    public record Decision(boolean stop, double probabilityOfImprovement, double predictedFinal, String reason) {
    }

    /**
     * A stopper.
     *
     * @param direction whether smaller (MINIMIZE) or larger values are better
     * @param threshold stop when the probability of beating the incumbent is below this, in
     *     {@code (0, 1)} (the paper uses 0.05)
     * @param minPoints the fewest observations to extrapolate from, at least 3
     * @param minFraction the smallest {@code lastStep / finalStep} at which to decide, in
     *     {@code [0, 1)}
     * @param model the curve model
     */
    public CurveStopper(Direction direction, double threshold, int minPoints, double minFraction,
                        LearningCurveModel model) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
        }
        if (minPoints < 3) {
            throw new IllegalArgumentException("minPoints must be at least 3, got " + minPoints);
        }
        if (!(minFraction >= 0 && minFraction < 1)) {
            throw new IllegalArgumentException("minFraction must be in [0, 1), got " + minFraction);
        }
        this.direction = direction;
        this.threshold = threshold;
        this.minPoints = minPoints;
        this.minFraction = minFraction;
        this.model = model;
    }

    /** Whether smaller (MINIMIZE) or larger values are better. */
    public Direction direction() {
        return direction;
    }

    /** Threshold 0.05, at least 5 points and 10% of the final step, every curve family. */
    public static CurveStopper defaults(Direction direction) {
        return new CurveStopper(direction, 0.05, 5, 0.1, new LearningCurveModel());
    }

    /**
     * Whether to stop.
     *
     * @param steps the steps reported so far (e.g. epochs), increasing, positive
     * @param values the values reported at them
     * @param finalStep the step the evaluation would run to (its budget)
     * @param incumbent the best final value so far, NaN if there is none
     */
    public Decision decide(double[] steps, double[] values, double finalStep, double incumbent) {
        if (Double.isNaN(incumbent)) {
            return new Decision(false, Double.NaN, Double.NaN, "no incumbent yet");
        }
        if (steps.length < minPoints) {
            return new Decision(false, Double.NaN, Double.NaN, steps.length + " points, " + minPoints + " needed");
        }
        double last = steps[steps.length - 1];
        if (last >= finalStep) {
            return new Decision(false, Double.NaN, Double.NaN, "already at the final step");
        }
        if (last < minFraction * finalStep) {
            return new Decision(false, Double.NaN, Double.NaN, "at step " + last + ", below " + minFraction
                    + " of the final step " + finalStep);
        }
        Prediction p = model.predict(steps, values, finalStep);
        if (p.isEmpty()) {
            return new Decision(false, Double.NaN, Double.NaN, "no curve family could be fitted");
        }
        double improvement = direction == Direction.MINIMIZE ? p.probabilityBelow(incumbent) : p.probabilityAbove(incumbent);
        boolean stop = improvement < threshold;
        return new Decision(stop, improvement, p.mean(), String.format(
                "predicted %.4g +- %.3g at step %s; P(beats incumbent %.4g) = %.3g %s %.3g",
                p.mean(), p.sd(), finalStep, incumbent, improvement, stop ? "<" : ">=", threshold));
    }
}
