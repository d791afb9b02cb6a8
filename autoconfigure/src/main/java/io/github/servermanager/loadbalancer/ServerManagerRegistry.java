package io.github.servermanager.loadbalancer;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Every service whose load balancer runs a server manager, in the application context.
 * Services are added when their supplier starts (Spring Cloud LoadBalancer creates a
 * service's context on its first request, unless eager initialization is configured) and
 * removed when that context closes.
 */
public class ServerManagerRegistry {

	private static final Log logger = LogFactory.getLog(ServerManagerRegistry.class);

	private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

	private final List<ServerManagerRegistryListener> listeners = new CopyOnWriteArrayList<>();

	/**
	 * Creates an empty registry.
	 */
	public ServerManagerRegistry() {
	}

	/**
	 * Creates an empty registry with listeners already subscribed.
	 * @param listeners the listeners
	 */
	public ServerManagerRegistry(Collection<? extends ServerManagerRegistryListener> listeners) {
		this.listeners.addAll(listeners);
	}

	/**
	 * Returns every managed service.
	 * @return a snapshot of the services
	 */
	public Collection<ManagedService> services() {
		return this.entries.values().stream().map(Entry::service).toList();
	}

	/**
	 * Finds a managed service.
	 * @param serviceId the service id
	 * @return the service, or empty when it has no manager (yet)
	 */
	public Optional<ManagedService> find(String serviceId) {
		return Optional.ofNullable(this.entries.get(serviceId)).map(Entry::service);
	}

	/**
	 * Subscribes a listener. It is told of services added and removed from now on; call
	 * {@link #services()} for those already there.
	 * @param listener the listener
	 */
	public void addListener(ServerManagerRegistryListener listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
	}

	/**
	 * Unsubscribes a listener.
	 * @param listener the listener
	 */
	public void removeListener(ServerManagerRegistryListener listener) {
		this.listeners.remove(listener);
	}

	/**
	 * Pulls membership from discovery for every service at once, as a discovery
	 * {@code HeartbeatEvent} asks.
	 */
	public void refreshMembership() {
		this.entries.values().forEach((entry) -> entry.hooks().refreshMembership());
	}

	/**
	 * Re-reads each service's {@code secure} override, after the environment changed.
	 */
	public void refreshSecureOverrides() {
		this.entries.values().forEach((entry) -> entry.hooks().refreshSecureOverride());
	}

	void register(ManagedService service, ServiceHooks hooks) {
		Entry previous = this.entries.put(service.serviceId(), new Entry(service, hooks));
		if (previous != null) {
			notifyListeners((listener) -> listener.removed(previous.service()));
		}
		notifyListeners((listener) -> listener.added(service));
	}

	void deregister(ManagedService service) {
		Entry entry = this.entries.get(service.serviceId());
		if (entry != null && entry.service() == service && this.entries.remove(service.serviceId(), entry)) {
			notifyListeners((listener) -> listener.removed(service));
		}
	}

	private void notifyListeners(Consumer<ServerManagerRegistryListener> call) {
		for (ServerManagerRegistryListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("Server manager registry listener " + listener + " failed", ex);
			}
		}
	}

	/**
	 * What the registry asks of the supplier that owns a service.
	 */
	interface ServiceHooks {

		void refreshMembership();

		void refreshSecureOverride();

	}

	private record Entry(ManagedService service, ServiceHooks hooks) {

	}

}
