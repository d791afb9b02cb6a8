package io.github.servermanager.actuate;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.github.servermanager.core.RebalanceResult;
import io.github.servermanager.service.FailureReason;
import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.ServerManagerObserver;
import io.github.servermanager.service.ServerManagerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Micrometer meters of every managed service, tagged {@code service} and
 * {@code serviceId} (both the service id). Meters of a service are registered when its
 * manager joins the {@link ServerManagerRegistry} (services start lazily, long after
 * binding) and removed when it leaves, so a service that goes away leaves no meter
 * behind. Both that and the events counted come through {@link ServerManagerObserver}.
 */
public class ServerManagerMetrics implements MeterBinder, ServerManagerObserver {

	/** Gauge: servers known, healthy or not. */
	public static final String SERVERS = "server.manager.servers";

	/**
	 * Gauge: 1 when the front server is in the client's zone, 0 when the client failed
	 * over to another zone; only for services that prefer a zone.
	 */
	public static final String IN_LOCAL_ZONE = "server.manager.zone.local";

	/**
	 * Gauge: servers that share the requests, 1 for a single front (and with the random
	 * selection or an unknown rank), more when an aperture spreads them, 0 without
	 * servers.
	 */
	public static final String APERTURE_SERVERS = "server.manager.aperture.servers";

	/** Gauge: 1 when offline, else 0. */
	public static final String OFFLINE = "server.manager.offline";

	/** Counter of rebalances, tagged {@code outcome}. */
	public static final String REBALANCES = "server.manager.rebalances";

	/** Counter of failovers, tagged {@code reason}. */
	public static final String FAILOVERS = "server.manager.failovers";

	/** Counter of failure reports that matched none of the service's servers. */
	public static final String UNMATCHED_FAILURES = "server.manager.failures.unmatched";

	/** Timer of pings, tagged {@code outcome}. */
	public static final String PINGS = "server.manager.pings";

	/** Gauge: the current rebalance interval, in seconds. */
	public static final String REBALANCE_INTERVAL = "server.manager.rebalance.interval";

	static final String SERVICE_TAG = "service";

	/**
	 * The same service id under the tag name Spring Cloud LoadBalancer's own
	 * {@code loadbalancer.requests.*} meters use, so that one query joins both.
	 */
	static final String SERVICE_ID_TAG = "serviceId";

	static final String OUTCOME_TAG = "outcome";

	static final String REASON_TAG = "reason";

	private final ServerManagerRegistry registry;

	private final List<BoundRegistry> bound = new CopyOnWriteArrayList<>();

	/**
	 * Creates the binder.
	 * @param registry the managed services
	 */
	public ServerManagerMetrics(ServerManagerRegistry registry) {
		this.registry = Objects.requireNonNull(registry, "registry must not be null");
	}

	@Override
	public void bindTo(MeterRegistry meterRegistry) {
		BoundRegistry target = new BoundRegistry(meterRegistry);
		this.bound.add(target);
		// As a bean the registry already tells this binder of services; built by hand it
		// must subscribe. The registry tells each observer once either way.
		this.registry.addObserver(this);
		this.registry.services().forEach(target::add);
	}

	@Override
	public void added(ManagedService service) {
		this.bound.forEach((target) -> target.add(service));
	}

	@Override
	public void removed(ManagedService service) {
		this.bound.forEach((target) -> target.remove(service));
	}

	@Override
	public void rebalanced(String serviceId, RebalanceResult<ServiceInstance> result) {
		forEachMeters(serviceId, (meters) -> meters.rebalanced(result.outcome()));
	}

	@Override
	public void failedOver(String serviceId, ServiceInstance failed, FailureReason reason) {
		forEachMeters(serviceId, (meters) -> meters.failedOver(reason));
	}

	@Override
	public void unmatchedFailure(String serviceId, ServiceInstance reported, FailureReason reason) {
		forEachMeters(serviceId, ServiceMeters::unmatchedFailure);
	}

	@Override
	public void pinged(String serviceId, ServiceInstance instance, boolean healthy, long nanos) {
		forEachMeters(serviceId, (meters) -> meters.pinged(healthy, nanos));
	}

	private void forEachMeters(String serviceId, Consumer<ServiceMeters> action) {
		for (BoundRegistry target : this.bound) {
			ServiceMeters meters = target.meters.get(serviceId);
			if (meters != null) {
				action.accept(meters);
			}
		}
	}

	/** The meters of every service in one meter registry. */
	private final class BoundRegistry {

		private final MeterRegistry meterRegistry;

		private final Map<String, ServiceMeters> meters = new ConcurrentHashMap<>();

		BoundRegistry(MeterRegistry meterRegistry) {
			this.meterRegistry = meterRegistry;
		}

		/**
		 * Registers the meters of a service once, replacing those of an earlier manager
		 * of the same service id. A service no longer in the registry gets none: this
		 * call may come from a snapshot taken before it left, and its removal notice may
		 * already have passed. Per-key locking of the map orders this against
		 * {@link #remove}.
		 */
		void add(ManagedService service) {
			this.meters.compute(service.serviceId(), (serviceId, existing) -> {
				if (existing != null && existing.service() == service) {
					return existing;
				}
				if (!isRegistered(service)) {
					return existing;
				}
				if (existing != null) {
					existing.removeFrom(this.meterRegistry);
				}
				return ServiceMeters.register(service, this.meterRegistry);
			});
		}

		void remove(ManagedService service) {
			this.meters.computeIfPresent(service.serviceId(), (serviceId, existing) -> {
				if (existing.service() != service) {
					return existing;
				}
				existing.removeFrom(this.meterRegistry);
				return null;
			});
		}

		private boolean isRegistered(ManagedService service) {
			return ServerManagerMetrics.this.registry.find(service.serviceId()).orElse(null) == service;
		}

	}

}
