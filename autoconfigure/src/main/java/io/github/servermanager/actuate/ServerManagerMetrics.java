package io.github.servermanager.actuate;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.github.servermanager.core.RebalanceResult;
import io.github.servermanager.loadbalancer.FailureReason;
import io.github.servermanager.loadbalancer.ManagedService;
import io.github.servermanager.loadbalancer.ServerManagerObserver;
import io.github.servermanager.loadbalancer.ServerManagerRegistry;
import io.github.servermanager.loadbalancer.ServerManagerRegistryListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Micrometer meters of every managed service, tagged {@code service}. Meters of a service
 * are registered when its manager joins the {@link ServerManagerRegistry} (services start
 * lazily, long after binding) and removed when it leaves, so a service that goes away
 * leaves no meter behind. Events are counted as the managers report them through
 * {@link ServerManagerObserver}.
 */
public class ServerManagerMetrics implements MeterBinder, ServerManagerObserver {

	/** Gauge: servers known, healthy or not. */
	public static final String SERVERS = "server.manager.servers";

	/**
	 * Gauge: 1 when the front server is in the client's zone, 0 when the client failed
	 * over to another zone; only for services that prefer a zone.
	 */
	public static final String IN_LOCAL_ZONE = "server.manager.zone.local";

	/** Gauge: 1 when offline, else 0. */
	public static final String OFFLINE = "server.manager.offline";

	/** Counter of rebalances, tagged {@code outcome}. */
	public static final String REBALANCES = "server.manager.rebalances";

	/** Counter of failovers, tagged {@code reason}. */
	public static final String FAILOVERS = "server.manager.failovers";

	/** Timer of pings, tagged {@code outcome}. */
	public static final String PINGS = "server.manager.pings";

	/** Gauge: the current rebalance interval, in seconds. */
	public static final String REBALANCE_INTERVAL = "server.manager.rebalance.interval";

	static final String SERVICE_TAG = "service";

	static final String OUTCOME_TAG = "outcome";

	static final String REASON_TAG = "reason";

	private final ServerManagerRegistry registry;

	private final List<BoundRegistry> bound = new CopyOnWriteArrayList<>();

	private final AtomicBoolean listening = new AtomicBoolean();

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
		if (this.listening.compareAndSet(false, true)) {
			this.registry.addListener(new MembershipListener());
		}
		this.registry.services().forEach(target::add);
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

	/**
	 * A separate object rather than this binder implementing the listener: the registry
	 * collects listener beans when it is created, and this binder needs the registry.
	 */
	private final class MembershipListener implements ServerManagerRegistryListener {

		@Override
		public void added(ManagedService service) {
			ServerManagerMetrics.this.bound.forEach((target) -> target.add(service));
		}

		@Override
		public void removed(ManagedService service) {
			ServerManagerMetrics.this.bound.forEach((target) -> target.remove(service));
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
