package io.github.servermanager.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.servermanager.loadbalancer.ManagedService;
import io.github.servermanager.loadbalancer.ServerManagerObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Closes the idle connections to a server a grace period after it left the front of a
 * service, unless it is then the front of some managed service again: one pool serves
 * every service the application calls, and a connection to another service's front must
 * stay.
 */
public class IdleConnectionReaper implements ServerManagerObserver, DisposableBean {

	private static final Log logger = LogFactory.getLog(IdleConnectionReaper.class);

	private final ConnectionPools pools;

	private final Supplier<? extends Iterable<ManagedService>> services;

	private final Predicate<String> enabledForService;

	private final Duration grace;

	private final TaskScheduler scheduler;

	/**
	 * Servers being pinged through the application's client, until when: the rebalance
	 * that pings one moves the front to it only afterwards, and a close left over from an
	 * earlier front change must not take the connection the ping just opened.
	 */
	private final Map<ServerAddress, Instant> candidates = new ConcurrentHashMap<>();

	/** The scheduler this reaper made for itself, shut down with it. */
	private final @Nullable ThreadPoolTaskScheduler ownScheduler;

	/**
	 * Creates a reaper.
	 * @param pools the pools to close connections in
	 * @param services every managed service, read when the grace period ends
	 * @param enabledForService whether a departure from a service's front closes
	 * connections
	 * @param grace how long in-flight requests get before idle connections close
	 * @param scheduler runs the closes
	 */
	public IdleConnectionReaper(ConnectionPools pools, Supplier<? extends Iterable<ManagedService>> services,
			Predicate<String> enabledForService, Duration grace, TaskScheduler scheduler) {
		this.pools = Objects.requireNonNull(pools, "pools must not be null");
		this.services = Objects.requireNonNull(services, "services must not be null");
		this.enabledForService = Objects.requireNonNull(enabledForService, "enabledForService must not be null");
		this.grace = Objects.requireNonNull(grace, "grace must not be null");
		this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
		this.ownScheduler = null;
		pools.inUseWhen(this::isFrontOfAnyService);
	}

	/**
	 * Creates a reaper that runs the closes on a daemon thread of its own, stopped when
	 * the reaper is destroyed.
	 * @param pools the pools to close connections in
	 * @param services every managed service, read when the grace period ends
	 * @param enabledForService whether a departure from a service's front closes
	 * connections
	 * @param grace how long in-flight requests get before idle connections close
	 */
	public IdleConnectionReaper(ConnectionPools pools, Supplier<? extends Iterable<ManagedService>> services,
			Predicate<String> enabledForService, Duration grace) {
		this.pools = Objects.requireNonNull(pools, "pools must not be null");
		this.services = Objects.requireNonNull(services, "services must not be null");
		this.enabledForService = Objects.requireNonNull(enabledForService, "enabledForService must not be null");
		this.grace = Objects.requireNonNull(grace, "grace must not be null");
		ThreadPoolTaskScheduler own = new ThreadPoolTaskScheduler();
		own.setThreadNamePrefix("server-manager-connections-");
		own.setDaemon(true);
		own.initialize();
		this.scheduler = own;
		this.ownScheduler = own;
		pools.inUseWhen(this::isFrontOfAnyService);
	}

	@Override
	public void destroy() {
		if (this.ownScheduler != null) {
			this.ownScheduler.shutdown();
		}
	}

	@Override
	public void frontChanged(String serviceId, @Nullable ServiceInstance previous, @Nullable ServiceInstance current) {
		if (current != null) {
			this.candidates.remove(ServerAddress.of(current));
		}
		if (previous == null || !this.enabledForService.test(serviceId)) {
			return;
		}
		ServerAddress address = ServerAddress.of(previous);
		if (current != null && address.equals(ServerAddress.of(current))) {
			return;
		}
		this.scheduler.schedule(() -> closeUnlessFront(address), this.scheduler.getClock().instant().plus(this.grace));
	}

	/**
	 * Closes the idle connections to {@code address} unless it is the front of a managed
	 * service, which may have happened during the grace period.
	 * @param address the server that left a front
	 */
	void closeUnlessFront(ServerAddress address) {
		Instant spared = this.candidates.get(address);
		if (spared != null && this.scheduler.getClock().instant().isBefore(spared)) {
			// Pinged just now: look again once the rebalance has had time to move the
			// front.
			this.scheduler.schedule(() -> closeUnlessFront(address), spared);
			return;
		}
		this.candidates.remove(address, spared);
		if (isFrontOfAnyService(address)) {
			return;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Closing idle connections to " + address + ", no longer in front of any service");
		}
		this.pools.closeIdleConnections(address);
	}

	private boolean isFrontOfAnyService(ServerAddress address) {
		for (ManagedService service : this.services.get()) {
			ServiceInstance front = service.manager().findServer();
			if (front != null && address.equals(ServerAddress.of(front))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Spares the connections to a server while a ping through the application's client
	 * reaches it and the rebalance moves the front to it.
	 * @param address the server about to be pinged
	 * @param pingTimeout the longest the ping may take
	 */
	public void pinging(ServerAddress address, Duration pingTimeout) {
		this.candidates.put(address, this.scheduler.getClock().instant().plus(pingTimeout).plus(this.grace));
	}

	/**
	 * Closes, after the grace period, the connection a failed ping left to a server,
	 * unless it is then the front of a service.
	 * @param address the server whose ping failed
	 */
	public void pingFailed(ServerAddress address) {
		this.candidates.remove(address);
		this.scheduler.schedule(() -> closeUnlessFront(address), this.scheduler.getClock().instant().plus(this.grace));
	}

}
