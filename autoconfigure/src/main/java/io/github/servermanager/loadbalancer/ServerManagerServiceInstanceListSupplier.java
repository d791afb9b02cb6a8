package io.github.servermanager.loadbalancer;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.ServerManagerExecutor;
import io.github.servermanager.service.ServerManagerRegistry;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * Emits a service's instances in its {@link io.github.servermanager.core.ServerManager}'s
 * order, the server for this request first (the front, or one of the aperture's servers
 * in proportion to its share), and keeps the manager in step with the discovery-backed
 * delegate.
 * <p>
 * Membership is pulled off the request path: when the supplier starts, every
 * {@code membership-refresh} interval and whenever the registry asks (a discovery
 * {@code HeartbeatEvent}). Requests read the manager's published list and never wait for
 * discovery, except those that arrive before the first pull: they wait for the first pull
 * once the supplier started, and pull through the delegate themselves, passing their
 * {@link Request} on, before.
 * <p>
 * The instances emitted are those discovery reported, unless the service has a
 * {@code secure} override: then they are wrapped in a
 * {@link SecureOverrideServiceInstance}.
 */
public class ServerManagerServiceInstanceListSupplier extends DelegatingServiceInstanceListSupplier {

	private static final Log logger = LogFactory.getLog(ServerManagerServiceInstanceListSupplier.class);

	private final ManagedService service;

	private final ServerManagerRegistry registry;

	private final Supplier<@Nullable Boolean> secureOverride;

	private final Runnable beforeMembershipPull;

	private final ServerManagerExecutor executor;

	/**
	 * Pull requests not yet served; a positive count means a pull is queued or running.
	 */
	private final AtomicInteger pendingPulls = new AtomicInteger();

	private final AtomicBoolean emptyDiscoveryLogged = new AtomicBoolean();

	private volatile boolean synced;

	/**
	 * Spring's retry-aware supplier wraps this one and forwards its own start and stop
	 * here, so both may arrive twice.
	 */
	private final AtomicBoolean started = new AtomicBoolean();

	private final AtomicBoolean stopped = new AtomicBoolean();

	private volatile @Nullable ScheduledFuture<?> periodicPull;

	/**
	 * Completes when the first pull on a worker ended, however it ended. Requests that
	 * arrive meanwhile wait for it rather than order the servers themselves: that pull
	 * ranks this client first, and an order taken without the rank would put the client
	 * on a random front.
	 */
	private final CompletableFuture<Void> firstPull = new CompletableFuture<>();

	/**
	 * Creates a supplier.
	 * @param delegate the discovery-backed supplier membership is pulled from
	 * @param service the managed service whose manager this supplier feeds
	 * @param registry where the service is registered while the supplier runs
	 * @param secureOverride supplies the service's {@code secure} override, {@code null}
	 * when discovery's flag stands
	 * @param beforeMembershipPull runs on the pulling thread before each pull, for work
	 * that must stay off the request path (counting the cluster)
	 * @param executor the threads membership is pulled on
	 */
	public ServerManagerServiceInstanceListSupplier(ServiceInstanceListSupplier delegate, ManagedService service,
			ServerManagerRegistry registry, Supplier<@Nullable Boolean> secureOverride, Runnable beforeMembershipPull,
			ServerManagerExecutor executor) {
		super(delegate);
		this.executor = Objects.requireNonNull(executor, "executor must not be null");
		this.service = Objects.requireNonNull(service, "service must not be null");
		this.registry = Objects.requireNonNull(registry, "registry must not be null");
		this.secureOverride = Objects.requireNonNull(secureOverride, "secureOverride must not be null");
		this.beforeMembershipPull = Objects.requireNonNull(beforeMembershipPull,
				"beforeMembershipPull must not be null");
	}

	/**
	 * Returns the managed service this supplier feeds.
	 * @return the service
	 */
	public ManagedService getManagedService() {
		return this.service;
	}

	@Override
	public String getServiceId() {
		return this.service.serviceId();
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return get(null);
	}

	@Override
	public Flux<List<ServiceInstance>> get(@Nullable Request request) {
		if (this.synced) {
			CompletableFuture<Void> check = this.service.failoverCheckInProgress();
			if (check == null) {
				return Flux.just(this.service.manager().requestOrder());
			}
			// A failure just moved the front and its successor is being pinged: wait for
			// the answer rather than send this request to a server that may be down with
			// the one before it. The check completes at the latest after the wait bound.
			return Mono.fromFuture(check, true)
				.onErrorResume((ex) -> Mono.empty())
				.then(Mono.fromSupplier(() -> this.service.manager().requestOrder()))
				.flux();
		}
		if (this.periodicPull != null && !this.firstPull.isDone()) {
			return Mono.fromFuture(this.firstPull, true).thenMany(Flux.defer(() -> get(request)));
		}
		Flux<List<ServiceInstance>> membership = (request != null) ? this.delegate.get(request) : this.delegate.get();
		return membership.take(1).map((instances) -> {
			applyMembership(instances);
			return this.service.manager().requestOrder();
		});
	}

	@Override
	public void afterPropertiesSet() throws Exception {
		if (!this.started.compareAndSet(false, true)) {
			return;
		}
		super.afterPropertiesSet();
		this.registry.register(this.service, new Hooks());
		long period = Math.max(1, this.service.settings().membershipRefresh().toMillis());
		try {
			this.periodicPull = this.executor.scheduler()
				.scheduleWithFixedDelay(this::refreshMembership, 0, period, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// The application is closing: requests pull through the delegate themselves.
			this.firstPull.complete(null);
		}
	}

	@Override
	public void destroy() throws Exception {
		if (!this.stopped.compareAndSet(false, true)) {
			return;
		}
		ScheduledFuture<?> periodic = this.periodicPull;
		if (periodic != null) {
			periodic.cancel(false);
		}
		this.firstPull.complete(null);
		this.registry.deregister(this.service);
		super.destroy();
	}

	/**
	 * Pulls membership from discovery on a worker thread. Requests that arrive while a
	 * pull is running are folded into one more pull after it, so a change reported during
	 * a pull is never missed and pulls never pile up. When every worker is busy the
	 * request is dropped: the next refresh period or heartbeat pulls again.
	 */
	public void refreshMembership() {
		if (this.pendingPulls.getAndIncrement() == 0) {
			try {
				this.executor.workers().execute(this::drainPulls);
			}
			catch (RejectedExecutionException ex) {
				this.pendingPulls.set(0);
				this.firstPull.complete(null);
			}
		}
	}

	private void drainPulls() {
		int missed = 1;
		do {
			try {
				pullOnce();
			}
			finally {
				this.firstPull.complete(null);
			}
			missed = this.pendingPulls.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void pullOnce() {
		try {
			this.beforeMembershipPull.run();
			List<ServiceInstance> instances = this.delegate.get().next().block(Duration.ofMinutes(1));
			if (instances != null) {
				applyMembership(instances);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Pulling the instances of service '" + getServiceId() + "' failed, keeping the "
					+ this.service.manager().numServers() + " known", ex);
		}
	}

	/**
	 * Merges a membership snapshot into the manager. An empty snapshot is ignored while
	 * servers are known: discovery suppliers report errors and timeouts as an empty list,
	 * and dropping every server on a discovery hiccup would turn it into an outage.
	 */
	private void applyMembership(List<ServiceInstance> instances) {
		if (instances.isEmpty()) {
			if (this.emptyDiscoveryLogged.compareAndSet(false, true)) {
				int known = this.service.manager().numServers();
				logger
					.warn((known > 0)
							? "Discovery reports no instances of service '" + getServiceId() + "', keeping the " + known
									+ " last known"
							: "Discovery reports no instances of service '" + getServiceId() + "'");
			}
			this.synced = true;
			return;
		}
		this.emptyDiscoveryLogged.set(false);
		Boolean secure = this.secureOverride.get();
		this.service.manager()
			.syncServers(instances.stream()
				.map((instance) -> SecureOverrideServiceInstance.apply(instance, secure))
				.toList());
		this.synced = true;
	}

	private void refreshSecureOverride() {
		Boolean secure = this.secureOverride.get();
		this.service.manager().updateServers((instance) -> SecureOverrideServiceInstance.apply(instance, secure));
	}

	private final class Hooks implements ServerManagerRegistry.ServiceHooks {

		@Override
		public void refreshMembership() {
			ServerManagerServiceInstanceListSupplier.this.refreshMembership();
		}

		@Override
		public void refreshSecureOverride() {
			ServerManagerServiceInstanceListSupplier.this.refreshSecureOverride();
		}

	}

}
