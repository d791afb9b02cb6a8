package io.github.servermanager.service;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * Runs at most one check of a service's new front at a time, off the request path, and
 * lets requests that arrive meanwhile wait for it.
 * <p>
 * Consul moves to the next server when the front fails and trusts it until the next
 * rebalance. When the failure took a whole zone or rack down, the next server is often
 * down as well, and each client would fail one request per dead server before it reaches
 * a live one. A check that pings the new front right away (and moves on while it does not
 * answer) costs one ping per failover and turns those into one failed request.
 */
final class FailoverCheck {

	private final ServerManagerExecutor executor;

	private final Duration wait;

	private final AtomicReference<@Nullable Check> running = new AtomicReference<>();

	/**
	 * Creates the check.
	 * @param executor runs the check on a worker and bounds the wait on its timer
	 * @param wait how long requests wait for a check, at most
	 */
	FailoverCheck(ServerManagerExecutor executor, Duration wait) {
		this.executor = Objects.requireNonNull(executor, "executor must not be null");
		this.wait = Objects.requireNonNull(wait, "wait must not be null");
	}

	/**
	 * Starts {@code check} unless one is running: a check walks from the front until a
	 * server answers, so a second one would only repeat its pings.
	 * @param check the check to run
	 */
	void startUnlessRunning(Runnable check) {
		Check started = new Check(new CompletableFuture<>(), new CompletableFuture<>());
		Check previous = this.running.get();
		if ((previous != null && !previous.done().isDone()) || !this.running.compareAndSet(previous, started)) {
			return;
		}
		// Requests stop waiting when the check ends or at the bound, whichever comes
		// first.
		started.done().whenComplete((result, ex) -> started.waited().complete(null));
		try {
			this.executor.workers().execute(() -> {
				try {
					check.run();
				}
				finally {
					started.done().complete(null);
				}
			});
			ScheduledFuture<?> bound = this.executor.scheduler()
				.schedule(() -> started.waited().complete(null), Math.max(1, this.wait.toMillis()),
						TimeUnit.MILLISECONDS);
			started.done().whenComplete((result, ex) -> bound.cancel(false));
		}
		catch (RejectedExecutionException ex) {
			// Every worker busy, or shutting down: requests go on without a check.
			started.done().complete(null);
		}
	}

	/**
	 * Returns what requests wait for while a check runs: it completes when the check
	 * ends, or at the latest after the wait given at construction.
	 * @return what to wait for, or {@code null} when no request needs to wait
	 */
	@Nullable CompletableFuture<Void> inProgress() {
		Check check = this.running.get();
		return (check != null && !check.waited().isDone()) ? check.waited() : null;
	}

	/**
	 * One check: {@code done} when it ended, {@code waited} when requests stop waiting
	 * for it. A second check starts only once the first is done, however long requests
	 * waited.
	 */
	private record Check(CompletableFuture<Void> done, CompletableFuture<Void> waited) {

	}

}
