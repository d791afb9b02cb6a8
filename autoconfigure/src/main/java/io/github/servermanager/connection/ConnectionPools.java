package io.github.servermanager.connection;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The connection pools of the HTTP clients built in the application, each with the way to
 * close its idle connections to one server. Pools are held weakly: a client that is no
 * longer used is not kept alive by being registered here.
 */
public class ConnectionPools {

	private static final Log logger = LogFactory.getLog(ConnectionPools.class);

	private final List<Entry<?>> entries = new CopyOnWriteArrayList<>();

	/**
	 * Registers a pool, unless it is registered already (clients may share one).
	 * @param <P> the pool type
	 * @param pool the pool
	 * @param closeIdle closes the pool's idle connections to an address; must not capture
	 * the pool, or it would never be released
	 */
	public synchronized <P> void register(P pool, BiConsumer<P, ServerAddress> closeIdle) {
		Objects.requireNonNull(pool, "pool must not be null");
		this.entries.removeIf((entry) -> entry.pool().refersTo(null));
		if (this.entries.stream().noneMatch((entry) -> entry.pool().get() == pool)) {
			this.entries.add(new Entry<>(new WeakReference<>(pool), closeIdle));
		}
	}

	/**
	 * Returns how many pools are registered and still in use.
	 * @return the count
	 */
	public int size() {
		return (int) this.entries.stream().filter((entry) -> !entry.pool().refersTo(null)).count();
	}

	/**
	 * Closes the idle connections of every pool to {@code address}. Connections that
	 * carry a request are left to finish.
	 * @param address the server
	 */
	public void closeIdleConnections(ServerAddress address) {
		for (Entry<?> entry : this.entries) {
			try {
				entry.closeIdle(address);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not close idle connections to " + address, ex);
			}
		}
	}

	private record Entry<P>(WeakReference<P> pool, BiConsumer<P, ServerAddress> closer) {

		void closeIdle(ServerAddress address) {
			P target = this.pool.get();
			if (target != null) {
				this.closer.accept(target, address);
			}
		}

	}

}
