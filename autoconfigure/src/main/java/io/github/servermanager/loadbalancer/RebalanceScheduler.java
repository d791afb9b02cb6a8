package io.github.servermanager.loadbalancer;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Walks the registry once per tick and hands every service whose rebalance is due to a
 * pool. The tick only compares deadlines: pings run on the pool. Each service has at most
 * one rebalance queued or running, so a pool with a thread per service (up to a bound)
 * lets a service whose servers are black-holed hold only its own thread, for as long as
 * its pings time out, while every other service rebalances on time. Threads start when a
 * rebalance needs one and stop after a minute idle, so a quiet application keeps none.
 */
public class RebalanceScheduler implements DisposableBean {

	/** The default bound on rebalances that run at once. */
	public static final int DEFAULT_MAX_THREADS = 64;

	private static final Log logger = LogFactory.getLog(RebalanceScheduler.class);

	private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

	private static final Duration IDLE_THREAD_TIMEOUT = Duration.ofMinutes(1);

	private final ServerManagerRegistry registry;

	private final ThreadPoolExecutor executor;

	/**
	 * Creates a scheduler with at most {@link #DEFAULT_MAX_THREADS} threads.
	 * @param registry the services to rebalance
	 */
	public RebalanceScheduler(ServerManagerRegistry registry) {
		this(registry, DEFAULT_MAX_THREADS);
	}

	/**
	 * Creates a scheduler.
	 * @param registry the services to rebalance
	 * @param maxThreads how many rebalances may run at once across all services; a due
	 * service that finds them all busy waits for a later tick
	 */
	public RebalanceScheduler(ServerManagerRegistry registry, int maxThreads) {
		if (maxThreads < 1) {
			throw new IllegalArgumentException("maxThreads must be at least 1, but was " + maxThreads);
		}
		this.registry = registry;
		// No queue: a due service either gets a thread now (an idle one or a new one) or
		// stays due, so no service ever waits behind another's pings.
		this.executor = new ThreadPoolExecutor(0, maxThreads, IDLE_THREAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS,
				new SynchronousQueue<>(), new RebalanceThreadFactory());
	}

	/**
	 * Queues a rebalance for every service that is due and has none queued or running.
	 */
	@Scheduled(fixedDelayString = "${server-manager.tick:1s}")
	public void tick() {
		if (this.executor.isShutdown()) {
			return;
		}
		for (ManagedService service : this.registry.services()) {
			if (service.isDue() && service.claimScheduledRun()) {
				submit(service);
			}
		}
	}

	private void submit(ManagedService service) {
		try {
			this.executor.execute(service::runScheduledRebalance);
		}
		catch (RejectedExecutionException ex) {
			// Full or shutting down: the service stays due and the next tick tries again.
			service.releaseScheduledRun();
			if (!this.executor.isShutdown()) {
				logger.debug("Rebalance of service '" + service.serviceId() + "' postponed: all threads busy");
			}
		}
	}

	/**
	 * Stops the pool, interrupting pings in flight: a rebalance interrupted this way
	 * leaves its list as it was.
	 */
	@Override
	public void destroy() throws InterruptedException {
		this.executor.shutdownNow();
		if (!this.executor.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
			logger.warn("Rebalance threads did not stop within " + SHUTDOWN_GRACE);
		}
	}

	private static final class RebalanceThreadFactory implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, "server-manager-rebalance-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
