package io.github.servermanager.connection;

import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The connection pools of the HTTP clients built in the application, each with the way to
 * close its idle connections to one server. Pools are held weakly: a client that is no
 * longer used is not kept alive by being registered here.
 * <p>
 * A pool can be shared by several applications in one JVM: Reactor Netty's global
 * resources are, by default. A server one of them has left may be another's front, so
 * each application says which servers it still needs ({@link #inUseWhen}) and a shared
 * pool is closed for a server only when none of the applications sharing it needs it.
 */
public class ConnectionPools {

	private static final Log logger = LogFactory.getLog(ConnectionPools.class);

	/** Every application's register of each pool, JVM-wide; pools are weak keys. */
	private static final Map<Object, List<WeakReference<ConnectionPools>>> sharers = Collections
		.synchronizedMap(new WeakHashMap<>());

	private final List<Entry<?>> entries = new CopyOnWriteArrayList<>();

	private volatile Predicate<ServerAddress> inUse = (address) -> false;

	/**
	 * Says which servers this application still needs connections to, so that another
	 * application sharing one of its pools does not close them.
	 * @param inUse whether a server is the front of one of this application's services
	 */
	public void inUseWhen(Predicate<ServerAddress> inUse) {
		this.inUse = Objects.requireNonNull(inUse, "inUse must not be null");
	}

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
			List<WeakReference<ConnectionPools>> registers = sharers.computeIfAbsent(pool,
					(key) -> new CopyOnWriteArrayList<>());
			registers.removeIf((register) -> register.refersTo(null));
			registers.add(new WeakReference<>(this));
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
				Object pool = entry.pool().get();
				if (pool != null && !neededByAnotherApplication(pool, address)) {
					entry.closeIdle(address);
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Could not close idle connections to " + address, ex);
			}
		}
	}

	private boolean neededByAnotherApplication(Object pool, ServerAddress address) {
		List<WeakReference<ConnectionPools>> registers = sharers.get(pool);
		if (registers == null) {
			return false;
		}
		for (WeakReference<ConnectionPools> reference : registers) {
			ConnectionPools register = reference.get();
			if (register != null && register != this && register.inUse.test(address)) {
				return true;
			}
		}
		return false;
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
