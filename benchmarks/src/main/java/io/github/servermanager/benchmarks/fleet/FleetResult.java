package io.github.servermanager.benchmarks.fleet;

import java.util.List;

import io.github.servermanager.benchmarks.clientapp.Balancer;

/**
 * What one fleet did during its window.
 *
 * @param balancer the balancer of every client
 * @param library the HTTP client library of every client
 * @param settings the run
 * @param samples the backends' counts, about once a second
 * @param requests requests that got an answer
 * @param failed requests that ended in an error
 * @param rebalances rebalances of all the clients together (none under round robin)
 * @param pings the pings those rebalances sent
 * @param frontMoves those rebalances that put another server in front
 * @param frontsCompared those rebalances whose client had rebalanced before, so that a
 * move could be told
 */
public record FleetResult(Balancer balancer, ClientLibrary library, FleetSettings settings, List<FleetSample> samples,
		long requests, long failed, long rebalances, long pings, long frontMoves, long frontsCompared) {

	/**
	 * A result without the breakdown of its rebalances.
	 * @param balancer the balancer of every client
	 * @param library the HTTP client library of every client
	 * @param settings the run
	 * @param samples the backends' counts, about once a second
	 * @param requests requests that got an answer
	 * @param failed requests that ended in an error
	 * @param rebalances rebalances of all the clients together
	 */
	public FleetResult(Balancer balancer, ClientLibrary library, FleetSettings settings, List<FleetSample> samples,
			long requests, long failed, long rebalances) {
		this(balancer, library, settings, samples, requests, failed, rebalances, 0, 0, 0);
	}

	/**
	 * Returns the mean number of connections the backends held over the second half of
	 * the window, once every client has rebalanced a few times.
	 * @return the mean, all backends together
	 */
	public double meanOpen() {
		double half = this.settings.window().toMillis() / 2000.0;
		return this.samples.stream()
			.filter((sample) -> sample.second() >= half)
			.mapToInt(FleetSample::open)
			.average()
			.orElse(0);
	}

	/**
	 * Returns the most connections the backends held at once.
	 * @return the peak, all backends together
	 */
	public int peakOpen() {
		return this.samples.stream().mapToInt(FleetSample::open).max().orElse(0);
	}

	/**
	 * Returns the connections held at the end of the window.
	 * @return the count, all backends together
	 */
	public int finalOpen() {
		return this.samples.isEmpty() ? 0 : this.samples.get(this.samples.size() - 1).open();
	}

	/**
	 * Returns how many connections each backend accepted per second, on average.
	 * @return new connections per second per server
	 */
	public double acceptedPerSecondPerServer() {
		if (this.samples.isEmpty()) {
			return 0;
		}
		FleetSample last = this.samples.get(this.samples.size() - 1);
		return last.accepted() / Math.max(last.second(), 1e-3) / this.settings.servers();
	}

	/**
	 * Returns how many connections the backends accepted per rebalance of a client, pings
	 * included: the figure Consul's scheme bounds by one.
	 * @return new connections per rebalance, or NaN when no client rebalanced
	 */
	public double acceptedPerRebalance() {
		if (this.samples.isEmpty() || this.rebalances == 0) {
			return Double.NaN;
		}
		return (double) this.samples.get(this.samples.size() - 1).accepted() / this.rebalances;
	}

	/**
	 * Returns how many pings a rebalance sent, on average: each on a connection of its
	 * own.
	 * @return pings per rebalance, or NaN when no client rebalanced
	 */
	public double pingsPerRebalance() {
		return (this.rebalances == 0) ? Double.NaN : (double) this.pings / this.rebalances;
	}

	/**
	 * Returns the share of rebalances that put another server in front, the ones after
	 * which requests need a new connection.
	 * @return between 0 and 1, or NaN when no move could be told
	 */
	public double frontMoveShare() {
		return (this.frontsCompared == 0) ? Double.NaN : (double) this.frontMoves / this.frontsCompared;
	}

}
