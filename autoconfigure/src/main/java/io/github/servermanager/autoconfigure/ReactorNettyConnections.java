package io.github.servermanager.autoconfigure;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The connection pool of the Reactor Netty clients that Spring Boot's builders make, with
 * an idle bound. Reactor Netty sets idle time on the pool, not the client, and Spring
 * Boot's clients share Reactor Netty's global pool by default, which clients made by hand
 * use too: rather than change that one, the builders' clients get a pool of their own,
 * with the settings of the application's {@link ReactorResourceFactory} (or Reactor
 * Netty's defaults) and the bound. Idle connections are evicted in the background on the
 * server manager's timer, and the pool is closed with the application context.
 */
public class ReactorNettyConnections implements DisposableBean {

	private final Duration maxIdleTime;

	private final ScheduledExecutorService timer;

	private final Supplier<@Nullable ReactorResourceFactory> resourceFactory;

	private @Nullable ConnectionProvider provider;

	/**
	 * Creates the pool holder; the pool itself is made when the first client is.
	 * @param maxIdleTime how long a connection may stay idle, zero for no bound (the pool
	 * is then never made)
	 * @param timer runs the background eviction
	 * @param resourceFactory the application's Reactor resources, whose pool settings are
	 * kept, or {@code null}
	 */
	public ReactorNettyConnections(Duration maxIdleTime, ScheduledExecutorService timer,
			Supplier<@Nullable ReactorResourceFactory> resourceFactory) {
		this.maxIdleTime = Objects.requireNonNull(maxIdleTime, "maxIdleTime must not be null");
		this.timer = Objects.requireNonNull(timer, "timer must not be null");
		this.resourceFactory = Objects.requireNonNull(resourceFactory, "resourceFactory must not be null");
	}

	/**
	 * Returns whether connections are bounded at all.
	 * @return {@code false} when the bound is zero
	 */
	public boolean isBounded() {
		return !this.maxIdleTime.isZero();
	}

	/**
	 * Creates a client on the bounded pool, for a builder's
	 * {@code withHttpClientFactory}.
	 * @return the client
	 */
	public HttpClient newClient() {
		return HttpClient.create(provider());
	}

	/**
	 * Returns the pool, made on first use.
	 * @return the bounded pool
	 */
	public synchronized ConnectionProvider provider() {
		if (this.provider == null) {
			this.provider = boundedCopyOf(basePool());
		}
		return this.provider;
	}

	private @Nullable ConnectionProvider basePool() {
		ReactorResourceFactory resources = this.resourceFactory.get();
		return (resources != null) ? resources.getConnectionProvider() : null;
	}

	private ConnectionProvider boundedCopyOf(@Nullable ConnectionProvider base) {
		ConnectionProvider.Builder builder = (base != null) ? base.mutate() : null;
		if (builder == null) {
			builder = ConnectionProvider.builder("server-manager");
		}
		// Checked twice per bound, so a connection closes within 1.5 times the bound.
		Duration every = this.maxIdleTime.dividedBy(2);
		Scheduler eviction = Schedulers.fromExecutorService(this.timer, "server-manager-scheduler");
		return builder.name("server-manager")
			.maxIdleTime(this.maxIdleTime)
			.evictInBackground(every.isZero() ? this.maxIdleTime : every, eviction)
			.build();
	}

	@Override
	public synchronized void destroy() {
		if (this.provider != null) {
			this.provider.dispose();
			this.provider = null;
		}
	}

}
