package io.github.servermanager.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.random.RandomGenerator;

import io.github.servermanager.core.FrontSelection;
import io.github.servermanager.core.Pinger;
import io.github.servermanager.core.RebalanceOutcome;
import io.github.servermanager.core.RebalanceResult;
import io.github.servermanager.core.RebalanceSchedule;
import io.github.servermanager.core.ServerManager;
import io.github.servermanager.core.ServerManagerListener;
import io.github.servermanager.discovery.ServiceInstanceKeys;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;

/**
 * One service's {@link ServerManager} with its rebalance deadline and what it did last:
 * the unit the registry, the scheduler and observability work with.
 */
public final class ManagedService {

	private static final Log logger = LogFactory.getLog(ManagedService.class);

	private final String serviceId;

	private final ServiceSettings settings;

	private final ServerManager<ServiceInstance> manager;

	private final RebalanceSchedule schedule;

	private final List<ServerManagerObserver> observers;

	private final ServerManagerClock clock;

	/** Held for the whole of a rebalance, so that two never run at once for a service. */
	private final ReentrantLock rebalanceLock = new ReentrantLock();

	/** Set while a scheduled rebalance is queued or running, so the tick queues one. */
	private final AtomicBoolean scheduledRunPending = new AtomicBoolean();

	private final AtomicReference<@Nullable RebalanceRecord> lastRebalance = new AtomicReference<>();

	private final AtomicReference<@Nullable FailureRecord> lastFailure = new AtomicReference<>();

	private final AtomicLong failovers = new AtomicLong();

	private final @Nullable FrontSelection<ServiceInstance> frontSelection;

	private final FailoverCheck failoverCheck;

	/**
	 * Set when a failover check pinged every server and none answered, cleared by the
	 * next rebalance that finds one. While it is set failures rotate without a check:
	 * with every server down, a check per failed request would ping the whole list each
	 * time, and the schedule's offline re-checks already look for the way back.
	 */
	private volatile boolean failoverCheckFoundNone;

	/** Guarded by rebalanceLock, as every rebalance reports to it. */
	private final OfflineNotice offlineNotice;

	/**
	 * Creates a managed service with the system clocks and random source.
	 * @param serviceId the service
	 * @param settings its settings
	 * @param pinger how a rebalance checks an instance
	 * @param clusterSize how many clients share the service's servers
	 * @param observers who hears what happens
	 * @param executor the threads failover checks run on
	 */
	public ManagedService(String serviceId, ServiceSettings settings, Pinger<ServiceInstance> pinger,
			IntSupplier clusterSize, List<ServerManagerObserver> observers, ServerManagerExecutor executor) {
		this(serviceId, settings, pinger, clusterSize, observers, executor, ServerManagerClock.SYSTEM,
				() -> ThreadLocalRandom.current().nextLong(), null);
	}

	/**
	 * Creates a managed service.
	 * @param serviceId the service
	 * @param settings its settings
	 * @param pinger how a rebalance checks an instance
	 * @param clusterSize how many clients share the service's servers
	 * @param observers who hears what happens
	 * @param executor the threads failover checks run on
	 * @param clock the clocks deadlines are kept in
	 * @param random the source of shuffles and staggers
	 * @param frontSelection the order in which a rebalance tries servers, or {@code null}
	 * for the seed's shuffle
	 */
	public ManagedService(String serviceId, ServiceSettings settings, Pinger<ServiceInstance> pinger,
			IntSupplier clusterSize, List<ServerManagerObserver> observers, ServerManagerExecutor executor,
			ServerManagerClock clock, RandomGenerator random,
			@Nullable FrontSelection<ServiceInstance> frontSelection) {
		this.serviceId = Objects.requireNonNull(serviceId, "serviceId must not be null");
		this.settings = Objects.requireNonNull(settings, "settings must not be null");
		this.observers = List.copyOf(observers);
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		this.manager = ServerManager.<ServiceInstance>builder(ServiceInstanceKeys::keyOf)
			.pinger(timed(Objects.requireNonNull(pinger, "pinger must not be null")))
			.clusterSize(clusterSize)
			.random(random)
			.minReuse(settings.minReuse())
			.jitterFraction(settings.jitterFraction())
			.connsPerSecPerServer(settings.connsPerSecPerServer())
			.connectionsPerRebalance(settings.connectionsPerRebalance())
			.listener(new ManagerListener())
			.frontSelection((frontSelection != null) ? frontSelection : FrontSelection.random(random))
			.build();
		this.frontSelection = frontSelection;
		this.offlineNotice = new OfflineNotice(serviceId, pinger);
		this.failoverCheck = new FailoverCheck(executor, settings.failoverCheckWait());
		this.schedule = new RebalanceSchedule(this.manager, settings.spread(), settings.rearmOnMembershipChange(),
				settings.offlineRecheck(), clock.nanoTime());
	}

	/**
	 * Returns the service id.
	 * @return the id the load balancer knows the service by
	 */
	public String serviceId() {
		return this.serviceId;
	}

	/**
	 * Returns the manager of the service's servers.
	 * @return the manager
	 */
	public ServerManager<ServiceInstance> manager() {
		return this.manager;
	}

	/**
	 * Returns how the front server is picked at a rebalance.
	 * @return the selection, or {@code null} for the seed's shuffle
	 */
	public @Nullable FrontSelection<ServiceInstance> frontSelection() {
		return this.frontSelection;
	}

	/**
	 * Returns the settings in effect.
	 * @return the settings
	 */
	public ServiceSettings settings() {
		return this.settings;
	}

	/**
	 * Returns the cluster size the rebalance interval is scaled by.
	 * @return the number of clients that share the servers
	 */
	public int clusterSize() {
		return this.manager.clusterSize();
	}

	/**
	 * Returns when the next scheduled rebalance is due.
	 * @return the deadline, as a wall-clock time
	 */
	public Instant nextRebalanceAt() {
		long remaining = this.schedule.deadlineNanos() - this.clock.nanoTime();
		return this.clock.now().plusNanos(remaining);
	}

	/**
	 * Returns the interval the next deadline was computed from.
	 * @return the interval
	 */
	public Duration rebalanceInterval() {
		return this.schedule.interval();
	}

	/**
	 * Returns the last rebalance.
	 * @return what it did, or {@code null} before the first one
	 */
	public @Nullable RebalanceRecord lastRebalance() {
		return this.lastRebalance.get();
	}

	/**
	 * Returns how many times a failed request moved the front server away.
	 * @return the count since start
	 */
	public long failovers() {
		return this.failovers.get();
	}

	/**
	 * Returns the last failed request.
	 * @return the failure, or {@code null} when none has been reported
	 */
	public @Nullable FailureRecord lastFailure() {
		return this.lastFailure.get();
	}

	/**
	 * Rebalances now, on the calling thread. Waits for a rebalance of this service that
	 * is already running rather than run beside it, then arms the next deadline.
	 * @return what the rebalance did
	 */
	public RebalanceResult<ServiceInstance> rebalanceNow() {
		this.rebalanceLock.lock();
		try {
			return rebalanceLocked();
		}
		finally {
			this.rebalanceLock.unlock();
		}
	}

	/**
	 * Moves the front server to the end of the list, as a failed request would, for
	 * example to drain it.
	 * @return the server now in front, or {@code null} when there are no servers
	 */
	public @Nullable ServiceInstance rotateFront() {
		List<ServiceInstance> servers = this.manager.servers();
		if (!servers.isEmpty()) {
			this.manager.notifyFailedServer(servers.get(0));
		}
		servers = this.manager.servers();
		return servers.isEmpty() ? null : servers.get(0);
	}

	/**
	 * Reports that a request to {@code instance} failed. Only a failure of the front
	 * server moves it; a late report about a server already rotated away is recorded and
	 * otherwise ignored.
	 * @param instance the instance that handled the request
	 * @param reason why it counts as failed
	 * @param detail the exception's class name or the status code
	 */
	public void reportFailure(ServiceInstance instance, FailureReason reason, String detail) {
		this.lastFailure.set(new FailureRecord(this.clock.now(), instance, reason, detail));
		if (this.manager.rotateFailedServer(instance)) {
			failedOver(instance, reason);
			if (!this.settings.failoverCheckWait().isZero() && !this.failoverCheckFoundNone
					&& !this.manager.isOffline()) {
				this.failoverCheck.startUnlessRunning(this::checkFrontAfterFailover);
			}
		}
	}

	/**
	 * Returns the check of the front that a failover started, while it runs, so that a
	 * request can wait for it rather than go to a server nobody checked.
	 * @return the running check, or {@code null} when none is running
	 */
	public @Nullable CompletableFuture<Void> failoverCheckInProgress() {
		return this.failoverCheck.inProgress();
	}

	private void failedOver(ServiceInstance instance, FailureReason reason) {
		this.failovers.incrementAndGet();
		notifyObservers((observer) -> observer.failedOver(this.serviceId, instance, reason));
	}

	/**
	 * Checks the server a failover put in front ({@link ServerManager#checkFront}), each
	 * server that does not answer counting as a failover. Skipped while a rebalance runs:
	 * that one publishes a server that answered. A pass in which nothing answered counts
	 * as a rebalance that found the service offline: the schedule re-checks soon.
	 */
	private void checkFrontAfterFailover() {
		if (!this.rebalanceLock.tryLock()) {
			return;
		}
		try {
			RebalanceOutcome outcome = this.manager.checkFront((silent) -> failedOver(silent, FailureReason.PING));
			if (outcome == RebalanceOutcome.OFFLINE) {
				this.failoverCheckFoundNone = true;
				this.schedule.rebalanced(this.clock.nanoTime(), RebalanceOutcome.OFFLINE);
			}
		}
		finally {
			this.rebalanceLock.unlock();
		}
	}

	/**
	 * Returns whether a rebalance is due: the deadline passed, or the front selection's
	 * last choice no longer holds (the client's rank changed).
	 */
	boolean isDue() {
		return this.schedule.isDue(this.clock.nanoTime()) || this.manager.selectionOutdated();
	}

	/**
	 * Claims the one scheduled run this service may have queued or running.
	 * @return {@code true} when the caller must now run {@link #runScheduledRebalance()}
	 */
	boolean claimScheduledRun() {
		return this.scheduledRunPending.compareAndSet(false, true);
	}

	void releaseScheduledRun() {
		this.scheduledRunPending.set(false);
	}

	/**
	 * Runs a due rebalance, unless one is already running: that one arms the next
	 * deadline, so there is nothing left to do.
	 */
	void runScheduledRebalance() {
		try {
			if (!this.rebalanceLock.tryLock()) {
				return;
			}
			try {
				if (isDue()) {
					rebalanceLocked();
				}
			}
			finally {
				this.rebalanceLock.unlock();
			}
		}
		finally {
			releaseScheduledRun();
		}
	}

	private RebalanceResult<ServiceInstance> rebalanceLocked() {
		RebalanceResult<ServiceInstance> result = this.manager.rebalance();
		if (result.outcome() == RebalanceOutcome.HEALTHY) {
			this.failoverCheckFoundNone = false;
		}
		Duration next = this.schedule.rebalanced(this.clock.nanoTime(), result.outcome());
		this.lastRebalance
			.set(new RebalanceRecord(this.clock.now(), result.outcome(), result.chosen(), result.pings()));
		if (logger.isDebugEnabled()) {
			logger.debug("Rebalanced service '" + this.serviceId + "': " + result.outcome() + ", " + result.pings()
					+ " ping(s), next in " + next);
		}
		this.offlineNotice.rebalanced(result, this.manager.isOffline(), next);
		notifyObservers((observer) -> observer.rebalanced(this.serviceId, result));
		return result;
	}

	/** Times each ping here: the core knows no clocks. */
	private Pinger<ServiceInstance> timed(Pinger<ServiceInstance> pinger) {
		return (instance) -> {
			long start = this.clock.nanoTime();
			boolean healthy = false;
			try {
				healthy = pinger.ping(instance);
				return healthy;
			}
			finally {
				long nanos = this.clock.nanoTime() - start;
				boolean answered = healthy;
				notifyObservers((observer) -> observer.pinged(this.serviceId, instance, answered, nanos));
			}
		};
	}

	private void notifyObservers(Consumer<ServerManagerObserver> call) {
		Observers.notifyEach(this.observers, call);
	}

	@Override
	public String toString() {
		return "ManagedService[" + this.serviceId + "]";
	}

	private final class ManagerListener implements ServerManagerListener<ServiceInstance> {

		@Override
		public void serverRotated(ServiceInstance failed, ServiceInstance newFront) {
			if (logger.isDebugEnabled()) {
				logger.debug("Service '" + ManagedService.this.serviceId + "' moved from "
						+ ServiceInstanceKeys.keyOf(failed) + " to " + ServiceInstanceKeys.keyOf(newFront));
			}
			notifyFrontChanged(failed, newFront);
		}

		@Override
		public void membershipChanged(List<ServiceInstance> servers, @Nullable ServiceInstance previousFront) {
			// A rebalance publishes through here too, before the schedule is re-armed by
			// it; the count is unchanged then, so this is a no-op.
			ManagedService.this.schedule.membershipChanged(ManagedService.this.clock.nanoTime());
			notifyFrontChanged(previousFront, servers.isEmpty() ? null : servers.get(0));
		}

		/** Tells observers when another server took the front, by key. */
		private void notifyFrontChanged(@Nullable ServiceInstance previous, @Nullable ServiceInstance current) {
			String previousKey = (previous != null) ? ServiceInstanceKeys.keyOf(previous) : null;
			String currentKey = (current != null) ? ServiceInstanceKeys.keyOf(current) : null;
			if (!Objects.equals(previousKey, currentKey)) {
				notifyObservers((observer) -> observer.frontChanged(ManagedService.this.serviceId, previous, current));
			}
		}

	}

}
