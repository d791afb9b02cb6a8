package io.github.servermanager.connection;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * What the pings through the application's client share: the captured clients, the reaper
 * that must spare a candidate's fresh connection, and the threads that bound a blocking
 * request by the ping timeout.
 */
public class ClientPings implements DisposableBean {

	private static final Log logger = LogFactory.getLog(ClientPings.class);

	private final CapturedClients clients;

	private final IdleConnectionReaper reaper;

	private final ExecutorService executor;

	/** How pings went last, so that each change is said once. */
	private final AtomicReference<String> route = new AtomicReference<>("");

	/**
	 * Creates the shared part of the pings.
	 * @param clients the captured clients
	 * @param reaper the idle-connection reaper
	 */
	public ClientPings(CapturedClients clients, IdleConnectionReaper reaper) {
		this.clients = Objects.requireNonNull(clients, "clients must not be null");
		this.reaper = Objects.requireNonNull(reaper, "reaper must not be null");
		CustomizableThreadFactory threads = new CustomizableThreadFactory("server-manager-client-ping-");
		threads.setDaemon(true);
		this.executor = Executors.newCachedThreadPool(threads);
	}

	/**
	 * Returns the client to ping through, saying once when that changes.
	 * @return the only client alive, or {@code null} for the socket ping
	 */
	@Nullable Object singleClient() {
		List<Object> alive = this.clients.alive();
		Object single = (alive.size() == 1) ? alive.get(0) : null;
		String now = (single != null) ? "through the application's " + single.getClass().getSimpleName()
				: "over a socket of their own: " + alive.size()
						+ " HTTP clients built by Spring Boot's builders are alive, pings go through one only when"
						+ " there is exactly one";
		if (!this.route.getAndSet(now).equals(now)) {
			logger.info("Server manager HTTP pings go " + now);
		}
		return single;
	}

	IdleConnectionReaper reaper() {
		return this.reaper;
	}

	ExecutorService executor() {
		return this.executor;
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
