package io.github.servermanager.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Turns JMH's CSV results ({@code -rf csv}, run with {@code -prof gc}) into Markdown:
 * time and allocation per operation side by side, and for the {@code choose()} benchmark
 * the ratio of the server manager to Spring's default chain from the same run.
 * <p>
 * Arguments: the CSV files.
 */
public final class JmhResultsTable {

	private static final String ALLOCATION = "gc.alloc.rate.norm";

	private static final String OURS = "serverManager";

	private static final String SPRINGS = "springRoundRobin";

	private JmhResultsTable() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length == 0) {
			throw new IllegalArgumentException("Give the CSV files JMH wrote with -rf csv");
		}
		List<String> lines = new ArrayList<>();
		for (String file : args) {
			lines.addAll(Files.readAllLines(Path.of(file)));
			lines.add("");
		}
		System.out.println(markdown(lines));
	}

	/**
	 * Formats the results of one or more CSV files, each starting with its header line.
	 * @param lines the lines, files separated by blank lines
	 * @return the Markdown tables
	 */
	public static String markdown(List<String> lines) {
		Map<String, Row> rows = parse(lines);
		StringBuilder out = new StringBuilder();
		out.append("| benchmark | parameters | threads | ns/op | ± (99.9%) | B/op |\n");
		out.append("|---|---|---|---|---|---|\n");
		for (Row row : rows.values()) {
			out.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s |%n", row.benchmark,
					row.params.isEmpty() ? "-" : row.params, row.threads, number(row.score), number(row.error),
					(row.bytesPerOp != null) ? number(row.bytesPerOp) : "-"));
		}
		String ratios = ratios(rows);
		if (!ratios.isEmpty()) {
			out.append('\n').append(ratios);
		}
		return out.toString();
	}

	private static String ratios(Map<String, Row> rows) {
		StringBuilder out = new StringBuilder();
		for (Row ours : rows.values()) {
			if (!ours.benchmark.endsWith("." + OURS)) {
				continue;
			}
			String springName = ours.benchmark.substring(0, ours.benchmark.length() - OURS.length()) + SPRINGS;
			Row spring = rows.get(springName + "|" + ours.params);
			if (spring == null) {
				continue;
			}
			if (out.length() == 0) {
				out.append("| ").append(ours.benchmark.substring(0, ours.benchmark.lastIndexOf('.')));
				out.append(" | server manager ns/op | Spring ns/op | ratio | server manager B/op | Spring B/op "
						+ "| ratio |\n");
				out.append("|---|---|---|---|---|---|---|\n");
			}
			out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %s | %s | %s |%n", ours.params,
					number(ours.score), number(spring.score), ours.score / spring.score,
					(ours.bytesPerOp != null) ? number(ours.bytesPerOp) : "-",
					(spring.bytesPerOp != null) ? number(spring.bytesPerOp) : "-",
					(ours.bytesPerOp != null && spring.bytesPerOp != null && spring.bytesPerOp > 0)
							? String.format(Locale.ROOT, "%.2f", ours.bytesPerOp / spring.bytesPerOp) : "-"));
		}
		return out.toString();
	}

	private static Map<String, Row> parse(List<String> lines) {
		Map<String, Row> rows = new LinkedHashMap<>();
		List<String> header = null;
		for (String line : lines) {
			if (line.isBlank()) {
				header = null;
				continue;
			}
			List<String> fields = fields(line);
			if (header == null) {
				header = fields;
				continue;
			}
			String name = shortName(fields.get(0));
			String metric = null;
			int colon = name.indexOf(':');
			if (colon < 0) {
				colon = name.indexOf('\u00b7');
			}
			if (colon >= 0) {
				metric = name.substring(colon + 1);
				name = name.substring(0, colon);
			}
			String params = params(header, fields);
			String key = name + "|" + params;
			if (metric == null) {
				rows.put(key, new Row(name, params, Integer.parseInt(fields.get(2)), Double.parseDouble(fields.get(4)),
						parseOrNaN(fields.get(5))));
			}
			else if (metric.equals(ALLOCATION) && rows.containsKey(key)) {
				rows.get(key).bytesPerOp = Double.parseDouble(fields.get(4));
			}
		}
		return rows;
	}

	private static String params(List<String> header, List<String> fields) {
		List<String> params = new ArrayList<>();
		for (int i = 7; i < header.size() && i < fields.size(); i++) {
			if (!fields.get(i).isEmpty()) {
				params.add(header.get(i).replace("Param: ", "") + "=" + fields.get(i));
			}
		}
		return String.join(", ", params);
	}

	/** Splits one CSV line; JMH quotes text fields and never puts quotes inside them. */
	static List<String> fields(String line) {
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (char c : line.toCharArray()) {
			if (c == '"') {
				quoted = !quoted;
			}
			else if (c == ',' && !quoted) {
				fields.add(field.toString());
				field.setLength(0);
			}
			else {
				field.append(c);
			}
		}
		fields.add(field.toString());
		return fields;
	}

	private static String shortName(String benchmark) {
		String[] parts = benchmark.split("\\.");
		int start = 0;
		for (int i = 0; i < parts.length; i++) {
			if (!parts[i].isEmpty() && Character.isUpperCase(parts[i].charAt(0))) {
				start = i;
				break;
			}
		}
		return String.join(".", List.of(parts).subList(start, parts.length));
	}

	private static double parseOrNaN(String value) {
		try {
			return Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			return Double.NaN;
		}
	}

	private static String number(double value) {
		if (Double.isNaN(value)) {
			return "-";
		}
		if (Math.abs(value) < 0.01) {
			return "≈ 0";
		}
		if (Math.abs(value) >= 100) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		return String.format(Locale.ROOT, "%.2f", value);
	}

	private static final class Row {

		private final String benchmark;

		private final String params;

		private final int threads;

		private final double score;

		private final double error;

		private @Nullable Double bytesPerOp;

		Row(String benchmark, String params, int threads, double score, double error) {
			this.benchmark = benchmark;
			this.params = params;
			this.threads = threads;
			this.score = score;
			this.error = error;
		}

	}

}
