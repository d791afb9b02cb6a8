package io.github.servermanager.connection;

import java.net.InetSocketAddress;

import reactor.netty.http.HttpResources;
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
 * <p>
 * Each client also reports the servers it sends requests to ({@link SentRequests}).
 * <p>
 * It is the customizer of both builders: {@code WebClient.Builder}'s connector and the
 * request factory of {@code RestClient.Builder} and {@code RestTemplateBuilder}.
 */
public final class ReactorNettyIdleConnections
		implements ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder>,
		ClientHttpRequestFactoryBuilderCustomizer<ReactorClientHttpRequestFactoryBuilder> {

	private final ConnectionPools pools;

	/**
	 * Creates the customizer, and registers Reactor Netty's global pool: clients that
	 * Spring Boot's builders did not make use it too, such as a bare
	 * {@code WebClient.builder()}'s, and so have their connections to a former front
	 * closed as well.
	 * @param pools where providers are registered
	 */
	public ReactorNettyIdleConnections(ConnectionPools pools) {
		this.pools = pools;
		pools.register(HttpResources.get(), ReactorNettyIdleConnections::closeIdle);
	}

	@Override
	public ReactorClientHttpConnectorBuilder customize(ReactorClientHttpConnectorBuilder builder) {
		return builder.withHttpClientCustomizer(this::register);
	}

	@Override
	public ReactorClientHttpRequestFactoryBuilder customize(ReactorClientHttpRequestFactoryBuilder builder) {
		return builder.withHttpClientCustomizer(this::register);
	}

	private HttpClient register(HttpClient client) {
		this.pools.register(client.configuration().connectionProvider(), ReactorNettyIdleConnections::closeIdle);
		SentRequests sent = SentRequests.forClientBeingBuilt();
		return client.doOnRequest((request, connection) -> sent.sent(request.resourceUrl()));
	}

	/** Pools are keyed by the unresolved host and port of the request URI. */
	private static void closeIdle(ConnectionProvider provider, ServerAddress address) {
		provider.disposeWhen(InetSocketAddress.createUnresolved(address.host(), address.port()));
	}

}
