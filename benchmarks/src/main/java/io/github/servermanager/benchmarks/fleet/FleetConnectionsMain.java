package io.github.servermanager.benchmarks.fleet;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.servermanager.benchmarks.clientapp.Balancer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

/**
 * Runs a fleet under the server manager and one under Spring's round robin at the same
 * time, each against its own backends, for each client library, and prints the table of
 * connections held and a chart of them over time.
 * <p>
 * Arguments: {@code [--clients N] [--servers N] [--seconds N] [--min-reuse 2s]
 * [--request-every 100ms] [--retry on|off] [--ping tcp|http|none] [--max-idle 500ms]
 * [--libraries reactor-netty,http-components,jdk]}; without {@code --max-idle} the
 * starter's default idle bound applies (a quarter of {@code min-reuse}).
 */
public final class FleetConnectionsMain {

	private FleetConnectionsMain() {
	}

	public static void main(String[] args) throws Exception {
		FleetSettings defaults = FleetSettings.defaults();
		int clients = defaults.clients();
		int servers = defaults.servers();
		long seconds = defaults.window().toSeconds();
		String minReuse = "2s";
		String requestEvery = "100ms";
		boolean retry = defaults.retry();
		String ping = defaults.ping();
		@Nullable String maxIdle = null;
		List<ClientLibrary> libraries = List.of(ClientLibrary.values());
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--clients" -> clients = Integer.parseInt(value(args, ++i));
				case "--servers" -> servers = Integer.parseInt(value(args, ++i));
				case "--seconds" -> seconds = Long.parseLong(value(args, ++i));
				case "--min-reuse" -> minReuse = value(args, ++i);
				case "--request-every" -> requestEvery = value(args, ++i);
				case "--retry" -> retry = "on".equals(value(args, ++i));
				case "--ping" -> ping = value(args, ++i);
				case "--max-idle" -> maxIdle = value(args, ++i);
				case "--libraries" ->
					libraries = Arrays.stream(value(args, ++i).split(",")).map(ClientLibrary::parse).toList();
				default -> throw new IllegalArgumentException("Unknown argument '" + args[i] + "'");
			}
		}
		FleetSettings settings = new FleetSettings(clients, servers, java.time.Duration.ofSeconds(seconds),
				DurationStyle.detectAndParse(minReuse), DurationStyle.detectAndParse(requestEvery), retry, ping,
				(maxIdle != null) ? DurationStyle.detectAndParse(maxIdle) : null);
		PrintStream out = System.out;
		List<FleetResult[]> pairs = new ArrayList<>();
		for (ClientLibrary library : libraries) {
			FleetResult[] pair = runPair(library, settings);
			out.println("ran " + library.label());
			pairs.add(pair);
		}
		out.printf(Locale.ROOT,
				"%n%d clients x %d servers, %d s window, min-reuse %s, a request every %s per client, retry %s, ping %s, "
						+ "connection-max-idle-time %d ms%s, jdk.httpclient.keepalive.timeout %s%n%n",
				clients, servers, seconds, minReuse, requestEvery, retry ? "on" : "off", ping,
				settings.effectiveMaxIdle().toMillis(), (maxIdle != null) ? "" : " (default)",
				System.getProperty("jdk.httpclient.keepalive.timeout", "unset"));
		out.println(table(pairs));
		out.println(rebalanceTable(pairs));
		for (FleetResult[] pair : pairs) {
			out.println(chart(pair[0], pair[1]));
		}
		System.exit(0);
	}

	/**
	 * Runs both balancers with one library, at the same time.
	 * @param library the library
	 * @param settings the run
	 * @return the server manager's result, then round robin's
	 * @throws Exception when a fleet fails
	 */
	public static FleetResult[] runPair(ClientLibrary library, FleetSettings settings) throws Exception {
		List<Fleet> fleets = new ArrayList<>();
		ExecutorService runner = Executors.newFixedThreadPool(2);
		try {
			fleets.add(Fleet.start(Balancer.SERVER_MANAGER, library, settings));
			fleets.add(Fleet.start(Balancer.SPRING_ROUND_ROBIN, library, settings));
			List<Future<FleetResult>> running = new ArrayList<>();
			for (Fleet fleet : fleets) {
				running.add(runner.submit(fleet::run));
			}
			return new FleetResult[] { running.get(0).get(), running.get(1).get() };
		}
		finally {
			runner.shutdownNow();
			fleets.forEach(Fleet::close);
		}
	}

	static String table(List<FleetResult[]> pairs) {
		StringBuilder table = new StringBuilder();
		table.append("| client library | open connections, server manager | open, Spring round robin | ratio "
				+ "| peak, server manager | new connections /s /server, server manager | same, round robin "
				+ "| new connections per rebalance, server manager "
				+ "| requests (failed), server manager | requests (failed), round robin |\n");
		table.append("|---|---|---|---|---|---|---|---|---|---|\n");
		for (FleetResult[] pair : pairs) {
			FleetResult starter = pair[0];
			FleetResult roundRobin = pair[1];
			double ratio = (roundRobin.meanOpen() > 0) ? starter.meanOpen() / roundRobin.meanOpen() : Double.NaN;
			table.append(String.format(Locale.ROOT,
					"| %s | %.1f | %.1f | %.2f | %d | %.2f | %.2f | %.2f | %d (%d) | %d (%d) |%n",
					starter.library().label(), starter.meanOpen(), roundRobin.meanOpen(), ratio, starter.peakOpen(),
					starter.acceptedPerSecondPerServer(), roundRobin.acceptedPerSecondPerServer(),
					starter.acceptedPerRebalance(), starter.requests(), starter.failed(), roundRobin.requests(),
					roundRobin.failed()));
		}
		return table.toString();
	}

	/**
	 * Breaks the server manager's rebalances down: a ping's own connection each, and one
	 * for requests when the front moved, unless the client still had one to that server.
	 * @param pairs the results, the server manager's first in each
	 * @return the Markdown table
	 */
	static String rebalanceTable(List<FleetResult[]> pairs) {
		StringBuilder table = new StringBuilder();
		table.append("| client library | rebalances | pings per rebalance | front moved | pings + moves per rebalance "
				+ "| new connections per rebalance |\n");
		table.append("|---|---|---|---|---|---|\n");
		for (FleetResult[] pair : pairs) {
			FleetResult starter = pair[0];
			table.append(
					String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f |%n", starter.library().label(),
							starter.rebalances(), starter.pingsPerRebalance(), starter.frontMoveShare(),
							starter.pingsPerRebalance() + starter.frontMoveShare(), starter.acceptedPerRebalance()));
		}
		return table.toString();
	}

	/**
	 * Draws the connections both fleets held over time, one line every two seconds.
	 * @param starter the server manager's fleet
	 * @param roundRobin round robin's fleet
	 * @return the chart, as a fenced text block
	 */
	static String chart(FleetResult starter, FleetResult roundRobin) {
		StringBuilder chart = new StringBuilder();
		chart.append("```text\n");
		chart.append(starter.library().label()).append(": connections held over time (each # = 2)\n");
		chart.append("   t  server manager                                         Spring round robin\n");
		int samples = Math.min(starter.samples().size(), roundRobin.samples().size());
		for (int i = 1; i < samples; i += 2) {
			FleetSample mine = starter.samples().get(i);
			FleetSample theirs = roundRobin.samples().get(i);
			chart.append(String.format(Locale.ROOT, "%4.0fs %4d %-51s %4d %s%n", mine.second(), mine.open(),
					bar(mine.open()), theirs.open(), bar(theirs.open())));
		}
		chart.append("```\n");
		return chart.toString();
	}

	private static String bar(int open) {
		return "#".repeat(Math.min(open / 2, 60));
	}

	private static String value(String[] args, int index) {
		if (index >= args.length) {
			throw new IllegalArgumentException("Argument '" + args[index - 1] + "' needs a value");
		}
		return args[index];
	}

}
