package io.github.servermanager.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.servermanager.core.ClientRank;
import io.github.servermanager.discovery.ServiceInstanceKeys;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * This application's rank among the instances of its {@code spring.application.name} in
 * discovery, sorted by key: every instance computes the same ranking, so the
 * deterministic aperture needs no coordination. With a zone, only the instances of that
 * zone are ranked, since those are the clients that share the zone's servers.
 * <p>
 * The rank is cached and renewed at most once per {@code maxAge}, on the threads that
 * pull membership; reading it never calls discovery.
 */
public class DiscoveryClientRank implements Supplier<@Nullable ClientRank> {

	private static final Log logger = LogFactory.getLog(DiscoveryClientRank.class);

	/**
	 * Ranks at most once a second: every membership pull looks again, so that a caller
	 * that joined or left moves the slices as soon as discovery reports it, while the
	 * pulls of several services at once ask discovery once.
	 */
	public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(1);

	private final @Nullable DiscoveryClient discoveryClient;

	private final @Nullable String applicationName;

	private final Predicate<ServiceInstance> self;

	private final @Nullable String zone;

	private final long maxAgeNanos;

	/** Held while discovery is asked, so that concurrent callers wait for its answer. */
	private final Object ranking = new Object();

	private volatile long rankedAt;

	private volatile boolean ranked;

	private volatile @Nullable ClientRank rank;

	/**
	 * Creates a rank.
	 * @param discoveryClient where to look, or {@code null} when there is none (the rank
	 * is then unknown)
	 * @param applicationName this application's name, or {@code null} when unset (the
	 * rank is then unknown)
	 * @param self recognizes this application's own instance
	 * @param zone this application's zone, or {@code null} to rank among all instances
	 * @param maxAge how long a rank stays fresh
	 */
	public DiscoveryClientRank(@Nullable DiscoveryClient discoveryClient, @Nullable String applicationName,
			Predicate<ServiceInstance> self, @Nullable String zone, Duration maxAge) {
		this.discoveryClient = discoveryClient;
		this.applicationName = applicationName;
		this.self = self;
		this.zone = (zone != null) ? zone.trim().toLowerCase(Locale.ROOT) : null;
		this.maxAgeNanos = maxAge.toNanos();
	}

	/**
	 * Returns the rank last computed.
	 * @return the rank, or {@code null} when this application was not found among its
	 * instances
	 */
	@Override
	public @Nullable ClientRank get() {
		return this.rank;
	}

	/**
	 * Ranks again when the last ranking is older than the maximum age. Calls discovery:
	 * keep it off request threads. A caller that finds a ranking under way waits for it,
	 * so that no thread orders servers without the rank while it is being found.
	 */
	public void refreshIfStale() {
		if (isFresh()) {
			return;
		}
		synchronized (this.ranking) {
			if (isFresh()) {
				return;
			}
			this.rank = rank();
			this.rankedAt = System.nanoTime();
			this.ranked = true;
		}
	}

	private boolean isFresh() {
		return this.ranked && System.nanoTime() - this.rankedAt < this.maxAgeNanos;
	}

	private @Nullable ClientRank rank() {
		if (this.discoveryClient == null || this.applicationName == null) {
			return null;
		}
		try {
			List<ServiceInstance> peers = this.discoveryClient.getInstances(this.applicationName)
				.stream()
				.filter(this::inZone)
				.sorted((a, b) -> ServiceInstanceKeys.keyOf(a).compareTo(ServiceInstanceKeys.keyOf(b)))
				.toList();
			for (int i = 0; i < peers.size(); i++) {
				if (this.self.test(peers.get(i))) {
					return new ClientRank(i, peers.size());
				}
			}
			return null;
		}
		catch (RuntimeException ex) {
			logger.debug("Ranking among the instances of '" + this.applicationName + "' failed", ex);
			return this.rank;
		}
	}

	private boolean inZone(ServiceInstance instance) {
		if (this.zone == null) {
			return true;
		}
		String instanceZone = ServiceInstanceZones.zoneOf(instance);
		return instanceZone != null && this.zone.equals(instanceZone.trim().toLowerCase(Locale.ROOT));
	}

}
