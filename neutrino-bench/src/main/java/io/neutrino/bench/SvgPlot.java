package io.neutrino.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Minimal hand-written SVG line charts, stacked vertically in one document. */
public final class SvgPlot {
    private SvgPlot() {
    }

    public record Series(String name, List<double[]> points) {
    }

    public record Chart(String title, String xLabel, String yLabel, List<Series> series) {
    }

    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
            "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    private static final int W = 720;
    private static final int H = 360;
    private static final int ML = 70, MR = 20, MT = 40, MB = 50;

    public static String render(List<Chart> charts) {
        StringBuilder sb = new StringBuilder();
        int total = Math.max(1, charts.size()) * H;
        sb.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"12\">\n", W, total, W, total));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", W, total));
        if (charts.isEmpty()) {
            sb.append("<text x=\"20\" y=\"40\">no data to plot (run list_ports_* scenarios or a --clients sweep)</text>\n");
        }
        for (int i = 0; i < charts.size(); i++) {
            chart(sb, charts.get(i), i * H);
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static void chart(StringBuilder sb, Chart c, int y0) {
        double xmin = Double.MAX_VALUE, xmax = -Double.MAX_VALUE, ymax = 0;
        for (Series s : c.series()) {
            for (double[] p : s.points()) {
                xmin = Math.min(xmin, p[0]);
                xmax = Math.max(xmax, p[0]);
                ymax = Math.max(ymax, p[1]);
            }
        }
        if (xmin == Double.MAX_VALUE) {
            xmin = 0;
            xmax = 1;
        }
        if (xmax == xmin) {
            xmin = xmin - 1;
            xmax = xmax + 1;
        }
        double[] yTicks = niceTicks(0, ymax <= 0 ? 1 : ymax);
        double ytop = yTicks[yTicks.length - 1];
        double[] xTicks = niceTicks(xmin, xmax);
        double xlo = Math.min(xmin, xTicks[0]);
        double xhi = Math.max(xmax, xTicks[xTicks.length - 1]);
        int pw = W - ML - MR, ph = H - MT - MB;
        int left = ML, top = y0 + MT, bottom = top + ph;

        sb.append(String.format(Locale.ROOT, "<g>\n<text x=\"%d\" y=\"%d\" font-size=\"14\" font-weight=\"bold\">%s</text>\n",
                left, y0 + 22, esc(c.title())));
        // axes and grid
        for (double t : yTicks) {
            double y = bottom - (t / ytop) * ph;
            sb.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                    left, y, left + pw, y, left - 6, y + 4, fmt(t)));
        }
        for (double t : xTicks) {
            if (t < xlo || t > xhi) {
                continue;
            }
            double x = left + (t - xlo) / (xhi - xlo) * pw;
            sb.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                    x, top, x, bottom, x, bottom + 16, fmt(t)));
        }
        sb.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>\n", left, top, pw, ph));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                left + pw / 2, bottom + 36, esc(c.xLabel())));
        sb.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 %d %d)\">%s</text>\n",
                18, top + ph / 2, 18, top + ph / 2, esc(c.yLabel())));
        // series
        int si = 0;
        for (Series s : c.series()) {
            String color = COLORS[si % COLORS.length];
            List<String> pts = new ArrayList<>();
            for (double[] p : s.points()) {
                double x = left + (p[0] - xlo) / (xhi - xlo) * pw;
                double y = bottom - (p[1] / ytop) * ph;
                pts.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
            }
            if (pts.size() > 1) {
                sb.append(String.format(Locale.ROOT,
                        "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>\n",
                        color, String.join(" ", pts)));
            }
            for (String p : pts) {
                String[] xy = p.split(",");
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"3.5\" fill=\"%s\"/>\n",
                        xy[0], xy[1], color));
            }
            int ly = top + 14 + si * 16;
            sb.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>"
                            + "<text x=\"%d\" y=\"%d\">%s</text>\n",
                    left + 10, ly - 4, left + 30, ly - 4, color, left + 36, ly, esc(s.name())));
            si++;
        }
        sb.append("</g>\n");
    }

    /** About five round tick values covering [lo, hi]. */
    static double[] niceTicks(double lo, double hi) {
        double range = hi - lo;
        if (range <= 0) {
            range = Math.abs(hi) > 0 ? Math.abs(hi) : 1;
        }
        double raw = range / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / mag;
        double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
        double start = Math.floor(lo / step) * step;
        double end = Math.ceil(hi / step) * step;
        int n = (int) Math.round((end - start) / step) + 1;
        double[] t = new double[Math.max(2, n)];
        for (int i = 0; i < t.length; i++) {
            t[i] = start + i * step;
        }
        return t;
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
