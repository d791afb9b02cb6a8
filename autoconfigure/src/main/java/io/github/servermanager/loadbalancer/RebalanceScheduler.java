package io.github.servermanager.loadbalancer;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
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
 * small bounded pool. The tick only compares deadlines: pings run on the pool, so a hung
 * server delays its own service's rebalance and nothing else, and each service has at
 * most one rebalance queued or running.
 */
public class RebalanceScheduler implements DisposableBean {

	private static final Log logger = LogFactory.getLog(RebalanceScheduler.class);

	private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

	private final ServerManagerRegistry registry;

	private final ThreadPoolExecutor executor;

	/**
	 * Creates a scheduler.
	 * @param registry the services to rebalance
	 * @param threads how many rebalances may run at once across all services
	 * @param queueCapacity how many due services may wait for a thread
	 */
	public RebalanceScheduler(ServerManagerRegistry registry, int threads, int queueCapacity) {
		this.registry = registry;
		this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(queueCapacity), new RebalanceThreadFactory());
		this.executor.allowCoreThreadTimeOut(true);
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
