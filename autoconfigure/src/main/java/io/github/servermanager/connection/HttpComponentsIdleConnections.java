package io.github.servermanager.connection;

import java.time.Duration;

import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.net.URIAuthority;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;

/**
 * Registers the connection manager of every Apache HttpClient 5 client that Spring Boot's
 * builder makes for {@code RestClient} and {@code RestTemplate}, so that the idle
 * connections to a server that left the front are closed, and only those
 * ({@link HttpComponentsServerCloser}).
 * <p>
 * Each client also reports the servers it sends requests to ({@link SentRequests}).
 * <p>
 * Spring Boot does not hand out the manager it builds, only its builder, so the builder
 * is kept while the client is built and the client is given a manager built from it, with
 * every setting of Boot and of other customizers.
 */
public final class HttpComponentsIdleConnections
		implements ClientHttpRequestFactoryBuilderCustomizer<HttpComponentsClientHttpRequestFactoryBuilder> {

	private static final ThreadLocal<@Nullable PoolingHttpClientConnectionManagerBuilder> building = new ThreadLocal<>();

	private final ConnectionPools pools;

	private final HttpComponentsServerCloser<PoolingHttpClientConnectionManager> closer;

	/**
	 * Creates the customizer.
	 * @param pools where managers are registered
	 * @param idleLongerThan how long a connection must have been idle to be closed if the
	 * manager's pool cannot be reached
	 */
	public HttpComponentsIdleConnections(ConnectionPools pools, Duration idleLongerThan) {
		this.pools = pools;
		this.closer = HttpComponentsServerCloser.forManager(PoolingHttpClientConnectionManager.class, idleLongerThan);
	}

	@Override
	public HttpComponentsClientHttpRequestFactoryBuilder customize(
			HttpComponentsClientHttpRequestFactoryBuilder builder) {
		return builder.withConnectionManagerCustomizer(building::set)
			.withHttpClientCustomizer(this::useRegisteredManager);
	}

	private void useRegisteredManager(HttpClientBuilder clientBuilder) {
		PoolingHttpClientConnectionManagerBuilder managerBuilder = building.get();
		building.remove();
		if (managerBuilder != null) {
			PoolingHttpClientConnectionManager manager = managerBuilder.build();
			this.pools.register(manager, this.closer);
			clientBuilder.setConnectionManager(manager);
		}
		SentRequests sent = SentRequests.forClientBeingBuilt();
		clientBuilder.addRequestInterceptorFirst((request, entity, context) -> sent(sent, request));
	}

	/** Records the server of a request, for the classic and the async client alike. */
	static void sent(SentRequests sent, HttpRequest request) {
		URIAuthority authority = request.getAuthority();
		if (authority != null) {
			sent.sent(authority.getHostName(), ServerAddress.portOrDefault(authority.getPort(), request.getScheme()));
		}
	}

}
