package io.github.servermanager.benchmarks.failover;

import java.time.Duration;

/**
 * How a run sends its requests: at a fixed rate, whatever the answers, for a fixed time,
 * with the fault injected part way.
 *
 * @param requestsPerSecond the rate
 * @param duration how long requests are sent
 * @param faultAt when the fault is injected, from the first request
 */
public record LoadPlan(int requestsPerSecond, Duration duration, Duration faultAt) {

	public LoadPlan {
		if (requestsPerSecond < 1) {
			throw new IllegalArgumentException("requestsPerSecond must be at least 1, but was " + requestsPerSecond);
		}
		if (faultAt.isNegative() || faultAt.compareTo(duration) >= 0) {
			throw new IllegalArgumentException(
					"faultAt must lie within the duration (" + duration + "), but was " + faultAt);
		}
	}

}
