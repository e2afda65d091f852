package dev.rarec.understanding;

/**
 * Release years a request allows, both ends inclusive; {@link #ANY} allows every year. A movie
 * whose year is unknown (0) satisfies no bounded range.
 */
public record YearRange(int from, int to) {
    public static final int MIN = 0;
    public static final int MAX = 9999;
    public static final YearRange ANY = new YearRange(MIN, MAX);

    public YearRange {
        if (from > to) throw new IllegalArgumentException("year range " + from + "-" + to + " is empty");
    }

    public static YearRange decade(int start) {
        return new YearRange(start, start + 9);
    }

    public boolean isAny() {
        return from == MIN && to == MAX;
    }

    public boolean contains(int year) {
        if (isAny()) return true;
        return year > 0 && year >= from && year <= to;
    }

    /** The smallest range covering both. */
    public YearRange span(YearRange other) {
        if (isAny()) return other;
        if (other.isAny()) return this;
        return new YearRange(Math.min(from, other.from), Math.max(to, other.to));
    }

    /** How people say it: "the 1960s", "after 2010", "before 1980", "1990-2000". */
    public String describe() {
        if (isAny()) return "any year";
        if (from % 10 == 0 && to == from + 9) return "the " + from + "s";
        if (to == MAX) return "from " + from + " on";
        if (from == MIN) return "before " + (to + 1);
        if (from == to) return Integer.toString(from);
        return from + "-" + to;
    }
}
