package io.github.servermanager.discovery;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * The seed's cluster size, counted in discovery, two ways:
 * <ul>
 * <li>{@link #allInstances()}: every instance of every service, each distinct host and
 * port once. That is what Consul counts (the nodes of the cluster, every one of them a
 * possible client), and it includes callers that do not share this application's name;
 * counting servers and other services too errs on the side of rebalancing less
 * often.</li>
 * <li>{@link #thisApplication()}: the instances of this application's
 * {@code spring.application.name}, which is right only when this application is the
 * services' sole caller.</li>
 * </ul>
 * Each count is cached and renewed at most once per {@code maxAge}, on threads that pull
 * membership, so reading it never calls discovery. A count is at least 1.
 */
public class DiscoveryClusterSize {

	private static final Log logger = LogFactory.getLog(DiscoveryClusterSize.class);

	private final CachedCount allInstances;

	private final CachedCount thisApplication;

	/**
	 * How long a count stays fresh: cluster sizes change slowly, and counting is a call.
	 */
	public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(5);

	/**
	 * Creates the counts.
	 * @param discoveryClient where to count, or {@code null} when there is no blocking
	 * discovery client (the sizes are then 1)
	 * @param applicationName this application's {@code spring.application.name}, or
	 * {@code null} when unset (the size of this application is then 1)
	 * @param maxAge how long a count stays fresh
	 */
	public DiscoveryClusterSize(@Nullable DiscoveryClient discoveryClient, @Nullable String applicationName,
			Duration maxAge) {
		this.allInstances = new CachedCount("every instance in discovery", discoveryClient,
				DiscoveryClusterSize::countAllInstances, maxAge);
		this.thisApplication = new CachedCount("the instances of '" + applicationName + "'",
				(applicationName != null) ? discoveryClient : null,
				(client) -> client.getInstances(applicationName).size(), maxAge);
	}

	/**
	 * Returns the count of every instance in discovery, by distinct host and port.
	 * @return the count
	 */
	public CachedCount allInstances() {
		return this.allInstances;
	}

	/**
	 * Returns the count of this application's instances.
	 * @return the count
	 */
	public CachedCount thisApplication() {
		return this.thisApplication;
	}

	private static int countAllInstances(DiscoveryClient client) {
		Set<String> addresses = new HashSet<>();
		for (String serviceId : client.getServices()) {
			List<ServiceInstance> instances = client.getInstances(serviceId);
			for (ServiceInstance instance : instances) {
				addresses.add(instance.getHost() + ":" + instance.getPort());
			}
		}
		return addresses.size();
	}

	/**
	 * One count in discovery, cached: reading it is a volatile read, renewing it calls
	 * discovery.
	 */
	public static final class CachedCount implements IntSupplier {

		private final String what;

		private final @Nullable DiscoveryClient discoveryClient;

		private final ToIntFunction<DiscoveryClient> counter;

		private final long maxAgeNanos;

		private final AtomicInteger size = new AtomicInteger(1);

		private final AtomicLong countedAt = new AtomicLong();

		private volatile boolean counted;

		CachedCount(String what, @Nullable DiscoveryClient discoveryClient, ToIntFunction<DiscoveryClient> counter,
				Duration maxAge) {
			this.what = what;
			this.discoveryClient = discoveryClient;
			this.counter = counter;
			this.maxAgeNanos = maxAge.toNanos();
		}

		@Override
		public int getAsInt() {
			return this.size.get();
		}

		/**
		 * Counts again when the last count is older than the maximum age. Calls
		 * discovery: keep it off request threads.
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
			if (this.discoveryClient == null) {
				return 1;
			}
			try {
				return Math.max(1, this.counter.applyAsInt(this.discoveryClient));
			}
			catch (RuntimeException ex) {
				logger.debug("Counting " + this.what + " failed, keeping " + this.size.get(), ex);
				return Math.max(1, this.size.get());
			}
		}

	}

}
