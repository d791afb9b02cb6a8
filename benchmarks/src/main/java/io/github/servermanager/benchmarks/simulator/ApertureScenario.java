package io.github.servermanager.benchmarks.simulator;

import java.time.Duration;
import java.util.Locale;

/**
 * A fleet of clients calling a set of servers at a steady rate, for the aperture
 * simulation.
 * <p>
 * The clients join at random times over the first interval of the warm-up, so that the
 * random fronts rebalance at spread times by the time the measured part starts; the
 * measured part then lasts {@code intervals} rebalance intervals. Every client sends
 * {@code requestsPerSecond} requests per second, one every {@code 1 s /
 * requestsPerSecond}.
 *
 * @param clients how many clients share the servers
 * @param servers how many servers there are
 * @param requestsPerSecond requests each client sends per second
 * @param warmUp how long the fleet runs before it is measured
 * @param intervals how many rebalance intervals are measured
 */
public record ApertureScenario(int clients, int servers, int requestsPerSecond, Duration warmUp, int intervals) {

	/** Each server receives at least this many requests per second, on average. */
	static final int REQUESTS_PER_SERVER_PER_SECOND = 100;

	/** Two intervals of warm-up: the random fronts join over the first. */
	private static final Duration WARM_UP = Duration.ofMinutes(4);

	private static final int MEASURED_INTERVALS = 5;

	public ApertureScenario {
		if (clients < 1 || servers < 1 || requestsPerSecond < 1 || intervals < 1) {
			throw new IllegalArgumentException("clients, servers, requestsPerSecond and intervals must be positive");
		}
		if (warmUp.isNegative()) {
			throw new IllegalArgumentException("warmUp must not be negative, but was " + warmUp);
		}
	}

	/**
	 * Returns a fleet in which every client sends just enough requests for each server to
	 * receive {@value #REQUESTS_PER_SERVER_PER_SECOND} per second (at least one per
	 * second per client), measured over 5 intervals after 4 minutes of warm-up.
	 * @param clients how many clients
	 * @param servers how many servers
	 * @return the scenario
	 */
	public static ApertureScenario of(int clients, int servers) {
		long perServer = (long) REQUESTS_PER_SERVER_PER_SECOND * servers;
		int rate = (int) Math.max(1, (perServer + clients - 1) / clients);
		return new ApertureScenario(clients, servers, rate, WARM_UP, MEASURED_INTERVALS);
	}

	/**
	 * Returns the time between two requests of one client.
	 * @return the request period in nanoseconds
	 */
	public long requestPeriodNanos() {
		return Duration.ofSeconds(1).toNanos() / this.requestsPerSecond;
	}

	/**
	 * Returns how tables name the fleet.
	 * @return clients / servers
	 */
	public String size() {
		return String.format(Locale.ROOT, "%,d / %d", this.clients, this.servers);
	}

}
