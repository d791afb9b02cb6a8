package io.github.servermanager.connection;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * A ping through a reactive connector, the client behind {@code WebClient}. Kept apart
 * from {@link ClientPinger} so that Reactor is loaded only when a connector was captured.
 */
final class ConnectorPing {

	private ConnectorPing() {
	}

	static int status(Object connector, URI uri, Duration timeout) throws SocketTimeoutException {
		try {
			Integer status = ((ClientHttpConnector) connector).connect(HttpMethod.GET, uri, (request) -> {
				request.getHeaders().set("Accept", "application/json, */*");
				request.getHeaders().set("User-Agent", "server-manager-ping");
				return request.setComplete();
			})
				.flatMap((response) -> response.getBody()
					.doOnNext(DataBufferUtils::release)
					.then(Mono.just(response.getStatusCode().value())))
				.timeout(timeout)
				.block();
			if (status == null) {
				throw new IllegalStateException("No HTTP answer from " + uri);
			}
			return status;
		}
		catch (RuntimeException ex) {
			if (ex.getCause() instanceof TimeoutException) {
				throw new SocketTimeoutException("No answer from " + uri + " within " + timeout);
			}
			throw ex;
		}
	}

}
