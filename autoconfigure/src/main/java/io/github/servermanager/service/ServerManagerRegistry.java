package io.github.servermanager.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Every service whose load balancer runs a server manager, in the application context.
 * Services are added when their supplier starts (Spring Cloud LoadBalancer creates a
 * service's context on its first request, unless eager initialization is configured) and
 * removed when that context closes.
 */
public class ServerManagerRegistry {

	private static final Log logger = LogFactory.getLog(ServerManagerRegistry.class);

	private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

	/** Observers given at creation, looked up when a service first comes or goes. */
	private final Supplier<? extends Collection<? extends ServerManagerObserver>> initialObservers;

	private volatile @Nullable List<ServerManagerObserver> resolvedInitialObservers;

	private final List<ServerManagerObserver> subscribed = new CopyOnWriteArrayList<>();

	/**
	 * Creates an empty registry.
	 */
	public ServerManagerRegistry() {
		this(List::of);
	}

	/**
	 * Creates an empty registry with observers already subscribed.
	 * @param observers the observers
	 */
	public ServerManagerRegistry(Collection<? extends ServerManagerObserver> observers) {
		this(() -> observers);
	}

	/**
	 * Creates an empty registry whose observers are looked up when the first service
	 * comes, not now: an observer may itself need the registry (the meter binder does),
	 * and services come long after the application context is built.
	 * @param observers supplies the observers, called once
	 */
	public ServerManagerRegistry(Supplier<? extends Collection<? extends ServerManagerObserver>> observers) {
		this.initialObservers = Objects.requireNonNull(observers, "observers must not be null");
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
	 * Subscribes an observer to services added and removed from now on; call
	 * {@link #services()} for those already there. An observer given at creation, or
	 * subscribed before, is not told twice.
	 * @param observer the observer
	 */
	public void addObserver(ServerManagerObserver observer) {
		Objects.requireNonNull(observer, "observer must not be null");
		if (this.subscribed.stream().noneMatch((existing) -> existing == observer)) {
			this.subscribed.add(observer);
		}
	}

	/**
	 * Unsubscribes an observer added with {@link #addObserver}.
	 * @param observer the observer
	 */
	public void removeObserver(ServerManagerObserver observer) {
		this.subscribed.removeIf((existing) -> existing == observer);
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

	/**
	 * Registers a service while its supplier runs, replacing one of the same id.
	 * @param service the service
	 * @param hooks what the registry may ask of the service's supplier
	 */
	public void register(ManagedService service, ServiceHooks hooks) {
		Entry previous = this.entries.put(service.serviceId(), new Entry(service, hooks));
		if (previous != null) {
			notifyListeners((listener) -> listener.removed(previous.service()));
		}
		notifyListeners((listener) -> listener.added(service));
	}

	/**
	 * Removes a service, unless another one of the same id took its place meanwhile.
	 * @param service the service
	 */
	public void deregister(ManagedService service) {
		Entry entry = this.entries.get(service.serviceId());
		if (entry != null && entry.service() == service && this.entries.remove(service.serviceId(), entry)) {
			notifyListeners((listener) -> listener.removed(service));
		}
	}

	private void notifyListeners(Consumer<ServerManagerObserver> call) {
		Observers.notifyEach(observers(), call);
	}

	/** The observers given at creation, then those subscribed, each once. */
	private List<ServerManagerObserver> observers() {
		List<ServerManagerObserver> initial = this.resolvedInitialObservers;
		if (initial == null) {
			initial = List.copyOf(this.initialObservers.get());
			this.resolvedInitialObservers = initial;
		}
		List<ServerManagerObserver> all = new ArrayList<>(initial);
		for (ServerManagerObserver observer : this.subscribed) {
			if (all.stream().noneMatch((existing) -> existing == observer)) {
				all.add(observer);
			}
		}
		return all;
	}

	/**
	 * What the registry asks of the supplier that owns a service.
	 */
	public interface ServiceHooks {

		/** Pulls membership from discovery now, off the calling thread. */
		void refreshMembership();

		/** Applies the service's {@code secure} override again. */
		void refreshSecureOverride();

	}

	private record Entry(ManagedService service, ServiceHooks hooks) {

	}

}
