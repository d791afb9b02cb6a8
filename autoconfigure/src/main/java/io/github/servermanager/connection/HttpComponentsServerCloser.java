package io.github.servermanager.connection;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;
import org.apache.hc.core5.pool.ConnPoolControl;
import org.apache.hc.core5.pool.LaxConnPool;
import org.apache.hc.core5.pool.PoolEntry;
import org.apache.hc.core5.pool.StrictConnPool;
import org.apache.hc.core5.util.TimeValue;
import org.jspecify.annotations.Nullable;

/**
 * Closes the idle connections to one server in the pool of an Apache HttpClient 5
 * connection manager, classic or async.
 * <p>
 * The manager can close idle connections only all at once ({@code closeIdle}). Used on a
 * front change, that would also close the connection the ping has just opened to the new
 * front, and the connections to the fronts of the other services, whenever they have been
 * idle for the grace period: the next request would then open one more. The pool inside
 * the manager does enumerate its idle connections, which is how it implements
 * {@code closeIdle} itself; the manager keeps it in a private field, read here by
 * reflection. The strict pool (Boot's default) and the lax one are handled. With another
 * pool ({@code OFFLOCK}), or a later HttpClient without that field, closing falls back to
 * {@code closeIdle} with the grace period, and says so once in the log.
 *
 * @param <M> the connection manager type
 */
final class HttpComponentsServerCloser<M extends ConnPoolControl<HttpRoute>> implements BiConsumer<M, ServerAddress> {

	private static final Log logger = LogFactory.getLog(HttpComponentsServerCloser.class);

	static final String POOL_FIELD = "pool";

	private final @Nullable Field poolField;

	private final TimeValue idleLongerThan;

	private final AtomicBoolean fallbackLogged = new AtomicBoolean();

	private HttpComponentsServerCloser(@Nullable Field poolField, Duration idleLongerThan) {
		this.poolField = poolField;
		this.idleLongerThan = TimeValue.of(idleLongerThan.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Returns the closer for managers of the given type.
	 * @param <M> the connection manager type
	 * @param managerType the connection manager type
	 * @param idleLongerThan how long a connection must have been idle to be closed when
	 * the pool cannot be reached
	 * @return the closer
	 */
	static <M extends ConnPoolControl<HttpRoute>> HttpComponentsServerCloser<M> forManager(Class<M> managerType,
			Duration idleLongerThan) {
		return new HttpComponentsServerCloser<>(poolField(managerType), idleLongerThan);
	}

	private static @Nullable Field poolField(Class<?> managerType) {
		try {
			Field field = managerType.getDeclaredField(POOL_FIELD);
			field.setAccessible(true);
			return field;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Whether idle connections are closed per server, as opposed to every connection idle
	 * longer than the grace period.
	 * @param manager a manager of this closer's type
	 * @return {@code true} when the manager's pool was reached and can enumerate its idle
	 * connections
	 */
	boolean closesPerServer(M manager) {
		Object pool = pool(manager);
		return pool instanceof StrictConnPool || pool instanceof LaxConnPool;
	}

	@Override
	public void accept(M manager, ServerAddress address) {
		Object pool = pool(manager);
		if (pool instanceof StrictConnPool<?, ?> strict) {
			closeIdle(strict, address.canonical());
		}
		else if (pool instanceof LaxConnPool<?, ?> lax) {
			closeIdle(lax, address.canonical());
		}
		else {
			if (this.fallbackLogged.compareAndSet(false, true)) {
				logger.info("The idle connections of one server cannot be closed in the pool of "
						+ manager.getClass().getName() + "; a front change closes every connection idle longer than "
						+ this.idleLongerThan);
			}
			manager.closeIdle(this.idleLongerThan);
		}
	}

	private @Nullable Object pool(M manager) {
		if (this.poolField == null || !this.poolField.getDeclaringClass().isInstance(manager)) {
			return null;
		}
		try {
			return this.poolField.get(manager);
		}
		catch (IllegalAccessException ex) {
			return null;
		}
	}

	@SuppressWarnings("unchecked")
	private static void closeIdle(StrictConnPool<?, ?> pool, ServerAddress address) {
		((StrictConnPool<HttpRoute, ModalCloseable>) pool).enumAvailable((entry) -> closeIfTo(entry, address));
	}

	@SuppressWarnings("unchecked")
	private static void closeIdle(LaxConnPool<?, ?> pool, ServerAddress address) {
		((LaxConnPool<HttpRoute, ModalCloseable>) pool).enumAvailable((entry) -> closeIfTo(entry, address));
	}

	/**
	 * Closes an idle connection to the address, given canonical; the pool then drops the
	 * entry, as it does for those {@code closeIdle} closes.
	 */
	private static void closeIfTo(PoolEntry<HttpRoute, ModalCloseable> entry, ServerAddress address) {
		HttpHost target = entry.getRoute().getTargetHost();
		ServerAddress to = new ServerAddress(target.getHostName(),
				ServerAddress.portOrDefault(target.getPort(), target.getSchemeName()));
		if (to.canonical().equals(address)) {
			entry.discardConnection(CloseMode.GRACEFUL);
		}
	}

}
