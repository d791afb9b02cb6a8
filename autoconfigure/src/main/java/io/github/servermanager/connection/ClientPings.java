package io.github.servermanager.connection;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import io.github.servermanager.connection.CapturedClients.AliveClient;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * What the pings through the application's client share: the captured clients and the
 * choice among them, the reaper that must spare a candidate's fresh connection, and the
 * threads that bound a blocking request by the ping timeout.
 */
public class ClientPings implements DisposableBean {

	private static final Log logger = LogFactory.getLog(ClientPings.class);

	private final CapturedClients clients;

	private final IdleConnectionReaper reaper;

	private final Function<String, Collection<ServerAddress>> serversOfService;

	private final ExecutorService executor;

	/**
	 * The client each service's pings went through last, so that each change is said
	 * once.
	 */
	private final Map<String, String> routes = new ConcurrentHashMap<>();

	/**
	 * Creates the shared part of the pings.
	 * @param clients the captured clients
	 * @param reaper the idle-connection reaper
	 * @param serversOfService the servers a service has now, by service id
	 */
	public ClientPings(CapturedClients clients, IdleConnectionReaper reaper,
			Function<String, Collection<ServerAddress>> serversOfService) {
		this.clients = Objects.requireNonNull(clients, "clients must not be null");
		this.reaper = Objects.requireNonNull(reaper, "reaper must not be null");
		this.serversOfService = Objects.requireNonNull(serversOfService, "serversOfService must not be null");
		CustomizableThreadFactory threads = new CustomizableThreadFactory("server-manager-client-ping-");
		threads.setDaemon(true);
		this.executor = Executors.newCachedThreadPool(threads);
	}

	/**
	 * Returns the client to ping an instance through, saying once per service when that
	 * changes: the client that sent the last request to the service (naming its id or one
	 * of its servers). Until one did, or when no client's requests can be seen (a
	 * {@code WebClient} on the JDK client), the ping keeps a socket of its own: a client
	 * that does not call the service may not even reach it (a proxy for outside APIs,
	 * say), and a connection left in it would be one more.
	 * @param instance the instance to ping
	 * @return the client, or {@code null} for the socket ping
	 */
	@Nullable Object clientFor(ServiceInstance instance) {
		Set<ServerAddress> servers = new HashSet<>(this.serversOfService.apply(instance.getServiceId()));
		servers.add(ServerAddress.of(instance));
		List<AliveClient> alive = this.clients.aliveWithRequests();
		Object chosen = lastToSend(alive, instance.getServiceId(), servers);
		sayOnChange(instance.getServiceId(), chosen, alive.size());
		return chosen;
	}

	private void sayOnChange(String serviceId, @Nullable Object chosen, int alive) {
		String route = (chosen != null) ? chosen.getClass().getName() + "@" + System.identityHashCode(chosen) : "";
		if (!route.equals(this.routes.put(serviceId, route))) {
			logger.info("Server manager HTTP pings of service '" + serviceId + "' go "
					+ ((chosen != null)
							? "through the application's " + chosen.getClass().getSimpleName()
									+ ", which sent the last request to it"
							: "over a socket of their own: none of the " + alive
									+ " HTTP clients built by Spring Boot's builders was seen calling it"));
		}
	}

	private static @Nullable Object lastToSend(List<AliveClient> alive, String serviceId, Set<ServerAddress> servers) {
		Object last = null;
		long lastAt = 0;
		for (AliveClient client : alive) {
			OptionalLong at = client.sent().lastSentTo(serviceId, servers);
			if (at.isPresent() && (last == null || at.getAsLong() - lastAt > 0)) {
				last = client.client();
				lastAt = at.getAsLong();
			}
		}
		return last;
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
