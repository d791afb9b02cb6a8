package io.github.servermanager.benchmarks.failover;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.servermanager.benchmarks.clientapp.Balancer;

/**
 * Runs every fault under both balancers, with retry off and on, and prints one table.
 * <p>
 * For each fault and retry setting, the two client applications run at the same time,
 * each against its own three backends, so that both see the same machine.
 * <p>
 * Arguments: {@code [--rate N] [--seconds N] [--fault-at N]}, defaults 20 requests per
 * second for 40 s with the fault at 10 s: long enough for Spring's health check (every 25
 * s) to act.
 */
public final class FailoverComparisonMain {

	private FailoverComparisonMain() {
	}

	public static void main(String[] args) throws Exception {
		int rate = 20;
		int seconds = 40;
		int faultAt = 10;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--rate" -> rate = Integer.parseInt(value(args, ++i));
				case "--seconds" -> seconds = Integer.parseInt(value(args, ++i));
				case "--fault-at" -> faultAt = Integer.parseInt(value(args, ++i));
				default -> throw new IllegalArgumentException(
						"Unknown argument '" + args[i] + "': use [--rate N] [--seconds N] [--fault-at N]");
			}
		}
		LoadPlan plan = new LoadPlan(rate, Duration.ofSeconds(seconds), Duration.ofSeconds(faultAt));
		PrintStream out = System.out;
		List<TrialResult> results = new ArrayList<>();
		ExecutorService runner = Executors.newFixedThreadPool(Balancer.values().length);
		try {
			for (Fault fault : Fault.values()) {
				for (Retry retry : Retry.values()) {
					if (retry == Retry.ON_503_RETRYABLE && fault != Fault.ANSWER_503) {
						continue;
					}
					List<TrialResult> pair = runPair(fault, retry, plan, runner);
					pair.forEach((result) -> out.println("ran " + row(result)));
					results.addAll(pair);
				}
			}
		}
		finally {
			runner.shutdownNow();
		}
		out.printf(Locale.ROOT, "%n%d requests per second for %d s per client, fault at %d s; read timeout 1 s%n%n",
				rate, seconds, faultAt);
		out.println(table(results));
		System.exit(0);
	}

	private static List<TrialResult> runPair(Fault fault, Retry retry, LoadPlan plan, ExecutorService runner)
			throws Exception {
		List<FailoverTrial> trials = new ArrayList<>();
		try {
			for (Balancer balancer : Balancer.values()) {
				trials.add(FailoverTrial.start(fault, retry, balancer));
			}
			for (FailoverTrial trial : trials) {
				trial.warmUp(20);
			}
			List<Future<TrialResult>> running = new ArrayList<>();
			for (FailoverTrial trial : trials) {
				running.add(runner.submit(() -> trial.run(plan)));
			}
			List<TrialResult> results = new ArrayList<>();
			for (Future<TrialResult> result : running) {
				results.add(result.get());
			}
			return results;
		}
		finally {
			trials.forEach(FailoverTrial::close);
		}
	}

	static String table(List<TrialResult> results) {
		StringBuilder table = new StringBuilder();
		table.append("| fault | retry | balancer | requests | failed | p50 ms | p99 ms "
				+ "| attempts to the bad backend after the fault | last one after the fault |\n");
		table.append("|---|---|---|---|---|---|---|---|---|\n");
		for (TrialResult result : results) {
			table.append("| ").append(row(result)).append(" |\n");
		}
		return table.toString();
	}

	private static String row(TrialResult result) {
		String last;
		if (result.lastAttemptToBadBackend() == null) {
			last = "none";
		}
		else if (result.stillAtEnd()) {
			last = "still at the end of the run";
		}
		else {
			last = String.format(Locale.ROOT, "%.1f s", result.lastAttemptToBadBackend().toMillis() / 1000.0);
		}
		String balancer = (result.balancer() == Balancer.SPRING_ROUND_ROBIN)
				? result.balancer().label() + " + health check" : result.balancer().label();
		return String.join(" | ", result.fault().label(), result.retry().label(), balancer,
				String.valueOf(result.requests()), String.valueOf(result.failed()), millis(result.p50()),
				millis(result.p99()), String.valueOf(result.attemptsToBadBackend()), last);
	}

	private static String millis(Duration duration) {
		return String.format(Locale.ROOT, "%.1f", duration.toNanos() / 1e6);
	}

	private static String value(String[] args, int index) {
		if (index >= args.length) {
			throw new IllegalArgumentException("Argument '" + args[index - 1] + "' needs a value");
		}
		return args[index];
	}

}
