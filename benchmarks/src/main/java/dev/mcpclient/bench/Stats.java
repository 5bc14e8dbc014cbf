package dev.mcpclient.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** Mean, sample standard deviation and median. */
record Stats(double mean, double sd, int n, double median) {

    static <T> Stats of(List<T> items, ToDoubleFunction<T> value) {
        int n = items.size();
        double sum = 0;
        for (T t : items) {
            sum += value.applyAsDouble(t);
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        double sq = 0;
        for (T t : items) {
            double d = value.applyAsDouble(t) - mean;
            sq += d * d;
        }
        double[] sorted = items.stream().mapToDouble(value).sorted().toArray();
        double median = n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Stats(mean, n > 1 ? Math.sqrt(sq / (n - 1)) : 0, n, median);
    }

    static Stats ofValues(double[] values) {
        return of(java.util.Arrays.stream(values).boxed().toList(), Double::doubleValue);
    }

    String format(String pattern) {
        String m = String.format(java.util.Locale.ROOT, pattern, mean);
        return n > 1 ? m + " ± " + String.format(java.util.Locale.ROOT, pattern, sd) : m;
    }
}
