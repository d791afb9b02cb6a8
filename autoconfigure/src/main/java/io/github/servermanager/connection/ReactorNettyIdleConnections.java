package io.github.servermanager.connection;

import java.net.InetSocketAddress;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;

/**
 * Registers the {@link ConnectionProvider} of every Reactor Netty client that Spring
 * Boot's builders make, for {@code WebClient} and for {@code RestClient} /
 * {@code RestTemplate} alike. Closing uses {@link ConnectionProvider#disposeWhen}: the
 * pool of that address is removed and its idle connections close at once, while
 * connections that carry a request close when it completes; the next request to that
 * address opens a new pool.
 */
public final class ReactorNettyIdleConnections {

	private final ConnectionPools pools;

	/**
	 * Creates the customizers' common part.
	 * @param pools where providers are registered
	 */
	public ReactorNettyIdleConnections(ConnectionPools pools) {
		this.pools = pools;
	}

	/**
	 * Returns the customizer of the builder behind {@code WebClient.Builder}.
	 * @return the customizer
	 */
	public ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder> connectorBuilderCustomizer() {
		return (builder) -> builder.withHttpClientCustomizer(this::register);
	}

	/**
	 * Returns the customizer of the builder behind {@code RestClient.Builder} and
	 * {@code RestTemplateBuilder}.
	 * @return the customizer
	 */
	public ClientHttpRequestFactoryBuilderCustomizer<ReactorClientHttpRequestFactoryBuilder> requestFactoryBuilderCustomizer() {
		return (builder) -> builder.withHttpClientCustomizer(this::register);
	}

	private HttpClient register(HttpClient client) {
		this.pools.register(client.configuration().connectionProvider(), ReactorNettyIdleConnections::closeIdle);
		return client;
	}

	/** Pools are keyed by the unresolved host and port of the request URI. */
	private static void closeIdle(ConnectionProvider provider, ServerAddress address) {
		provider.disposeWhen(InetSocketAddress.createUnresolved(address.host(), address.port()));
	}

}
