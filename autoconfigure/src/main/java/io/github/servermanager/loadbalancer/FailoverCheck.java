package io.github.servermanager.loadbalancer;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
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

	private final Executor executor;

	private final AtomicReference<@Nullable CompletableFuture<Void>> running = new AtomicReference<>();

	FailoverCheck(Executor executor) {
		this.executor = Objects.requireNonNull(executor, "executor must not be null");
	}

	/**
	 * Starts {@code check} unless one is running: a check walks from the front until a
	 * server answers, so a second one would only repeat its pings.
	 * @param check the check to run
	 */
	void startUnlessRunning(Runnable check) {
		CompletableFuture<Void> started = new CompletableFuture<>();
		CompletableFuture<Void> previous = this.running.get();
		if ((previous != null && !previous.isDone()) || !this.running.compareAndSet(previous, started)) {
			return;
		}
		try {
			this.executor.execute(() -> {
				try {
					check.run();
				}
				finally {
					started.complete(null);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// Shutting down: nothing to check for.
			started.complete(null);
		}
	}

	/**
	 * Returns the check that is running.
	 * @return the running check, or {@code null} when none is
	 */
	@Nullable CompletableFuture<Void> inProgress() {
		CompletableFuture<Void> check = this.running.get();
		return (check != null && !check.isDone()) ? check : null;
	}

}
