package io.github.servermanager.benchmarks.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one fleet run looks like.
 *
 * @param clients how many client applications
 * @param servers how many backends
 * @param window how long requests are sent and connections counted
 * @param minReuse the starter's {@code min-reuse}
 * @param requestEvery the pause between two requests of a client
 * @param retry whether Spring Cloud LoadBalancer retries a failed request on another
 * instance
 * @param ping the starter's {@code ping}
 * @param maxIdle the starter's {@code connection-max-idle-time}, or {@code null} for its
 * default (a quarter of {@code min-reuse})
 */
public record FleetSettings(int clients, int servers, Duration window, Duration minReuse, Duration requestEvery,
		boolean retry, String ping, @Nullable Duration maxIdle) {

	/**
	 * The default run: 20 clients of 5 servers for 30 s, min-reuse 2 s, a request every
	 * 100 ms per client, retry off, HTTP pings, the starter's default idle bound.
	 * @return the settings
	 */
	public static FleetSettings defaults() {
		return new FleetSettings(20, 5, Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofMillis(100), false,
				"http", null);
	}

	/**
	 * Returns the idle bound the starter's clients get.
	 * @return the configured bound, else a quarter of {@code min-reuse}
	 */
	public Duration effectiveMaxIdle() {
		return (this.maxIdle != null) ? this.maxIdle : this.minReuse.dividedBy(4);
	}

	/**
	 * Returns the properties every client of the fleet gets, whatever its balancer and
	 * library.
	 * @return {@code key=value} pairs
	 */
	List<String> clientProperties() {
		List<String> properties = new ArrayList<>();
		properties.add("server-manager.min-reuse=" + this.minReuse.toMillis() + "ms");
		properties.add("server-manager.cluster-size=" + this.clients);
		properties.add("server-manager.ping=" + this.ping);
		if (this.maxIdle != null) {
			properties.add("server-manager.connection-max-idle-time=" + this.maxIdle.toMillis() + "ms");
		}
		properties.add("spring.cloud.loadbalancer.retry.enabled=" + this.retry);
		return properties;
	}

}
