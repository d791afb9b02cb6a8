package io.github.servermanager.benchmarks.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Draws clients per server over time as an SVG, one panel per schedule, so an operator
 * sees at a glance how long a heal keeps one server overloaded.
 */
public final class PartitionHealChart {

	private static final String[] COLORS = { "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b" };

	private static final int PANEL_WIDTH = 420;

	private static final int HEIGHT = 460;

	private static final int LEFT = 70;

	private static final int RIGHT = 20;

	private static final int TOP = 70;

	private static final int BOTTOM = 370;

	private static final int SAMPLE_EVERY_SECONDS = 5;

	private PartitionHealChart() {
	}

	/**
	 * Writes the chart.
	 * @param path where to write the SVG
	 * @param results one panel each, left to right, all of the same scenario
	 * @param seconds how much of the window to draw, from t0
	 * @throws IOException when the file cannot be written
	 */
	public static void write(Path path, List<SimulationResult> results, int seconds) throws IOException {
		Path parent = path.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		Files.writeString(path, svg(results, seconds), StandardCharsets.UTF_8);
	}

	/**
	 * Returns the chart as SVG text.
	 * @param results one panel each, left to right, all of the same scenario
	 * @param seconds how much of the window to draw, from t0
	 * @return the SVG document
	 */
	public static String svg(List<SimulationResult> results, int seconds) {
		if (results.isEmpty()) {
			throw new IllegalArgumentException("results must not be empty");
		}
		int shown = seconds;
		for (SimulationResult result : results) {
			shown = Math.min(shown, result.scenario().measureSeconds());
		}
		int width = results.size() * PANEL_WIDTH;
		SimulationResult first = results.get(0);
		StringBuilder svg = new StringBuilder();
		svg.append(SimulationTable
			.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
					+ "font-family=\"sans-serif\" font-size=\"12\">%n", width, HEIGHT, width, HEIGHT));
		svg.append(SimulationTable.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, HEIGHT));
		// Two lines, so that the title fits over two panels.
		svg.append(SimulationTable.format(
				"<text x=\"%d\" y=\"20\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">"
						+ "Clients per server after the partition heals (t = 0)</text>%n"
						+ "<text x=\"%d\" y=\"38\" text-anchor=\"middle\">%s</text>%n",
				width / 2, width / 2, escape(first.scenario().name())));
		for (int i = 0; i < results.size(); i++) {
			panel(svg, results.get(i), i * PANEL_WIDTH, shown);
		}
		legend(svg, first.scenario().servers().size());
		svg.append("</svg>\n");
		return svg.toString();
	}

	private static void panel(StringBuilder svg, SimulationResult result, int offset, int seconds) {
		int x0 = offset + LEFT;
		int x1 = offset + PANEL_WIDTH - RIGHT;
		int clients = result.scenario().clients();
		int yMax = niceCeiling(clients);
		svg.append(SimulationTable.format(
				"<text x=\"%d\" y=\"58\" text-anchor=\"middle\" font-weight=\"bold\">" + "%s</text>%n", (x0 + x1) / 2,
				escape(result.variant().label())));
		for (int tick = 0; tick <= 5; tick++) {
			int value = yMax * tick / 5;
			double y = y(value, yMax);
			svg.append(SimulationTable.format(
					"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>"
							+ "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%,d</text>%n",
					x0, y, x1, y, x0 - 6, y + 4, value));
		}
		int minutes = seconds / 60;
		int step = (minutes > 30) ? 10 : 5;
		for (int minute = 0; minute <= minutes; minute += step) {
			double x = x(minute * 60, seconds, x0, x1);
			svg.append(SimulationTable.format(
					"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e0e0e0\"/>"
							+ "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
					x, TOP, x, BOTTOM, x, BOTTOM + 16, minute));
		}
		svg.append(SimulationTable.format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">minutes after heal</text>%n",
				(x0 + x1) / 2, BOTTOM + 34));
		svg.append(SimulationTable.format(
				"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>"
						+ "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
				x0, BOTTOM, x1, BOTTOM, x0, TOP, x0, BOTTOM));
		double fair = y(result.scenario().fairShare(), yMax);
		svg.append(SimulationTable.format(
				"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"gray\" stroke-dasharray=\"6 4\"/>"
						+ "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"gray\">fair share</text>%n",
				x0, fair, x1, fair, x1, fair - 5));
		for (int server = 0; server < result.scenario().servers().size(); server++) {
			svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
				.append(COLORS[server % COLORS.length])
				.append("\" points=\"");
			for (int second = 0; second <= seconds; second += SAMPLE_EVERY_SECONDS) {
				svg.append(SimulationTable.format("%.1f,%.1f ", x(second, seconds, x0, x1),
						y(result.holders(second, server), yMax)));
			}
			svg.append("\"/>\n");
		}
	}

	private static void legend(StringBuilder svg, int servers) {
		int x = LEFT;
		for (int server = 0; server < servers; server++) {
			svg.append(SimulationTable.format(
					"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>"
							+ "<text x=\"%d\" y=\"%d\">server-%d</text>%n",
					x, HEIGHT - 36, x + 20, HEIGHT - 36, COLORS[server % COLORS.length], x + 25, HEIGHT - 32, server));
			x += 100;
		}
		// On a line of its own: beside the legend it would run past two panels.
		svg.append(
				SimulationTable.format("<text x=\"%d\" y=\"%d\" fill=\"gray\">(server-0: the one the partition left; "
						+ "the other lines overlap)</text>%n", LEFT, HEIGHT - 12));
	}

	private static double x(int second, int seconds, int x0, int x1) {
		return x0 + (x1 - x0) * (double) second / seconds;
	}

	private static double y(double value, int yMax) {
		return BOTTOM - (BOTTOM - TOP) * value / yMax;
	}

	/**
	 * Rounds up to 1, 2 or 5 times a power of ten, so the axis reads in round numbers.
	 */
	static int niceCeiling(int value) {
		int magnitude = 1;
		while (magnitude * 10L <= value) {
			magnitude *= 10;
		}
		for (int factor : new int[] { 1, 2, 5, 10 }) {
			if ((long) factor * magnitude >= value) {
				return factor * magnitude;
			}
		}
		return 10 * magnitude;
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
