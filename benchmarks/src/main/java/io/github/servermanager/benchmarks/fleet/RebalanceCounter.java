package io.github.servermanager.benchmarks.fleet;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.servermanager.core.RebalanceOutcome;
import io.github.servermanager.core.RebalanceResult;
import io.github.servermanager.service.ServerManagerObserver;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Counts the rebalances of one client application, the pings they sent and how many moved
 * the front to another server, so that the fleet can say how many connections each
 * rebalance cost the backends and what they went to.
 */
public final class RebalanceCounter implements ServerManagerObserver {

	private final AtomicLong rebalances = new AtomicLong();

	private final AtomicLong pings = new AtomicLong();

	private final AtomicLong frontMoves = new AtomicLong();

	private final AtomicLong frontsCompared = new AtomicLong();

	private final Map<String, String> fronts = new ConcurrentHashMap<>();

	@Override
	public void rebalanced(String serviceId, RebalanceResult<ServiceInstance> result) {
		this.rebalances.incrementAndGet();
		this.pings.addAndGet(result.pings());
		ServiceInstance chosen = result.chosen();
		if (result.outcome() == RebalanceOutcome.HEALTHY && chosen != null) {
			String front = chosen.getHost() + ":" + chosen.getPort();
			String previous = this.fronts.put(serviceId, front);
			if (previous != null) {
				this.frontsCompared.incrementAndGet();
				if (!previous.equals(front)) {
					this.frontMoves.incrementAndGet();
				}
			}
		}
	}

	/**
	 * Returns the rebalances so far.
	 * @return the count, every service together
	 */
	public long rebalances() {
		return this.rebalances.get();
	}

	/**
	 * Returns the pings the rebalances sent so far.
	 * @return the count, every service together
	 */
	public long pings() {
		return this.pings.get();
	}

	/**
	 * Returns the healthy rebalances so far that put another server in front than the
	 * previous healthy rebalance of the service did.
	 * @return the count, every service together
	 */
	public long frontMoves() {
		return this.frontMoves.get();
	}

	/**
	 * Returns the healthy rebalances so far that had a previous healthy rebalance of the
	 * service to compare with (all but each service's first).
	 * @return the count, every service together
	 */
	public long frontsCompared() {
		return this.frontsCompared.get();
	}

}
