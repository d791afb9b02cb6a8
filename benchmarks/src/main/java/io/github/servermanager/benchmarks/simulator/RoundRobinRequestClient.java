package io.github.servermanager.benchmarks.simulator;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Spring's {@code RoundRobinLoadBalancer} over every server: a position from a random
 * start, one step per request, a retry included (Spring's retry chooses again). It never
 * rebalances and learns nothing from a failed request.
 */
final class RoundRobinRequestClient implements RequestClient {

	private final List<VirtualServer> servers;

	private int position;

	/**
	 * Starts a client at a position.
	 * @param servers every server, in discovery's order
	 * @param start the position before the first request
	 */
	RoundRobinRequestClient(List<VirtualServer> servers, int start) {
		this.servers = servers;
		this.position = start;
	}

	@Override
	public @Nullable Rebalanced rebalanceIfDue(long nowNanos) {
		return null;
	}

	@Override
	public VirtualServer pick() {
		return next();
	}

	@Override
	public VirtualServer retryServer() {
		return next();
	}

	@Override
	public void failed(VirtualServer server) {
		// Spring's round robin learns nothing from a failed request.
	}

	private VirtualServer next() {
		int pos = ++this.position & Integer.MAX_VALUE;
		return this.servers.get(pos % this.servers.size());
	}

}
