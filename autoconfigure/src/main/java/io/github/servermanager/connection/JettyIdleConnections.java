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
 */
public final class JettyIdleConnections {

	private final ConnectionPools pools;

	/**
	 * Creates the customizers' common part.
	 * @param pools where clients are registered
	 */
	public JettyIdleConnections(ConnectionPools pools) {
		this.pools = pools;
	}

	/**
	 * Returns the customizer of the builder behind {@code RestClient.Builder} and
	 * {@code RestTemplateBuilder}.
	 * @return the customizer
	 */
	public ClientHttpRequestFactoryBuilderCustomizer<JettyClientHttpRequestFactoryBuilder> requestFactoryBuilderCustomizer() {
		return (builder) -> builder.withHttpClientCustomizer(this::register);
	}

	/**
	 * Returns the customizer of the builder behind {@code WebClient.Builder}.
	 * @return the customizer
	 */
	public ClientHttpConnectorBuilderCustomizer<JettyClientHttpConnectorBuilder> connectorBuilderCustomizer() {
		return (builder) -> builder.withHttpClientCustomizer(this::register);
	}

	private void register(HttpClient client) {
		this.pools.register(client, JettyIdleConnections::closeIdle);
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
