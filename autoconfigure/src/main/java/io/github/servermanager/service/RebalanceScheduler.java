package io.github.servermanager.service;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Walks the registry once per tick, on the executor's timer, and hands every service
 * whose rebalance is due to a worker. The tick only compares deadlines: pings run on the
 * workers. Each service has at most one rebalance queued or running, so a service whose
 * servers are black-holed holds only its own worker, for as long as its pings time out,
 * while every other service rebalances on time.
 * <p>
 * Runs from the start of the application context to its stop; the application's own
 * scheduling, if it has any, is left alone.
 */
public class RebalanceScheduler implements SmartLifecycle {

	/** How often due services are looked for: deadlines are minutes apart. */
	public static final Duration DEFAULT_TICK = Duration.ofSeconds(1);

	private static final Log logger = LogFactory.getLog(RebalanceScheduler.class);

	private final ServerManagerRegistry registry;

	private final ServerManagerExecutor executor;

	private final Duration tick;

	private volatile @Nullable ScheduledFuture<?> ticking;

	/**
	 * Creates a scheduler.
	 * @param registry the services to rebalance
	 * @param executor the threads to tick and rebalance on
	 * @param tick how often due services are looked for
	 */
	public RebalanceScheduler(ServerManagerRegistry registry, ServerManagerExecutor executor, Duration tick) {
		this.registry = Objects.requireNonNull(registry, "registry must not be null");
		this.executor = Objects.requireNonNull(executor, "executor must not be null");
		Objects.requireNonNull(tick, "tick must not be null");
		if (tick.isNegative() || tick.isZero()) {
			throw new IllegalArgumentException("tick must be positive, but was " + tick);
		}
		this.tick = tick;
	}

	@Override
	public synchronized void start() {
		if (this.ticking == null) {
			long millis = Math.max(1, this.tick.toMillis());
			this.ticking = this.executor.scheduler()
				.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public synchronized void stop() {
		ScheduledFuture<?> current = this.ticking;
		if (current != null) {
			current.cancel(false);
			this.ticking = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.ticking != null;
	}

	/**
	 * Hands a rebalance to a worker for every service that is due and has none queued or
	 * running.
	 */
	public void tick() {
		for (ManagedService service : this.registry.services()) {
			if (service.isDue() && service.claimScheduledRun()) {
				submit(service);
			}
		}
	}

	private void submit(ManagedService service) {
		try {
			this.executor.workers().execute(service::runScheduledRebalance);
		}
		catch (RejectedExecutionException ex) {
			// Every worker busy, or shutting down: the service stays due and the next
			// tick tries again.
			service.releaseScheduledRun();
			if (!this.executor.isClosed()) {
				logger.debug("Rebalance of service '" + service.serviceId() + "' postponed: all workers busy");
			}
		}
	}

}
