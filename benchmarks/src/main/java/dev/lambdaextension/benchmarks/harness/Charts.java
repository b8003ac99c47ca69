package dev.lambdaextension.benchmarks.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.lambdaextension.benchmarks.harness.StartupBenchmark.Launch;
import dev.lambdaextension.benchmarks.harness.StartupBenchmark.Variant;

/**
 * SVG charts written from the results by the harness itself (no external tools).
 */
final class Charts {

	private static final String[] COLORS = { "#4e79a7", "#f28e2b", "#59a14f" };

	private Charts() {
	}

	static Path docs() {
		return Env.projectRoot().resolve("docs");
	}

	/** A row of a horizontal bar chart: a label and up to three values (with p90 whiskers). */
	record Row(String label, double[] medians, double[] p90s) {
	}

	static void startup(List<Launch> results, List<Variant> variants, String file) {
		List<Row> rows = new ArrayList<>();
		for (String jdk : results.stream().map(Launch::jdk).distinct().toList()) {
			for (Variant variant : variants) {
				List<Double> register = StartupBenchmark.values(results, jdk, variant.id(), Launch::registerMs);
				if (register.isEmpty()) {
					continue;
				}
				List<Double> subscribed = StartupBenchmark.values(results, jdk, variant.id(), Launch::subscribedMs);
				List<Double> next = StartupBenchmark.values(results, jdk, variant.id(), Launch::firstNextMs);
				rows.add(new Row("JDK " + jdk + "  " + variant.id(),
						new double[] { Env.median(register), Env.median(subscribed), Env.median(next) },
						new double[] { Env.p90(register), Env.p90(subscribed), Env.p90(next) }));
			}
		}
		String svg = bars("Start-up from process start, measured by the emulator (median, whisker = p90)", "ms",
				new String[] { "register received", "telemetry subscription", "first next" }, rows, 800,
				"800 ms target (first next, minimal)");
		Env.write(docs().resolve(file), svg);
	}

	static String bars(String title, String unit, String[] series, List<Row> rows, double marker, String markerLabel) {
		int labelWidth = 230;
		int plotWidth = 620;
		int barHeight = 7;
		int rowHeight = barHeight * series.length + 8;
		int top = 60;
		int height = top + rows.size() * rowHeight + 50;
		double max = marker;
		for (Row row : rows) {
			for (int i = 0; i < row.medians().length; i++) {
				max = Math.max(max, Double.isNaN(row.p90s()[i]) ? 0 : row.p90s()[i]);
			}
		}
		max = niceCeiling(max);
		StringBuilder svg = new StringBuilder();
		int width = labelWidth + plotWidth + 40;
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n",
				width, height));
		svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
		svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n", esc(title)));
		for (int i = 0; i < series.length; i++) {
			int x = labelWidth + i * 190;
			svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"32\" width=\"12\" height=\"10\" fill=\"%s\"/>"
					+ "<text x=\"%d\" y=\"41\">%s</text>%n", x, COLORS[i % COLORS.length], x + 16, esc(series[i])));
		}
		double step = max / 5;
		for (int t = 0; t <= 5; t++) {
			double value = step * t;
			double x = labelWidth + plotWidth * value / max;
			svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
					+ "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, top - 5, x, height - 40, x,
					height - 26, (value >= 10 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value))));
		}
		svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
				labelWidth + plotWidth / 2, height - 10, esc(unit)));
		int y = top;
		for (Row row : rows) {
			svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", labelWidth - 6,
					y + rowHeight / 2 + 2, esc(row.label())));
			for (int i = 0; i < row.medians().length; i++) {
				double median = row.medians()[i];
				if (Double.isNaN(median)) {
					continue;
				}
				double w = plotWidth * median / max;
				int by = y + i * barHeight + 2;
				svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
						+ "<title>%s: median %.1f, p90 %.1f</title></rect>%n", labelWidth, by, w, barHeight - 1,
						COLORS[i % COLORS.length], esc(series[i]), median, row.p90s()[i]));
				double p90 = row.p90s()[i];
				if (!Double.isNaN(p90)) {
					double px = labelWidth + plotWidth * p90 / max;
					svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>%n",
							labelWidth + w, by + barHeight / 2, px, by + barHeight / 2));
				}
				if (i == row.medians().length - 1) {
					svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"9\">%.0f</text>%n",
							labelWidth + w + 4, by + barHeight - 1, median));
				}
			}
			y += rowHeight;
		}
		if (marker > 0) {
			double x = labelWidth + plotWidth * marker / max;
			svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c00\" stroke-dasharray=\"4,3\"/>"
					+ "<text x=\"%.1f\" y=\"%d\" fill=\"#c00\" text-anchor=\"end\">%s</text>%n", x, top - 5, x, height - 40,
					x - 3, top + 8, esc(markerLabel)));
		}
		svg.append("</svg>\n");
		return svg.toString();
	}

	private static double niceCeiling(double value) {
		double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
		for (double m : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (m * magnitude >= value) {
				return m * magnitude;
			}
		}
		return 10 * magnitude;
	}

	private static String esc(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
