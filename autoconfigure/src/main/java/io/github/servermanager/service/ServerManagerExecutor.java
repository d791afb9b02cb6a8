package io.github.servermanager.service;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The only threads the server manager runs on, owned by one application context and
 * stopped with it:
 * <ul>
 * <li>one timer thread, {@code server-manager-scheduler}, that only keeps time: the
 * rebalance tick, membership refresh periods and ping deadlines. Nothing on it
 * blocks;</li>
 * <li>a bounded pool of workers, {@code server-manager-worker-N}, for everything that
 * waits on the network: rebalances, failover checks and membership pulls. It has no
 * queue: work that finds every worker busy is refused at once, and its caller tries again
 * later rather than wait behind a server that does not answer.</li>
 * </ul>
 * Workers start when needed and stop after a minute idle; all threads are daemons.
 */
public final class ServerManagerExecutor implements AutoCloseable {

	/** The default bound on workers. */
	public static final int DEFAULT_MAX_WORKERS = 64;

	private static final Log logger = LogFactory.getLog(ServerManagerExecutor.class);

	private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

	private static final Duration IDLE_WORKER_TIMEOUT = Duration.ofMinutes(1);

	private final ScheduledThreadPoolExecutor scheduler;

	private final ThreadPoolExecutor workers;

	/**
	 * Creates the executor with at most {@link #DEFAULT_MAX_WORKERS} workers.
	 */
	public ServerManagerExecutor() {
		this(DEFAULT_MAX_WORKERS);
	}

	/**
	 * Creates the executor. No thread starts before it has work.
	 * @param maxWorkers how many network waits may run at once
	 */
	public ServerManagerExecutor(int maxWorkers) {
		if (maxWorkers < 1) {
			throw new IllegalArgumentException("maxWorkers must be at least 1, but was " + maxWorkers);
		}
		this.scheduler = new ScheduledThreadPoolExecutor(1, new NamedThreads("server-manager-scheduler", false));
		this.scheduler.setRemoveOnCancelPolicy(true);
		this.workers = new ThreadPoolExecutor(0, maxWorkers, IDLE_WORKER_TIMEOUT.toSeconds(), TimeUnit.SECONDS,
				new SynchronousQueue<>(), new NamedThreads("server-manager-worker-", true));
	}

	/**
	 * Returns the timer. Tasks given to it must not block.
	 * @return the scheduler
	 */
	public ScheduledExecutorService scheduler() {
		return this.scheduler;
	}

	/**
	 * Returns the workers. {@link Executor#execute} throws
	 * {@link java.util.concurrent.RejectedExecutionException} when every worker is busy
	 * or the executor is closed.
	 * @return the workers
	 */
	public Executor workers() {
		return this.workers;
	}

	/**
	 * Returns whether {@link #close()} was called.
	 * @return {@code true} once closed
	 */
	public boolean isClosed() {
		return this.workers.isShutdown();
	}

	/**
	 * Stops every thread, interrupting work in flight: a rebalance interrupted this way
	 * leaves its list as it was. The timer stops last, so that the deadlines of pings
	 * still running cut them and release their workers.
	 */
	@Override
	public void close() {
		this.workers.shutdownNow();
		long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
		try {
			boolean stopped = this.workers.awaitTermination(SHUTDOWN_GRACE.toNanos(), TimeUnit.NANOSECONDS);
			this.scheduler.shutdownNow();
			stopped &= this.scheduler.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			if (!stopped) {
				logger.warn("Server manager threads did not stop within " + SHUTDOWN_GRACE);
			}
		}
		catch (InterruptedException ex) {
			this.scheduler.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

	private static final class NamedThreads implements ThreadFactory {

		private final String name;

		private final boolean numbered;

		private final AtomicInteger count = new AtomicInteger();

		NamedThreads(String name, boolean numbered) {
			this.name = name;
			this.numbered = numbered;
		}

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, this.numbered ? this.name + this.count.incrementAndGet() : this.name);
			thread.setDaemon(true);
			return thread;
		}

	}

}
