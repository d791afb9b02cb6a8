package io.github.servermanager.benchmarks.simulator;

import java.time.Duration;

/**
 * One server of the aperture simulation stops for good: from {@code at} on it refuses
 * requests and pings at once. A client reports each failed request with
 * {@code rotateFailedServer}; with {@code retry} it sends the request once more, to the
 * next server of its request order (round robin: the next position).
 *
 * @param server the index of the server that stops
 * @param at when it stops, counted from the start of the measured part
 * @param retry whether a failed request is retried once
 */
public record ServerStop(int server, Duration at, boolean retry) {

	/**
	 * Returns the stop of the simulation's tables: the first server, 2 intervals and 67
	 * seconds into the measured part (off the 2-minute boundaries at which the aperture
	 * moves).
	 * @param retry whether a failed request is retried once
	 * @return the stop
	 */
	public static ServerStop midRun(boolean retry) {
		return new ServerStop(0, Duration.ofSeconds(307), retry);
	}

}
