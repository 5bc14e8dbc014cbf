package dev.mcpclient.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Draws throughput, p50 and p99 latency by concurrency for every contender as an SVG: one column
 * per endpoint, one row per measure; lines through the means, whiskers of ± one standard deviation.
 * Throughput is on a linear axis from zero, latency on a logarithmic one.
 */
final class SvgChart {

    /** Colour and dash pattern per contender: floors dashed or dotted, controls the same in purple. */
    private static final java.util.Map<String, String[]> STYLES = java.util.Map.of(
            "floor", new String[] {"#555555", "6,3"},
            "ours-reactive", new String[] {"#1f77b4", ""},
            "ours-blocking", new String[] {"#17becf", ""},
            "java-sdk", new String[] {"#d62728", ""},
            "floor-blocking", new String[] {"#aaaaaa", "2,3"},
            "control", new String[] {"#9467bd", "6,3"},
            "control-blocking", new String[] {"#c5b0d5", "2,3"},
            "netty-floor", new String[] {"#2ca02c", "4,2"},
            "ours-pinned", new String[] {"#ff7f0e", ""});
    private static final String[] OTHER = {"#8c564b", ""};
    private static final int PANEL_W = 440;
    private static final int PANEL_H = 230;
    private static final int LEFT = 70;
    private static final int TOP = 80;
    private static final int GAP_X = 90;
    private static final int GAP_Y = 70;

    private SvgChart() {
    }

    static String render(Results r) {
        List<String> modes = r.load.stream().map(Results.Load::mode).distinct().toList();
        List<String> contenders = r.load.stream().map(Results.Load::contender).distinct().toList();
        List<Integer> ns = r.load.stream().map(Results.Load::concurrency).distinct().sorted().toList();
        int width = LEFT + modes.size() * (PANEL_W + GAP_X);
        int height = TOP + 3 * (PANEL_H + GAP_Y);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"16\" font-weight=\"bold\">"
                + "tools/call over one session, by concurrent callers (%s run, %s)</text>%n", LEFT, r.profile,
                esc(String.valueOf(r.machine.get("date")))));
        // legend
        int lx = LEFT;
        for (int i = 0; i < contenders.size(); i++) {
            String color = style(contenders.get(i))[0];
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"46\" x2=\"%d\" y2=\"46\" stroke=\"%s\" "
                    + "stroke-width=\"3\" stroke-dasharray=\"%s\"/>", lx, lx + 24, color, style(contenders.get(i))[1]));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"50\">%s</text>%n", lx + 30, esc(contenders.get(i))));
            lx += 40 + 8 * contenders.get(i).length() + 20;
        }
        String[] titles = {"calls per second (higher is better)", "p50 latency, ms (log scale, lower is better)",
                "p99 latency, ms (log scale, lower is better)"};
        List<ToDoubleFunction<Results.Round>> values = List.of(Results.Round::callsPerSecond,
                Results.Round::p50Millis, Results.Round::p99Millis);
        for (int col = 0; col < modes.size(); col++) {
            for (int row = 0; row < 3; row++) {
                int x0 = LEFT + col * (PANEL_W + GAP_X);
                int y0 = TOP + row * (PANEL_H + GAP_Y);
                panel(svg, r, modes.get(col), contenders, ns, values.get(row), row > 0, x0, y0,
                        modes.get(col).toUpperCase(Locale.ROOT) + ": " + titles[row]);
            }
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void panel(StringBuilder svg, Results r, String mode, List<String> contenders, List<Integer> ns,
            ToDoubleFunction<Results.Round> value, boolean log, int x0, int y0, String title) {
        double max = 0;
        double min = Double.MAX_VALUE;
        for (Results.Load l : r.load) {
            if (l.mode().equals(mode)) {
                Stats s = Stats.of(l.rounds(), value);
                max = Math.max(max, s.mean() + s.sd());
                min = Math.min(min, Math.max(1e-3, s.mean()));
            }
        }
        double lo;
        double hi;
        if (log) {
            lo = Math.pow(10, Math.floor(Math.log10(min)));
            hi = Math.pow(10, Math.ceil(Math.log10(max)));
        } else {
            lo = 0;
            hi = niceCeil(max * 1.05);
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", x0, y0 - 10, esc(title)));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#ccc\"/>%n",
                x0, y0, PANEL_W, PANEL_H));
        // grid and y labels
        if (log) {
            for (double v = lo; v <= hi * 1.0001; v *= 10) {
                double y = y(v, lo, hi, true, y0);
                gridLine(svg, x0, y, label(v));
            }
        } else {
            for (int i = 0; i <= 5; i++) {
                double v = hi * i / 5;
                gridLine(svg, x0, y(v, lo, hi, false, y0), String.format(Locale.ROOT, "%,.0f", v));
            }
        }
        // x labels
        for (int i = 0; i < ns.size(); i++) {
            double x = x(i, ns.size(), x0);
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", x,
                    y0 + PANEL_H + 16, ns.get(i)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">concurrent callers</text>%n",
                x0 + PANEL_W / 2, y0 + PANEL_H + 32));
        // series
        for (int c = 0; c < contenders.size(); c++) {
            String color = style(contenders.get(c))[0];
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < ns.size(); i++) {
                int n = ns.get(i);
                String name = contenders.get(c);
                var load = Report.load(r, mode, n, name);
                if (load.isEmpty()) {
                    continue;
                }
                Stats s = Stats.of(load.get().rounds(), value);
                double x = x(i, ns.size(), x0) + (c - (contenders.size() - 1) / 2.0) * 4;
                double y = y(s.mean(), lo, hi, log, y0);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                if (s.sd() > 0) {
                    double ya = y(Math.max(lo, s.mean() - s.sd()), lo, hi, log, y0);
                    double yb = y(s.mean() + s.sd(), lo, hi, log, y0);
                    svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>"
                            + "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>"
                            + "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                            x, ya, x, yb, color, x - 3, ya, x + 3, ya, color, x - 3, yb, x + 3, yb, color));
                }
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s, %d callers: %s</title></circle>%n",
                        x, y, color, esc(name), n, esc(s.format(log ? "%.3f" : "%,.0f"))));
            }
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"%s\"/>%n",
                    points.toString().trim(), color, style(contenders.get(c))[1]));
        }
    }

    private static void gridLine(StringBuilder svg, int x0, double y, String label) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
                + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555\">%s</text>%n",
                x0, y, x0 + PANEL_W, y, x0 - 6, y + 4, label));
    }

    private static double x(int i, int count, int x0) {
        return x0 + PANEL_W * (i + 0.5) / count;
    }

    private static double y(double v, double lo, double hi, boolean log, int y0) {
        double f = log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
        return y0 + PANEL_H - f * PANEL_H;
    }

    private static double niceCeil(double v) {
        if (v <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String label(double v) {
        return v >= 1 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%s", stripZeros(v));
    }

    private static String stripZeros(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The colour and dash pattern of a contender's line. */
    private static String[] style(String contender) {
        return STYLES.getOrDefault(contender, OTHER);
    }
}
