package io.github.servermanager.benchmarks.simulator;

import java.util.Arrays;

/**
 * Counts the requests each server answered in each second of the measured part, and says
 * how far the busiest server was above its fair share.
 */
final class RequestLoad {

	private final int servers;

	private final int seconds;

	private final long[] answered;

	/**
	 * Creates empty counts.
	 * @param servers how many servers
	 * @param seconds how many seconds are measured
	 */
	RequestLoad(int servers, int seconds) {
		this.servers = servers;
		this.seconds = seconds;
		this.answered = new long[servers * seconds];
	}

	/**
	 * Counts one answered request.
	 * @param second the second of the measured part, from 0
	 * @param server the server's index
	 */
	void answered(int second, int server) {
		this.answered[second * this.servers + server]++;
	}

	/**
	 * Returns the busiest server's requests over the fair share, in each window of whole
	 * seconds from {@code fromSecond} to the end; the fair share is the requests of the
	 * window over the servers counted.
	 * @param fromSecond the first second counted
	 * @param windowSeconds the length of a window; the last window may be shorter
	 * @param excluded a server left out of the count (a stopped one), or -1
	 * @return the mean over the windows and the worst window
	 */
	Busiest busiest(int fromSecond, int windowSeconds, int excluded) {
		double sum = 0;
		double worst = 0;
		int windows = 0;
		long[] window = new long[this.servers];
		for (int start = fromSecond; start < this.seconds; start += windowSeconds) {
			Arrays.fill(window, 0);
			int end = Math.min(this.seconds, start + windowSeconds);
			for (int second = start; second < end; second++) {
				for (int server = 0; server < this.servers; server++) {
					window[server] += this.answered[second * this.servers + server];
				}
			}
			double share = busiestShare(window, excluded);
			sum += share;
			worst = Math.max(worst, share);
			windows++;
		}
		return new Busiest((windows == 0) ? 0 : sum / windows, worst);
	}

	private double busiestShare(long[] requests, int excluded) {
		long busiest = 0;
		long total = 0;
		int counted = 0;
		for (int server = 0; server < requests.length; server++) {
			if (server == excluded) {
				continue;
			}
			busiest = Math.max(busiest, requests[server]);
			total += requests[server];
			counted++;
		}
		return (total == 0) ? 0 : busiest * (double) counted / total;
	}

	/**
	 * The busiest server over its fair share.
	 *
	 * @param mean averaged over the windows
	 * @param worst in the worst window
	 */
	record Busiest(double mean, double worst) {

	}

}
