package io.github.servermanager.benchmarks.fleet;

import java.util.concurrent.atomic.AtomicLong;

import io.github.servermanager.core.RebalanceResult;
import io.github.servermanager.loadbalancer.ServerManagerObserver;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Counts the rebalances of one client application, so that the fleet can say how many
 * connections each rebalance cost the backends.
 */
public final class RebalanceCounter implements ServerManagerObserver {

	private final AtomicLong rebalances = new AtomicLong();

	@Override
	public void rebalanced(String serviceId, RebalanceResult<ServiceInstance> result) {
		this.rebalances.incrementAndGet();
	}

	/**
	 * Returns the rebalances so far.
	 * @return the count, every service together
	 */
	public long rebalances() {
		return this.rebalances.get();
	}

}
