package io.github.servermanager.connection;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.core5.util.TimeValue;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;

/**
 * Registers the connection manager of every Apache HttpClient 5 client that Spring Boot's
 * builder makes for {@code RestClient} and {@code RestTemplate}.
 * <p>
 * The pool has no public way to close the idle connections of one route, so closing uses
 * {@link PoolingHttpClientConnectionManager#closeIdle}: connections idle for longer than
 * the grace period are closed. When it runs, the old front has had no request for the
 * whole grace period, while the new front normally just had one; a client that sent
 * nothing at all during the grace period reconnects on its next request.
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

	private final Duration idleLongerThan;

	/**
	 * Creates the customizer.
	 * @param pools where managers are registered
	 * @param idleLongerThan how long a connection must have been idle to be closed
	 */
	public HttpComponentsIdleConnections(ConnectionPools pools, Duration idleLongerThan) {
		this.pools = pools;
		this.idleLongerThan = idleLongerThan;
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
			long idleMillis = this.idleLongerThan.toMillis();
			this.pools.register(manager,
					(pool, address) -> pool.closeIdle(TimeValue.of(idleMillis, TimeUnit.MILLISECONDS)));
			clientBuilder.setConnectionManager(manager);
		}
		SentRequests sent = SentRequests.forClientBeingBuilt();
		clientBuilder.addRequestInterceptorFirst((request, entity, context) -> sent(sent, request));
	}

	/** Records the server of a request, for the classic and the async client alike. */
	static void sent(SentRequests sent, HttpRequest request) {
		URIAuthority authority = request.getAuthority();
		if (authority != null) {
			int port = authority.getPort();
			sent.sent(authority.getHostName(), (port >= 0) ? port : ("https".equals(request.getScheme()) ? 443 : 80));
		}
	}

}
