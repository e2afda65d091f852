package dev.rarec.eval;

/**
 * A mean over per-target rows with its 95% confidence interval.
 *
 * @param mean the sample mean (0 when there are no rows)
 * @param ci95 half-width of the interval, so a report can print {@code mean ± ci95}
 * @param low  lower end of the interval
 * @param high upper end of the interval (for a bootstrap interval, low and high need not be symmetric)
 * @param n    number of rows the mean is over
 */
public record Estimate(double mean, double ci95, double low, double high, int n) {

    public static final Estimate EMPTY = new Estimate(0, 0, 0, 0, 0);

    /** A symmetric interval {@code mean ± ci95}. */
    public static Estimate symmetric(double mean, double ci95, int n) {
        return new Estimate(mean, ci95, mean - ci95, mean + ci95, n);
    }
}
