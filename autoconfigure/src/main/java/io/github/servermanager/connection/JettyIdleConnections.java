package io.github.servermanager.connection;

import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.ConnectionPool;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Origin;

import org.springframework.boot.http.client.JettyClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.JettyClientHttpConnectorBuilder;

/**
 * Registers every Jetty {@link HttpClient} that Spring Boot's builders make. Closing
 * takes the idle connections of the destination at that host and port out of its pool,
 * one by one (a pool hands out only idle connections when told not to create one), and
 * closes them; connections that carry a request are not idle and are left alone.
 * <p>
 * Each client also reports the servers it sends requests to ({@link SentRequests}).
 * <p>
 * It is the customizer of both builders: the request factory of
 * {@code RestClient.Builder} and {@code RestTemplateBuilder}, and
 * {@code WebClient.Builder}'s connector.
 */
public final class JettyIdleConnections
		implements ClientHttpRequestFactoryBuilderCustomizer<JettyClientHttpRequestFactoryBuilder>,
		ClientHttpConnectorBuilderCustomizer<JettyClientHttpConnectorBuilder> {

	private final ConnectionPools pools;

	/**
	 * Creates the customizer.
	 * @param pools where clients are registered
	 */
	public JettyIdleConnections(ConnectionPools pools) {
		this.pools = pools;
	}

	@Override
	public JettyClientHttpRequestFactoryBuilder customize(JettyClientHttpRequestFactoryBuilder builder) {
		return builder.withHttpClientCustomizer(this::register);
	}

	@Override
	public JettyClientHttpConnectorBuilder customize(JettyClientHttpConnectorBuilder builder) {
		return builder.withHttpClientCustomizer(this::register);
	}

	private void register(HttpClient client) {
		this.pools.register(client, JettyIdleConnections::closeIdle);
		SentRequests sent = SentRequests.forClientBeingBuilt();
		client.getRequestListeners().addBeginListener((request) -> sent.sent(request.getHost(), request.getPort()));
	}

	private static void closeIdle(HttpClient client, ServerAddress address) {
		for (Destination destination : client.getDestinations()) {
			Origin.Address origin = destination.getOrigin().getAddress();
			if (origin.getPort() == address.port() && origin.getHost().equalsIgnoreCase(address.host())) {
				closeIdle(destination.getConnectionPool(), client.getMaxConnectionsPerDestination());
			}
		}
	}

	/** Bounded, in case a pool hands the same connection out again. */
	private static void closeIdle(ConnectionPool pool, int atMost) {
		for (int i = 0; i < atMost; i++) {
			Connection idle = pool.acquire(false);
			if (idle == null) {
				return;
			}
			pool.remove(idle);
			idle.close();
		}
	}

}
