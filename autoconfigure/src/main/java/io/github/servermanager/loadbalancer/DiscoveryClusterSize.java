package io.github.servermanager.loadbalancer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * The seed's cluster size, counted in discovery: how many instances of this application
 * are registered, at least 1. The count is cached and renewed at most once per
 * {@code maxAge}, on threads that pull membership, so reading it never calls discovery.
 */
public class DiscoveryClusterSize implements IntSupplier {

	private static final Log logger = LogFactory.getLog(DiscoveryClusterSize.class);

	private final @Nullable DiscoveryClient discoveryClient;

	private final @Nullable String applicationName;

	private final long maxAgeNanos;

	private final AtomicInteger size = new AtomicInteger(1);

	private final AtomicLong countedAt = new AtomicLong();

	private volatile boolean counted;

	/**
	 * Creates a cluster size.
	 * @param discoveryClient where to count, or {@code null} when there is no blocking
	 * discovery client (the size is then 1)
	 * @param applicationName this application's {@code spring.application.name}, or
	 * {@code null} when unset (the size is then 1)
	 * @param maxAge how long a count stays fresh
	 */
	public DiscoveryClusterSize(@Nullable DiscoveryClient discoveryClient, @Nullable String applicationName,
			Duration maxAge) {
		this.discoveryClient = discoveryClient;
		this.applicationName = applicationName;
		this.maxAgeNanos = maxAge.toNanos();
	}

	@Override
	public int getAsInt() {
		return this.size.get();
	}

	/**
	 * Counts again when the last count is older than the maximum age. Calls discovery:
	 * keep it off request threads.
	 */
	public void refreshIfStale() {
		long now = System.nanoTime();
		long last = this.countedAt.get();
		if (this.counted && now - last < this.maxAgeNanos) {
			return;
		}
		if (!this.countedAt.compareAndSet(last, now)) {
			return;
		}
		this.counted = true;
		this.size.set(count());
	}

	private int count() {
		if (this.discoveryClient == null || this.applicationName == null) {
			return 1;
		}
		try {
			List<ServiceInstance> instances = this.discoveryClient.getInstances(this.applicationName);
			return Math.max(1, instances.size());
		}
		catch (RuntimeException ex) {
			logger.debug("Counting the instances of '" + this.applicationName + "' failed", ex);
			return Math.max(1, this.size.get());
		}
	}

}
