package io.github.servermanager.connection;

import java.time.Duration;

import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.HttpComponentsClientHttpConnectorBuilder;

/**
 * Registers the connection manager of every Apache HttpClient 5 async client that Spring
 * Boot's builder makes for {@code WebClient}, and lets each client report the servers it
 * sends requests to ({@link SentRequests}).
 * <p>
 * As for the classic client ({@link HttpComponentsIdleConnections}), only the idle
 * connections to the server that left the front are closed, and the client is given a
 * manager built from the builder Boot prepared, with every setting of Boot and of other
 * customizers.
 */
public final class HttpComponentsAsyncIdleConnections
		implements ClientHttpConnectorBuilderCustomizer<HttpComponentsClientHttpConnectorBuilder> {

	private static final ThreadLocal<@Nullable PoolingAsyncClientConnectionManagerBuilder> building = new ThreadLocal<>();

	private final ConnectionPools pools;

	private final HttpComponentsServerCloser<PoolingAsyncClientConnectionManager> closer;

	/**
	 * Creates the customizer.
	 * @param pools where managers are registered
	 * @param idleLongerThan how long a connection must have been idle to be closed if the
	 * manager's pool cannot be reached
	 */
	public HttpComponentsAsyncIdleConnections(ConnectionPools pools, Duration idleLongerThan) {
		this.pools = pools;
		this.closer = HttpComponentsServerCloser.forManager(PoolingAsyncClientConnectionManager.class, idleLongerThan);
	}

	@Override
	public HttpComponentsClientHttpConnectorBuilder customize(HttpComponentsClientHttpConnectorBuilder builder) {
		return builder.withConnectionManagerCustomizer(building::set)
			.withHttpClientCustomizer(this::useRegisteredManager);
	}

	private void useRegisteredManager(HttpAsyncClientBuilder clientBuilder) {
		PoolingAsyncClientConnectionManagerBuilder managerBuilder = building.get();
		building.remove();
		if (managerBuilder != null) {
			PoolingAsyncClientConnectionManager manager = managerBuilder.build();
			this.pools.register(manager, this.closer);
			clientBuilder.setConnectionManager(manager);
		}
		SentRequests sent = SentRequests.forClientBeingBuilt();
		clientBuilder.addRequestInterceptorFirst(
				(request, entity, context) -> HttpComponentsIdleConnections.sent(sent, request));
	}

}
